// Milestones of a pilot project. Every mutation runs in one transaction with its audit entry; an
// edit, a "mark done" and an archive carry the version read, and a stale one is refused.
// Order: `position` (0, 1, 2... within the pilot); a reorder rewrites the positions of the pilot's
// milestones in one transaction without moving their versions (the order is not part of the form,
// so it never makes someone's open edit stale).
import { and, asc, eq, inArray, isNotNull, isNull, lte, max, notInArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import { milestones, pilots, type Milestone } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import type { MilestoneStatus } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import type {
  MarkDoneInput,
  MilestoneCommandInput,
  MilestoneInput,
  MoveInput,
} from "~/lib/validation/milestones";
import { changedFields, recordAudit, type Actor, type AuditEntry } from "./audit.server";
import { orNull, type Outcome } from "./owned-records.server";
import { isUuid } from "~/lib/uuid";

export type { Milestone } from "~/db/schema";

const ORDER = [asc(milestones.position), sql`${milestones.dueOn} asc nulls last`, asc(milestones.id)];

/** The pilot's milestones in their order; archived ones apart, when asked for. */
export async function listMilestones(
  db: Db,
  pilotId: string,
  { archived = false }: { archived?: boolean } = {},
): Promise<Milestone[]> {
  if (!isUuid(pilotId)) return [];
  return db
    .select()
    .from(milestones)
    .where(
      and(
        eq(milestones.pilotId, pilotId),
        archived ? isNotNull(milestones.archivedAt) : isNull(milestones.archivedAt),
      ),
    )
    .orderBy(...ORDER);
}

export interface MilestoneAcrossPilots {
  id: string;
  pilotId: string;
  pilotName: string;
  title: string;
  dueOn: string;
  status: MilestoneStatus;
  overdue: boolean;
}

/** Open milestones of some pilots: each list cut at the limit, with how many it holds in all. */
export interface OpenMilestones {
  /** Due before today, oldest first. */
  overdue: MilestoneAcrossPilots[];
  /** Due from today to `withinDays` later, earliest first. */
  upcoming: MilestoneAcrossPilots[];
  overdueTotal: number;
  upcomingTotal: number;
}

/**
 * Open milestones (neither done nor cancelled) of these pilots that are overdue or due within
 * `withinDays`, in one query whatever the number of pilots: at most `limit` overdue ones and `limit`
 * upcoming ones (so many overdue ones never push the upcoming ones out), with each list's total.
 * Archived milestones and archived pilots are left out.
 */
export async function milestonesForPilots(
  db: Db,
  pilotIds: readonly string[],
  {
    today = todayIso(),
    withinDays = 90,
    limit = 100,
  }: { today?: string; withinDays?: number; limit?: number } = {},
): Promise<OpenMilestones> {
  const result: OpenMilestones = { overdue: [], upcoming: [], overdueTotal: 0, upcomingTotal: 0 };
  const ids = pilotIds.filter((id) => isUuid(id));
  if (ids.length === 0) return result;
  const late = sql`${milestones.dueOn} < ${today}::date`;
  const ranked = db
    .select({
      id: milestones.id,
      pilotId: milestones.pilotId,
      pilotName: sql<string>`${pilots.name}`.as("pilot_name"),
      title: milestones.title,
      dueOn: milestones.dueOn,
      status: milestones.status,
      overdue: sql<boolean>`${late}`.as("overdue"),
      rank: sql<number>`row_number() over (partition by ${late} order by ${milestones.dueOn}, ${pilots.name}, ${milestones.id})`.as(
        "rank",
      ),
      total: sql<number>`count(*) over (partition by ${late})`.as("total"),
    })
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .where(
      and(
        inArray(milestones.pilotId, ids),
        isNull(milestones.archivedAt),
        isNull(pilots.archivedAt),
        notInArray(milestones.status, ["done", "cancelled"]),
        isNotNull(milestones.dueOn),
        lte(milestones.dueOn, addDays(today, withinDays)),
      ),
    )
    .as("ranked");
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, limit))
    .orderBy(asc(ranked.dueOn), asc(ranked.pilotName), asc(ranked.id));
  for (const { rank: _rank, total, dueOn, ...row } of rows) {
    if (dueOn === null) continue;
    const item = { ...row, dueOn, overdue: dueOn < today };
    if (item.overdue) {
      result.overdue.push(item);
      result.overdueTotal = Number(total);
    } else {
      result.upcoming.push(item);
      result.upcomingTotal = Number(total);
    }
  }
  return result;
}

function valuesOf(input: MilestoneInput) {
  return {
    title: input.title,
    description: input.description ? input.description : null,
    dueOn: orNull(input.dueOn),
    doneOn: input.status === "done" ? orNull(input.doneOn) : null,
    status: input.status,
    notes: input.notes ? input.notes : null,
  };
}

async function lockMilestone(tx: Db, pilotId: string, id: string): Promise<Milestone | undefined> {
  const [row] = await tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, id), eq(milestones.pilotId, pilotId)))
    .for("update");
  return row;
}

/** Lock the pilot row: milestones of one pilot are renumbered one transaction at a time. */
async function lockPilot(tx: Db, pilotId: string): Promise<boolean> {
  if (!isUuid(pilotId)) return false;
  const [row] = await tx.select({ id: pilots.id }).from(pilots).where(eq(pilots.id, pilotId)).for("update");
  return row !== undefined;
}

async function nextPosition(tx: Db, pilotId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(milestones.position) })
    .from(milestones)
    .where(and(eq(milestones.pilotId, pilotId), isNull(milestones.archivedAt)));
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/** Add a milestone (no id; it goes last) or edit one (id and the version read). */
export async function saveMilestone(
  db: Db,
  actor: Actor,
  pilotId: string,
  input: MilestoneInput,
): Promise<Outcome<Milestone>> {
  return db.transaction(async (tx) => {
    if (!(await lockPilot(tx, pilotId))) return { ok: false, reason: "notFound" } as const;
    if (!input.id) {
      const created = one(
        await tx
          .insert(milestones)
          .values({ ...valuesOf(input), pilotId, position: await nextPosition(tx, pilotId) })
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "milestone",
        entityId: created.id,
        after: created,
      });
      return { ok: true, record: created } as const;
    }
    const before = await lockMilestone(tx, pilotId, input.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    return { ok: true, record: await update(tx, actor, before, valuesOf(input)) } as const;
  });
}

async function update(
  tx: Db,
  actor: Actor,
  before: Milestone,
  values: Partial<Milestone>,
): Promise<Milestone> {
  const updated = one(
    await tx
      .update(milestones)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(milestones.id, before.id))
      .returning(),
  );
  await recordAudit(tx, actor, {
    action: values.archivedAt === undefined ? "update" : values.archivedAt ? "archive" : "restore",
    entityType: "milestone",
    entityId: updated.id,
    ...changedFields(before, updated),
  });
  return updated;
}

/**
 * Mark an open milestone done on a day (validated: not in the future), at the version read. A
 * milestone already done (its done date stays) or cancelled is refused: "notOpen".
 */
export async function markMilestoneDone(
  db: Db,
  actor: Actor,
  pilotId: string,
  command: Pick<MarkDoneInput, "id" | "version" | "doneOn">,
): Promise<Outcome<Milestone, "notOpen">> {
  return db.transaction(async (tx) => {
    const before = await lockMilestone(tx, pilotId, command.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    if (before.status === "done" || before.status === "cancelled") {
      return { ok: false, reason: "notOpen" } as const;
    }
    return {
      ok: true,
      record: await update(tx, actor, before, { status: "done", doneOn: command.doneOn }),
    } as const;
  });
}

/** Archive (or restore) a milestone at the version read. A restored one goes last. */
export async function setMilestoneArchived(
  db: Db,
  actor: Actor,
  pilotId: string,
  command: MilestoneCommandInput,
): Promise<Outcome<Milestone>> {
  return db.transaction(async (tx) => {
    if (!(await lockPilot(tx, pilotId))) return { ok: false, reason: "notFound" } as const;
    const before = await lockMilestone(tx, pilotId, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
    const values = archive
      ? { archivedAt: new Date() }
      : { archivedAt: null, position: await nextPosition(tx, pilotId) };
    return { ok: true, record: await update(tx, actor, before, values) } as const;
  });
}

/**
 * Put the pilot's (not archived) milestones in this order: `orderedIds` must list each of them
 * exactly once ("mismatch" otherwise, e.g. when someone added or archived one meanwhile).
 * Positions become 0..n-1; one audit entry per milestone whose position changed.
 */
export async function reorderMilestones(
  db: Db,
  actor: Actor,
  pilotId: string,
  orderedIds: readonly string[],
): Promise<Outcome<Milestone[], "mismatch">> {
  return db.transaction(async (tx) => {
    if (!(await lockPilot(tx, pilotId))) return { ok: false, reason: "notFound" } as const;
    const current = await listMilestones(tx, pilotId);
    const byId = new Map(current.map((m) => [m.id, m]));
    if (orderedIds.length !== current.length || new Set(orderedIds).size !== orderedIds.length) {
      return { ok: false, reason: "mismatch" } as const;
    }
    if (orderedIds.some((id) => !byId.has(id))) return { ok: false, reason: "mismatch" } as const;
    return {
      ok: true,
      record: await writeOrder(
        tx,
        actor,
        orderedIds.flatMap((id) => byId.get(id) ?? []),
      ),
    } as const;
  });
}

/** Move one milestone a place up or down (no-op at either end). */
export async function moveMilestone(
  db: Db,
  actor: Actor,
  pilotId: string,
  command: Pick<MoveInput, "id" | "direction">,
): Promise<Outcome<Milestone[]>> {
  return db.transaction(async (tx) => {
    if (!(await lockPilot(tx, pilotId))) return { ok: false, reason: "notFound" } as const;
    const list = await listMilestones(tx, pilotId);
    const index = list.findIndex((m) => m.id === command.id);
    if (index < 0) return { ok: false, reason: "notFound" } as const;
    const other = command.direction === "up" ? index - 1 : index + 1;
    const order = [...list];
    const moved = order[index];
    const swapped = order[other];
    if (moved && swapped) {
      order[index] = swapped;
      order[other] = moved;
    }
    return { ok: true, record: await writeOrder(tx, actor, order) } as const;
  });
}

/** Give each milestone its index as position: one UPDATE for all of them, one audit batch. */
async function writeOrder(tx: Db, actor: Actor, order: Milestone[]): Promise<Milestone[]> {
  const changed = order.flatMap((m, position) => (m.position === position ? [] : [{ m, position }]));
  if (changed.length > 0) {
    const cases = sql.join(
      changed.map(({ m, position }) => sql`when ${m.id}::uuid then ${position}::integer`),
      sql` `,
    );
    await tx
      .update(milestones)
      .set({ position: sql`case ${milestones.id} ${cases} end`, updatedAt: new Date() })
      .where(
        inArray(
          milestones.id,
          changed.map(({ m }) => m.id),
        ),
      );
    const entries: AuditEntry[] = changed.map(({ m, position }) => ({
      action: "update",
      entityType: "milestone",
      entityId: m.id,
      before: { position: m.position },
      after: { position },
    }));
    await recordAudit(tx, actor, entries);
  }
  return order.map((m, position) => ({ ...m, position }));
}
