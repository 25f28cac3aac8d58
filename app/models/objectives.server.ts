// A partnership's shared objectives. Every mutation runs in one transaction with its audit entry;
// an edit carries the version it was read at, and a stale one is refused.
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { objectives, type Objective } from "~/db/schema";
import type { ObjectiveInput, RecordCommandInput } from "~/lib/validation/partnership-records";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { findOwner, orNull, type Outcome } from "./owned-records.server";
import { one } from "~/db/rows.server";

export type { Objective } from "~/db/schema";

/** The partnership's objectives by due date (undated last); archived ones apart, when asked for. */
export async function listObjectives(
  db: Db,
  partnershipId: string,
  { archived = false }: { archived?: boolean } = {},
): Promise<Objective[]> {
  return db
    .select()
    .from(objectives)
    .where(
      and(
        eq(objectives.partnershipId, partnershipId),
        archived ? isNotNull(objectives.archivedAt) : isNull(objectives.archivedAt),
      ),
    )
    .orderBy(sql`${objectives.dueDate} asc nulls last`, asc(objectives.title), asc(objectives.id));
}

function valuesOf(input: ObjectiveInput) {
  return {
    title: input.title,
    indicator: input.indicator ? input.indicator : null,
    target: orNull(input.target),
    unit: input.unit ? input.unit : null,
    progress: orNull(input.progress),
    dueDate: orNull(input.dueDate),
    status: input.status,
  };
}

async function lockObjective(tx: Db, partnershipId: string, id: string) {
  const [row] = await tx
    .select()
    .from(objectives)
    .where(and(eq(objectives.id, id), eq(objectives.partnershipId, partnershipId)))
    .for("update");
  return row;
}

/** Add an objective (no id) or edit one (id and the version read). */
export async function saveObjective(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: ObjectiveInput,
): Promise<Outcome<Objective>> {
  return db.transaction(async (tx) => {
    if (!(await findOwner(tx, { partnershipId }))) return { ok: false, reason: "notFound" } as const;
    if (!input.id) {
      const created = one(
        await tx
          .insert(objectives)
          .values({ ...valuesOf(input), partnershipId })
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "objective",
        entityId: created.id,
        after: created,
      });
      return { ok: true, record: created } as const;
    }
    const before = await lockObjective(tx, partnershipId, input.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    const updated = one(
      await tx
        .update(objectives)
        .set({ ...valuesOf(input), version: before.version + 1, updatedAt: new Date() })
        .where(eq(objectives.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "objective",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}

/** Archive (or restore) an objective, at the version read. */
export async function setObjectiveArchived(
  db: Db,
  actor: Actor,
  partnershipId: string,
  command: Pick<RecordCommandInput, "id" | "version" | "intent">,
): Promise<Outcome<Objective>> {
  return db.transaction(async (tx) => {
    const before = await lockObjective(tx, partnershipId, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
    const updated = one(
      await tx
        .update(objectives)
        .set({ archivedAt: archive ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(objectives.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archive ? "archive" : "restore",
      entityType: "objective",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}
