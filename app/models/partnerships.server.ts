// Partnerships: the record itself (find, create, edit, archive) and what needs attention on its
// overview. Lists are in partnership-list.server.ts, members in partnership-members.server.ts.
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  fundingLines,
  objectives,
  partnershipMembers,
  partnerships,
  risks,
  type Partnership,
} from "~/db/schema";
import { activationProblem, todayIso } from "~/lib/partnership-status";
import { needsAttention, type AttentionItem } from "~/lib/attention";
import type { PartnershipFields, PartnershipRefusal } from "~/lib/validation/partnerships";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { one } from "~/db/rows.server";
import { isUuid } from "~/lib/uuid";

export type { Partnership } from "~/db/schema";

/** The partnership's heading fields, or undefined when there is none with that id. */
export async function findPartnershipHeader(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      countryCode: partnerships.countryCode,
      startDate: partnerships.startDate,
      endDate: partnerships.endDate,
      archivedAt: partnerships.archivedAt,
      version: partnerships.version,
    })
    .from(partnerships)
    .where(eq(partnerships.id, id));
  return row;
}

/** The overview's own fields of a partnership. */
export async function findPartnershipOverview(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Creating, editing, archiving and restoring. One transaction each, the audit entry inside it.

export type PartnershipOutcome =
  { ok: true; partnership: Partnership } | { ok: false; reason: PartnershipRefusal; current?: Partnership };

function partnershipValues(input: PartnershipFields) {
  return {
    name: input.name,
    description: input.description ?? null,
    status: input.status,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    scopeLevel: input.scopeLevel ?? null,
    countryCode: input.countryCode ?? null,
    formalisation: input.formalisation,
    governance: input.governance ?? null,
  };
}

export async function lockPartnership(tx: Db, id: string): Promise<Partnership | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(partnerships).where(eq(partnerships.id, id)).for("update");
  return row;
}

/** Members without a left date: those the rules of an active partnership count. */
export async function continuingMembers(tx: Db, partnershipId: string) {
  return tx
    .select()
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.partnershipId, partnershipId),
        isNull(partnershipMembers.archivedAt),
        isNull(partnershipMembers.leftOn),
      ),
    );
}

/**
 * A new partnership. It has no members yet, so it cannot start as "active" (two members and a lead
 * first).
 */
export async function createPartnership(
  db: Db,
  actor: Actor,
  input: PartnershipFields,
): Promise<PartnershipOutcome> {
  if (input.status === "active") return { ok: false, reason: "activeNeedsMembers" };
  return db.transaction(async (tx) => {
    const partnership = one(await tx.insert(partnerships).values(partnershipValues(input)).returning());
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "partnership",
      entityId: partnership.id,
      after: partnership,
    });
    return { ok: true, partnership } as const;
  });
}

/** Edit a partnership with the version read; becoming active needs two members and one lead. */
export async function updatePartnership(
  db: Db,
  actor: Actor,
  id: string,
  input: PartnershipFields & { version: number },
): Promise<PartnershipOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPartnership(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    if (before.archivedAt) return { ok: false, reason: "archived", current: before } as const;
    if (input.status === "active" && before.status !== "active") {
      const problem = activationProblem(await continuingMembers(tx, id));
      if (problem) return { ok: false, reason: problem } as const;
    }
    const after = one(
      await tx
        .update(partnerships)
        .set({ ...partnershipValues(input), version: before.version + 1 })
        .where(eq(partnerships.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "partnership",
      entityId: id,
      ...changedFields(before, after),
    });
    return { ok: true, partnership: after } as const;
  });
}

/** Archive (hide) or restore a partnership, with the version read. */
export async function setPartnershipArchived(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  archived: boolean,
): Promise<PartnershipOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPartnership(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (Boolean(before.archivedAt) === archived) return { ok: true, partnership: before } as const;
    const after = one(
      await tx
        .update(partnerships)
        .set({ archivedAt: archived ? new Date() : null, version: before.version + 1 })
        .where(eq(partnerships.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "partnership",
      entityId: id,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, partnership: after } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// The overview: what needs attention

/**
 * The partnership's problems today. Risk titles are partnership-confidential: with aggregate access
 * only the count of overdue reviews is returned (the titles are not even read).
 */
export async function partnershipAttention(
  db: Db,
  partnership: Pick<Partnership, "id" | "status">,
  access: "full" | "aggregate",
  today: string = todayIso(),
): Promise<AttentionItem[]> {
  const id = partnership.id;
  const [members, objectiveRows, riskRows, fundingRows] = await Promise.all([
    db
      .select({ role: partnershipMembers.role })
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, id),
          isNull(partnershipMembers.archivedAt),
          or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
        ),
      ),
    db
      .select({
        title: objectives.title,
        indicator: objectives.indicator,
        dueDate: objectives.dueDate,
        status: objectives.status,
      })
      .from(objectives)
      .where(and(eq(objectives.partnershipId, id), isNull(objectives.archivedAt)))
      .orderBy(asc(objectives.dueDate), asc(objectives.title)),
    access === "full"
      ? db
          .select({ title: risks.title, status: risks.status, reviewOn: risks.reviewOn })
          .from(risks)
          .where(and(eq(risks.partnershipId, id), isNull(risks.archivedAt)))
          .orderBy(asc(risks.reviewOn))
      : db
          .select({ title: sql<null>`null`, status: risks.status, reviewOn: risks.reviewOn })
          .from(risks)
          .where(and(eq(risks.partnershipId, id), isNull(risks.archivedAt))),
    db
      .select({ endsOn: fundingLines.endsOn })
      .from(fundingLines)
      .where(and(eq(fundingLines.partnershipId, id), isNull(fundingLines.archivedAt))),
  ]);
  return needsAttention(
    {
      status: partnership.status,
      members,
      objectives: objectiveRows,
      risks: riskRows,
      fundingLines: fundingRows,
    },
    today,
  );
}
