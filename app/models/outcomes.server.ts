// A pilot's reporting periods and their outcomes (aggregated counts by pathway, never people).
// A period and its grid of counts are saved together in one transaction with the audit entry; an
// edit carries the version read and is refused when it is stale. Periods of a pilot do not overlap.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, ne, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import { pilotOutcomes, pilotPeriods, pilots, type PilotPeriod } from "~/db/schema";
import { outcomePathways, type OutcomePathway } from "~/lib/enums";
import type { PathwayCounts, PeriodCounts } from "~/lib/outcomes";
import type { PeriodCommandInput, PeriodInput } from "~/lib/validation/outcomes";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import type { Outcome } from "./owned-records.server";
import { isUuid } from "~/lib/uuid";

export type StoredPeriod = PeriodCounts & {
  id: string;
  pilotId: string;
  version: number;
  notes: string | null;
  archivedAt: Date | null;
};

function toStored(row: PilotPeriod, outcomes: PathwayCounts): StoredPeriod {
  return {
    id: row.id,
    pilotId: row.pilotId,
    version: row.version,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    newParticipants: row.newParticipants,
    participantsAtEnd: row.participantsAtEnd,
    notes: row.notes,
    archivedAt: row.archivedAt,
    outcomes,
  };
}

/**
 * The periods of these pilots with their outcomes, oldest first, in two queries whatever their
 * number. Archived periods are left out, or only they are returned with `{ archived: true }`.
 */
export async function loadPeriods(
  db: Db,
  pilotIds: readonly string[],
  { archived = false }: { archived?: boolean } = {},
): Promise<Map<string, StoredPeriod[]>> {
  const ids = [...new Set(pilotIds.filter((id) => isUuid(id)))];
  const byPilot = new Map<string, StoredPeriod[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byPilot;
  const where = and(
    inArray(pilotPeriods.pilotId, ids),
    archived ? isNotNull(pilotPeriods.archivedAt) : isNull(pilotPeriods.archivedAt),
  );
  const [periods, outcomes] = await Promise.all([
    db
      .select()
      .from(pilotPeriods)
      .where(where)
      .orderBy(asc(pilotPeriods.pilotId), asc(pilotPeriods.periodStart), asc(pilotPeriods.id)),
    db
      .select({
        periodId: pilotOutcomes.pilotPeriodId,
        pathway: pilotOutcomes.pathway,
        count: pilotOutcomes.count,
      })
      .from(pilotOutcomes)
      .innerJoin(pilotPeriods, eq(pilotPeriods.id, pilotOutcomes.pilotPeriodId))
      .where(where),
  ]);
  const countsByPeriod = new Map<string, PathwayCounts>();
  for (const o of outcomes) {
    const counts = countsByPeriod.get(o.periodId) ?? {};
    counts[o.pathway] = o.count;
    countsByPeriod.set(o.periodId, counts);
  }
  for (const period of periods) {
    byPilot.get(period.pilotId)?.push(toStored(period, countsByPeriod.get(period.id) ?? {}));
  }
  return byPilot;
}

async function outcomesOf(tx: Db, periodId: string): Promise<PathwayCounts> {
  const rows = await tx
    .select({ pathway: pilotOutcomes.pathway, count: pilotOutcomes.count })
    .from(pilotOutcomes)
    .where(eq(pilotOutcomes.pilotPeriodId, periodId));
  return Object.fromEntries(rows.map((r) => [r.pathway, r.count])) as PathwayCounts;
}

/** Only the non-zero counts are stored (a missing pathway is 0); a negative one is left to the CHECK to refuse. */
function nonZero(outcomes: Record<OutcomePathway, number>): PathwayCounts {
  return Object.fromEntries(
    outcomePathways.filter((p) => outcomes[p] !== 0).map((p) => [p, outcomes[p]]),
  ) as PathwayCounts;
}

/** Replace the period's grid: two statements whatever the number of pathways. */
async function writeOutcomes(tx: Db, periodId: string, counts: PathwayCounts): Promise<void> {
  const kept = Object.keys(counts) as OutcomePathway[];
  await tx
    .delete(pilotOutcomes)
    .where(
      kept.length === 0
        ? eq(pilotOutcomes.pilotPeriodId, periodId)
        : and(eq(pilotOutcomes.pilotPeriodId, periodId), notInArray(pilotOutcomes.pathway, kept)),
    );
  if (kept.length === 0) return;
  await tx
    .insert(pilotOutcomes)
    .values(kept.map((pathway) => ({ pilotPeriodId: periodId, pathway, count: counts[pathway] ?? 0 })))
    .onConflictDoUpdate({
      target: [pilotOutcomes.pilotPeriodId, pilotOutcomes.pathway],
      set: { count: sql`excluded.count`, updatedAt: new Date() },
    });
}

/** The audit snapshot of a period: its row and its grid (so the log shows the changed counts). */
function snapshot(row: PilotPeriod, outcomes: PathwayCounts) {
  return { ...row, outcomes };
}

export type PeriodRefusalReason = "overlap" | "duplicateStart" | "pilotArchived";

/**
 * Add a period (no id) or edit one (id and the version read), with its grid of outcomes, in one
 * transaction with its audit entry. Refused: unknown pilot or period, stale version, a period that
 * overlaps another (not archived) period of the pilot, or starts on the day an archived one starts.
 */
export async function savePeriod(
  db: Db,
  actor: Actor,
  pilotId: string,
  input: PeriodInput,
): Promise<Outcome<StoredPeriod, PeriodRefusalReason>> {
  if (!isUuid(pilotId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    // Lock the pilot: two saves of the same pilot's periods run one after the other, so the
    // overlap check below cannot be raced.
    const [pilot] = await tx
      .select({ id: pilots.id, archivedAt: pilots.archivedAt })
      .from(pilots)
      .where(eq(pilots.id, pilotId))
      .for("update");
    if (!pilot) return { ok: false, reason: "notFound" } as const;
    if (pilot.archivedAt) return { ok: false, reason: "pilotArchived" } as const;

    let before: PilotPeriod | undefined;
    if (input.id) {
      [before] = await tx
        .select()
        .from(pilotPeriods)
        .where(and(eq(pilotPeriods.id, input.id), eq(pilotPeriods.pilotId, pilotId)))
        .for("update");
      if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
      if (before.version !== input.version) {
        return {
          ok: false,
          reason: "stale",
          current: toStored(before, await outcomesOf(tx, before.id)),
        } as const;
      }
    }
    const others = before ? ne(pilotPeriods.id, before.id) : undefined;
    const clashes = await tx
      .select({ periodStart: pilotPeriods.periodStart, archivedAt: pilotPeriods.archivedAt })
      .from(pilotPeriods)
      .where(
        and(
          eq(pilotPeriods.pilotId, pilotId),
          others,
          or(
            eq(pilotPeriods.periodStart, input.periodStart),
            and(
              isNull(pilotPeriods.archivedAt),
              lte(pilotPeriods.periodStart, input.periodEnd),
              gte(pilotPeriods.periodEnd, input.periodStart),
            ),
          ),
        ),
      );
    if (clashes.some((c) => c.archivedAt === null)) return { ok: false, reason: "overlap" } as const;
    if (clashes.length > 0) return { ok: false, reason: "duplicateStart" } as const;

    const values = {
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      newParticipants: input.newParticipants,
      participantsAtEnd: input.participantsAtEnd,
      notes: input.notes ? input.notes : null,
    };
    const counts = nonZero(input.outcomes);
    if (!before) {
      const created = one(
        await tx
          .insert(pilotPeriods)
          .values({ ...values, pilotId })
          .returning(),
      );
      await writeOutcomes(tx, created.id, counts);
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "pilot_period",
        entityId: created.id,
        after: snapshot(created, counts),
      });
      return { ok: true, record: toStored(created, counts) } as const;
    }
    const beforeCounts = await outcomesOf(tx, before.id);
    const updated = one(
      await tx
        .update(pilotPeriods)
        .set({ ...values, version: before.version + 1, updatedAt: new Date() })
        .where(eq(pilotPeriods.id, before.id))
        .returning(),
    );
    await writeOutcomes(tx, updated.id, counts);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "pilot_period",
      entityId: updated.id,
      ...changedFields(snapshot(before, beforeCounts), snapshot(updated, counts)),
    });
    return { ok: true, record: toStored(updated, counts) } as const;
  });
}

/** Archive (or restore) a period, at the version read. A restored period must not overlap another. */
export async function setPeriodArchived(
  db: Db,
  actor: Actor,
  pilotId: string,
  command: PeriodCommandInput,
): Promise<Outcome<StoredPeriod, "overlap">> {
  if (!isUuid(pilotId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    await tx.select({ id: pilots.id }).from(pilots).where(eq(pilots.id, pilotId)).for("update");
    const [before] = await tx
      .select()
      .from(pilotPeriods)
      .where(and(eq(pilotPeriods.id, command.id), eq(pilotPeriods.pilotId, pilotId)))
      .for("update");
    if (!before) return { ok: false, reason: "notFound" } as const;
    const counts = await outcomesOf(tx, before.id);
    if (before.version !== command.version) {
      return { ok: false, reason: "stale", current: toStored(before, counts) } as const;
    }
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null))
      return { ok: true, record: toStored(before, counts) } as const;
    if (!archive) {
      const [clash] = await tx
        .select({ id: pilotPeriods.id })
        .from(pilotPeriods)
        .where(
          and(
            eq(pilotPeriods.pilotId, pilotId),
            ne(pilotPeriods.id, before.id),
            isNull(pilotPeriods.archivedAt),
            lte(pilotPeriods.periodStart, before.periodEnd),
            gte(pilotPeriods.periodEnd, before.periodStart),
          ),
        );
      if (clash) return { ok: false, reason: "overlap" } as const;
    }
    const updated = one(
      await tx
        .update(pilotPeriods)
        .set({ archivedAt: archive ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(pilotPeriods.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archive ? "archive" : "restore",
      entityType: "pilot_period",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: toStored(updated, counts) } as const;
  });
}
