// Follow-up actions (commitments made at an event). Every mutation runs in one transaction with its
// audit entry; an edit, a status change and an archive carry the version read, and a stale one is
// refused. Who may change what is decided by the caller's `may` (the route knows the user), checked
// here on the row locked in the transaction. The lists are in action-lists.server.ts.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import {
  events,
  followUpActions,
  organisations,
  partnerships,
  pilots,
  users,
  type FollowUpAction,
} from "~/db/schema";
import type { ActionStatus } from "~/lib/enums";
import { isUuid } from "~/lib/uuid";
import type { ActionCommandInput, ActionInput, StatusInput } from "~/lib/validation/actions";
import { changedFields, recordAudit, type Actor, type AuditEntry } from "./audit.server";
import { orNull, type Outcome } from "./owned-records.server";

export * from "./action-lists.server";
export type { FollowUpAction } from "~/db/schema";

/** Why a save was refused for a field of its own: a reference that does not exist (or not so). */
export type ActionRefusal = "ownerOrganisation" | "ownerUser" | "partnership" | "pilot" | "organisation";

/** Whether the row exists and is not archived (archived too when `saved`: the action refers to it already). */
async function exists(
  tx: Db,
  table: typeof organisations | typeof partnerships | typeof pilots,
  id: string,
  saved: string | null | undefined,
) {
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), id === saved ? undefined : isNull(table.archivedAt)));
  return row !== undefined;
}

/**
 * The first reference of the input that does not hold, or null. A reference equal to the one the
 * edited action (`before`) has kept its link even when archived or disabled since.
 */
async function badReference(
  tx: Db,
  input: ActionInput,
  before: FollowUpAction | undefined,
): Promise<ActionRefusal | null> {
  if (!(await exists(tx, organisations, input.ownerOrganisationId, before?.ownerOrganisationId)))
    return "ownerOrganisation";
  if (input.ownerUserId) {
    const saved = input.ownerUserId === before?.ownerUserId;
    const [owner] = await tx
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(and(eq(users.id, input.ownerUserId), saved ? undefined : isNull(users.disabledAt)));
    if (owner?.organisationId !== input.ownerOrganisationId) return "ownerUser";
  }
  if (input.partnershipId && !(await exists(tx, partnerships, input.partnershipId, before?.partnershipId)))
    return "partnership";
  if (input.pilotId && !(await exists(tx, pilots, input.pilotId, before?.pilotId))) return "pilot";
  if (
    input.organisationId &&
    !(await exists(tx, organisations, input.organisationId, before?.organisationId))
  )
    return "organisation";
  return null;
}

function valuesOf(input: ActionInput) {
  return {
    title: input.title,
    description: input.description ? input.description : null,
    ownerOrganisationId: input.ownerOrganisationId,
    ownerUserId: orNull(input.ownerUserId),
    dueOn: orNull(input.dueOn),
    status: input.status,
    doneOn: input.status === "done" ? orNull(input.doneOn) : null,
    partnershipId: orNull(input.partnershipId),
    pilotId: orNull(input.pilotId),
    organisationId: orNull(input.organisationId),
  };
}

/**
 * Lock (FOR SHARE, so it cannot be archived meanwhile) the events of these actions, in id order,
 * before the actions themselves (as a save does: event first); answers the archived ones' ids.
 */
async function lockEventsOf(tx: Db, ids: readonly string[]): Promise<Set<string>> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return new Set();
  const rows = await tx
    .select({ id: events.id, archivedAt: events.archivedAt })
    .from(events)
    .innerJoin(followUpActions, eq(followUpActions.eventId, events.id))
    .where(inArray(followUpActions.id, valid))
    .orderBy(events.id)
    .for("share", { of: events });
  return new Set(rows.filter((row) => row.archivedAt !== null).map((row) => row.id));
}

/** Lock an action of this event (any event when `eventId` is null). */
async function lockAction(tx: Db, eventId: string | null, id: string): Promise<FollowUpAction | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(followUpActions)
    .where(
      and(eq(followUpActions.id, id), eventId === null ? undefined : eq(followUpActions.eventId, eventId)),
    )
    .for("update");
  return row;
}

async function update(tx: Db, actor: Actor, before: FollowUpAction, values: Partial<FollowUpAction>) {
  const updated = one(
    await tx
      .update(followUpActions)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(followUpActions.id, before.id))
      .returning(),
  );
  await recordAudit(tx, actor, {
    action: values.archivedAt === undefined ? "update" : values.archivedAt ? "archive" : "restore",
    entityType: "follow_up_action",
    entityId: updated.id,
    ...changedFields(before, updated),
  });
  return updated;
}

/** Add an action to an event (no id) or edit one of its actions (id and the version read). */
export async function saveAction(
  db: Db,
  actor: Actor,
  eventId: string,
  input: ActionInput,
): Promise<Outcome<FollowUpAction, ActionRefusal>> {
  return db.transaction(async (tx) => {
    if (!isUuid(eventId)) return { ok: false, reason: "notFound" } as const;
    // FOR SHARE: the event cannot be archived meanwhile, and saves of actions of one event (a
    // seminar's follow-ups typed in by several people at once) do not wait for each other; the
    // event row itself is not written here.
    const [event] = await tx
      .select({ id: events.id })
      .from(events)
      .where(eq(events.id, eventId))
      .for("share");
    if (!event) return { ok: false, reason: "notFound" } as const;
    const before = input.id ? await lockAction(tx, eventId, input.id) : undefined;
    if (input.id) {
      if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
      if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    }
    const refusal = await badReference(tx, input, before);
    if (refusal) return { ok: false, reason: refusal } as const;
    if (before) return { ok: true, record: await update(tx, actor, before, valuesOf(input)) } as const;
    const created = one(
      await tx
        .insert(followUpActions)
        .values({ ...valuesOf(input), eventId })
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "follow_up_action",
      entityId: created.id,
      after: created,
    });
    return { ok: true, record: created } as const;
  });
}

/** Who may change an action's status, decided on the row as locked. */
export type MayChange = (action: Pick<FollowUpAction, "ownerOrganisationId">) => boolean;

/** The done date a status change leaves: kept when it stays done, `doneOn` when it becomes done, else none. */
function doneDate(
  before: Pick<FollowUpAction, "status" | "doneOn">,
  status: ActionStatus,
  doneOn: string | undefined,
  today: string,
) {
  if (status !== "done") return null;
  return doneOn ?? (before.status === "done" ? before.doneOn : today) ?? today;
}

/**
 * Change one action's status at the version read ("forbidden" when `may` says no, "eventArchived"
 * when its event is archived: only restoring the event opens its actions again).
 */
export async function changeActionStatus(
  db: Db,
  actor: Actor,
  eventId: string | null,
  command: Pick<StatusInput, "id" | "version" | "status" | "doneOn">,
  may: MayChange,
  today: string,
): Promise<Outcome<FollowUpAction, "forbidden" | "eventArchived">> {
  return db.transaction(async (tx) => {
    const archivedEvents = await lockEventsOf(tx, [command.id]);
    const before = await lockAction(tx, eventId, command.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.eventId !== null && archivedEvents.has(before.eventId))
      return { ok: false, reason: "eventArchived" } as const;
    if (!may(before)) return { ok: false, reason: "forbidden" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const values = {
      status: command.status,
      doneOn: doneDate(before, command.status, command.doneOn, today),
    };
    if (values.status === before.status && values.doneOn === before.doneOn)
      return { ok: true, record: before } as const;
    return { ok: true, record: await update(tx, actor, before, values) } as const;
  });
}

export interface BulkResult {
  changed: number;
  /** Already at that status. */
  unchanged: number;
  /** Titles of the actions this user may not change. */
  forbidden: string[];
  /** Titles of the actions changed by someone else since the list was read. */
  stale: string[];
  /** Titles of the actions of an archived event (not changeable until it is restored). */
  eventArchived: string[];
  /** Unknown or archived (a row checked twice counts once). */
  missing: number;
}

/**
 * Set the status of several actions (each at the version read) in one transaction: those the user
 * may change are changed (one UPDATE, one audit entry each, one batch), the others are reported.
 */
export async function bulkChangeStatus(
  db: Db,
  actor: Actor,
  selected: readonly { id: string; version: number }[],
  status: ActionStatus,
  may: MayChange,
  today: string,
): Promise<BulkResult> {
  return db.transaction(async (tx) => {
    const result: BulkResult = {
      changed: 0,
      unchanged: 0,
      forbidden: [],
      stale: [],
      eventArchived: [],
      missing: 0,
    };
    const wanted = new Map(selected.filter((s) => isUuid(s.id)).map((s) => [s.id.toLowerCase(), s.version]));
    const invalid = new Set(selected.filter((s) => !isUuid(s.id)).map((s) => s.id));
    const archivedEvents = await lockEventsOf(tx, [...wanted.keys()]);
    const rows =
      wanted.size === 0
        ? []
        : await tx
            .select()
            .from(followUpActions)
            .where(and(inArray(followUpActions.id, [...wanted.keys()]), isNull(followUpActions.archivedAt)))
            .orderBy(followUpActions.id)
            .for("update");
    result.missing = wanted.size - rows.length + invalid.size;
    const toChange: FollowUpAction[] = [];
    for (const row of rows) {
      if (row.eventId !== null && archivedEvents.has(row.eventId)) result.eventArchived.push(row.title);
      else if (!may(row)) result.forbidden.push(row.title);
      else if (row.version !== wanted.get(row.id)) result.stale.push(row.title);
      else if (row.status === status) result.unchanged += 1;
      else toChange.push(row);
    }
    if (toChange.length === 0) return result;
    const updated = await tx
      .update(followUpActions)
      .set({
        status,
        doneOn: status === "done" ? today : null,
        version: sql`${followUpActions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        inArray(
          followUpActions.id,
          toChange.map((row) => row.id),
        ),
      )
      .returning();
    const beforeById = new Map(toChange.map((row) => [row.id, row]));
    const batchId = randomUUID();
    const entries: AuditEntry[] = updated.map((after) => ({
      action: "update",
      entityType: "follow_up_action",
      entityId: after.id,
      batchId,
      ...changedFields(beforeById.get(after.id) ?? after, after),
    }));
    await recordAudit(tx, actor, entries);
    result.changed = updated.length;
    return result;
  });
}

/** Archive (or restore) an action of this event at the version read. */
export async function setActionArchived(
  db: Db,
  actor: Actor,
  eventId: string,
  command: ActionCommandInput,
): Promise<Outcome<FollowUpAction>> {
  return db.transaction(async (tx) => {
    const before = await lockAction(tx, eventId, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
    return {
      ok: true,
      record: await update(tx, actor, before, { archivedAt: archive ? new Date() : null }),
    } as const;
  });
}
