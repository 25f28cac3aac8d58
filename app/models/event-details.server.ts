// What hangs off an event: the participating organisations (with how many people each sent) and
// the takeaways (theme and Markdown text, ordered). Every change runs in one transaction with its
// audit entry, after locking the event row (changes to one event's lists run one at a time).
// Takeaway order: `position` 0..n-1 among the event's takeaways that are not archived.
import { and, asc, eq, inArray, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import { eventParticipants, events, eventTakeaways, organisations, type EventTakeaway } from "~/db/schema";
import { isUuid } from "~/lib/uuid";
import type { ParticipantInput, TakeawayCommand, TakeawayInput } from "~/lib/validation/events";
import { changedFields, recordAudit, type Actor, type AuditEntry } from "./audit.server";
import type { Outcome } from "./owned-records.server";

export type { EventTakeaway } from "~/db/schema";

export interface ParticipantRow {
  organisationId: string;
  name: string;
  acronym: string | null;
  attendeeCount: number | null;
}

/** The event's participating organisations by name, with their attendee counts and the total. */
export async function listParticipants(db: Db, eventId: string) {
  const rows: ParticipantRow[] = isUuid(eventId)
    ? await db
        .select({
          organisationId: eventParticipants.organisationId,
          name: organisations.name,
          acronym: organisations.acronym,
          attendeeCount: eventParticipants.attendeeCount,
        })
        .from(eventParticipants)
        .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
        .where(eq(eventParticipants.eventId, eventId))
        .orderBy(asc(organisations.name), asc(organisations.id))
    : [];
  const attendees = rows.reduce((sum, row) => sum + (row.attendeeCount ?? 0), 0);
  return {
    participants: rows,
    attendees,
    unknownCounts: rows.filter((r) => r.attendeeCount === null).length,
  };
}

/** Lock the event (not archived): changes to one event's lists are serialised on it. */
async function lockOpenEvent(tx: Db, eventId: string): Promise<boolean> {
  if (!isUuid(eventId)) return false;
  const [row] = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.id, eventId), isNull(events.archivedAt)))
    .for("update");
  return row !== undefined;
}

type ParticipantRecord = typeof eventParticipants.$inferSelect;

/**
 * Add an organisation to the participants, or change its attendee count when it is there already.
 * The organisation must exist and not be archived ("unknownOrganisation") unless it participates.
 */
export async function saveParticipant(
  db: Db,
  actor: Actor,
  eventId: string,
  input: Pick<ParticipantInput, "organisationId" | "attendeeCount">,
): Promise<Outcome<ParticipantRecord, "unknownOrganisation">> {
  return db.transaction(async (tx) => {
    if (!(await lockOpenEvent(tx, eventId))) return { ok: false, reason: "notFound" } as const;
    const attendeeCount = input.attendeeCount ?? null;
    const [before] = await tx
      .select()
      .from(eventParticipants)
      .where(
        and(
          eq(eventParticipants.eventId, eventId),
          eq(eventParticipants.organisationId, input.organisationId),
        ),
      );
    if (before) {
      if (before.attendeeCount === attendeeCount) return { ok: true, record: before } as const;
      const after = one(
        await tx
          .update(eventParticipants)
          .set({ attendeeCount, updatedAt: new Date() })
          .where(eq(eventParticipants.id, before.id))
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "event_participant",
        entityId: after.id,
        ...changedFields(before, after),
      });
      return { ok: true, record: after } as const;
    }
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), isNull(organisations.archivedAt)));
    if (!organisation) return { ok: false, reason: "unknownOrganisation" } as const;
    const created = one(
      await tx
        .insert(eventParticipants)
        .values({ eventId, organisationId: input.organisationId, attendeeCount })
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "event_participant",
      entityId: created.id,
      after: created,
    });
    return { ok: true, record: created } as const;
  });
}

/** Remove an organisation from the participants (the audit log keeps what it was). */
export async function removeParticipant(
  db: Db,
  actor: Actor,
  eventId: string,
  organisationId: string,
): Promise<Outcome<ParticipantRecord>> {
  return db.transaction(async (tx) => {
    if (!(await lockOpenEvent(tx, eventId)) || !isUuid(organisationId)) {
      return { ok: false, reason: "notFound" } as const;
    }
    const [removed] = await tx
      .delete(eventParticipants)
      .where(
        and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.organisationId, organisationId)),
      )
      .returning();
    if (!removed) return { ok: false, reason: "notFound" } as const;
    await recordAudit(tx, actor, {
      action: "delete",
      entityType: "event_participant",
      entityId: removed.id,
      before: removed,
    });
    return { ok: true, record: removed } as const;
  });
}

// --- takeaways -----------------------------------------------------------------------------------

const ORDER = [asc(eventTakeaways.position), asc(eventTakeaways.createdAt), asc(eventTakeaways.id)];

/** The event's takeaways in order (or the archived ones, most recently archived first). */
export async function listTakeaways(
  db: Db,
  eventId: string,
  { archived = false }: { archived?: boolean } = {},
): Promise<EventTakeaway[]> {
  if (!isUuid(eventId)) return [];
  return db
    .select()
    .from(eventTakeaways)
    .where(
      and(
        eq(eventTakeaways.eventId, eventId),
        archived ? isNotNull(eventTakeaways.archivedAt) : isNull(eventTakeaways.archivedAt),
      ),
    )
    .orderBy(...(archived ? [sql`${eventTakeaways.archivedAt} desc`, asc(eventTakeaways.id)] : ORDER));
}

async function nextPosition(tx: Db, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(eventTakeaways.position) })
    .from(eventTakeaways)
    .where(and(eq(eventTakeaways.eventId, eventId), isNull(eventTakeaways.archivedAt)));
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

async function lockTakeaway(tx: Db, eventId: string, id: string): Promise<EventTakeaway | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(eventTakeaways)
    .where(and(eq(eventTakeaways.id, id), eq(eventTakeaways.eventId, eventId)))
    .for("update");
  return row;
}

async function updateTakeaway(tx: Db, actor: Actor, before: EventTakeaway, values: Partial<EventTakeaway>) {
  const after = one(
    await tx
      .update(eventTakeaways)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(eventTakeaways.id, before.id))
      .returning(),
  );
  await recordAudit(tx, actor, {
    action: values.archivedAt === undefined ? "update" : values.archivedAt ? "archive" : "restore",
    entityType: "event_takeaway",
    entityId: after.id,
    ...changedFields(before, after),
  });
  return after;
}

/** Add a takeaway (no id: it goes last) or edit one (its id, of this event, and the version read). */
export async function saveTakeaway(
  db: Db,
  actor: Actor,
  eventId: string,
  input: Pick<TakeawayInput, "id" | "version" | "theme" | "text">,
): Promise<Outcome<EventTakeaway>> {
  return db.transaction(async (tx) => {
    if (!(await lockOpenEvent(tx, eventId))) return { ok: false, reason: "notFound" } as const;
    const values = { theme: input.theme || null, text: input.text };
    if (!input.id) {
      const created = one(
        await tx
          .insert(eventTakeaways)
          .values({ ...values, eventId, position: await nextPosition(tx, eventId) })
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "event_takeaway",
        entityId: created.id,
        after: created,
      });
      return { ok: true, record: created } as const;
    }
    const before = await lockTakeaway(tx, eventId, input.id);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    return { ok: true, record: await updateTakeaway(tx, actor, before, values) } as const;
  });
}

/** Archive, restore (it goes last) or move a takeaway a place up or down, at the version read. */
export async function takeawayCommand(
  db: Db,
  actor: Actor,
  eventId: string,
  command: TakeawayCommand,
): Promise<Outcome<EventTakeaway>> {
  return db.transaction(async (tx) => {
    if (!(await lockOpenEvent(tx, eventId))) return { ok: false, reason: "notFound" } as const;
    const before = await lockTakeaway(tx, eventId, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    if (command.intent === "archive" || command.intent === "restore") {
      const archive = command.intent === "archive";
      if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
      const values = archive
        ? { archivedAt: new Date() }
        : { archivedAt: null, position: await nextPosition(tx, eventId) };
      const after = await updateTakeaway(tx, actor, before, values);
      if (archive) await writeOrder(tx, actor, await listTakeaways(tx, eventId));
      return { ok: true, record: after } as const;
    }
    if (before.archivedAt) return { ok: false, reason: "notFound" } as const;
    const order = await listTakeaways(tx, eventId);
    const index = order.findIndex((t) => t.id === before.id);
    const other = command.intent === "up" ? index - 1 : index + 1;
    const moved = order[index];
    const swapped = order[other];
    if (moved && swapped) {
      order[index] = swapped;
      order[other] = moved;
    }
    const written = await writeOrder(tx, actor, order);
    return { ok: true, record: written.find((t) => t.id === before.id) ?? before } as const;
  });
}

/**
 * Give each takeaway its index as position: one UPDATE for all, one audit entry per change. The
 * versions stay: the order is not part of the edit form, so a move never makes an open edit stale.
 */
async function writeOrder(tx: Db, actor: Actor, order: EventTakeaway[]): Promise<EventTakeaway[]> {
  const changed = order.flatMap((t, position) => (t.position === position ? [] : [{ t, position }]));
  if (changed.length > 0) {
    const cases = sql.join(
      changed.map(({ t, position }) => sql`when ${t.id}::uuid then ${position}::integer`),
      sql` `,
    );
    await tx
      .update(eventTakeaways)
      .set({ position: sql`case ${eventTakeaways.id} ${cases} end`, updatedAt: new Date() })
      .where(
        inArray(
          eventTakeaways.id,
          changed.map(({ t }) => t.id),
        ),
      );
    const entries: AuditEntry[] = changed.map(({ t, position }) => ({
      action: "update",
      entityType: "event_takeaway",
      entityId: t.id,
      before: { position: t.position },
      after: { position },
    }));
    await recordAudit(tx, actor, entries);
  }
  return order.map((t, position) => ({ ...t, position }));
}
