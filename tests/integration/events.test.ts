// Events, their participants and takeaways: the models against a real database (PGlite, or
// PostgreSQL with DATABASE_URL): audit entries in the same transaction, stale versions, archived
// events refusing changes, filters and pagination with a fixed number of queries, takeaway order.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, eventOrganisers, eventParticipants, events, type User } from "~/db/schema";
import { eventInput, updateEventInput, type EventInput } from "~/lib/validation/events";
import {
  listParticipants,
  listTakeaways,
  removeParticipant,
  saveParticipant,
  saveTakeaway,
  takeawayCommand,
} from "~/models/event-details.server";
import { createEvent, findEvent, listEvents, setEventArchived, updateEvent } from "~/models/events.server";
import {
  addEventOrganiser,
  createEvent as makeEvent,
  createEventTakeaway,
  createOrganisation,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;

let organiser: User;

beforeAll(async () => {
  organiser = await createUser(db, { role: "organiser" });
});

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

function input(overrides: Partial<Record<keyof EventInput, unknown>> = {}): EventInput {
  return eventInput.parse({ title: "Return seminar", kind: "seminar", startsOn: "2025-03-12", ...overrides });
}

describe("creating and editing an event", () => {
  it("creates an event with its organisers, its creator and one audit entry", async () => {
    const a = await createOrganisation(db, { name: "Aardvark agency" });
    const b = await createOrganisation(db, { name: "Beta city" });
    const outcome = await createEvent(
      db,
      organiser,
      input({ endsOn: "2025-03-13", location: "Brussels", online: true, organiserIds: [b.id, a.id, a.id] }),
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.event).toMatchObject({
      createdBy: organiser.id,
      endsOn: "2025-03-13",
      online: true,
      version: 1,
    });
    const found = await findEvent(db, outcome.event.id);
    expect(found?.organisers.map((o) => o.name)).toEqual(["Aardvark agency", "Beta city"]);
    const audit = await auditOf(outcome.event.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", entityType: "event", userId: organiser.id });
    expect((audit[0]?.after as { organiserIds: string[] }).organiserIds).toEqual([a.id, b.id].sort());
  });

  it("refuses an unknown or archived organiser and writes nothing", async () => {
    const archived = await createOrganisation(db, { archivedAt: new Date() });
    for (const id of [randomUUID(), archived.id]) {
      const title = `Refused ${id}`;
      const outcome = await createEvent(db, organiser, input({ title, organiserIds: [id] }));
      expect(outcome).toEqual({ ok: false, reason: "unknownOrganisation" });
      expect(await db.select().from(events).where(eq(events.title, title))).toEqual([]);
    }
  });

  it("edits fields and replaces the organisers at the version read; a stale version is refused", async () => {
    const event = await makeEvent(db, { title: "Workshop" });
    const keep = await addEventOrganiser(db, { eventId: event.id });
    const drop = await addEventOrganiser(db, { eventId: event.id });
    const added = await createOrganisation(db);
    const update = updateEventInput.parse({
      intent: "update",
      version: 1,
      title: "Workshop on return",
      kind: "workshop",
      startsOn: "2025-06-01",
      organiserIds: [keep.organisationId, added.id],
    });
    const outcome = await updateEvent(db, organiser, event.id, update);
    expect(outcome).toMatchObject({
      ok: true,
      event: { title: "Workshop on return", kind: "workshop", version: 2 },
    });
    const organisers = await db.select().from(eventOrganisers).where(eq(eventOrganisers.eventId, event.id));
    expect(organisers.map((o) => o.organisationId).sort()).toEqual([keep.organisationId, added.id].sort());
    const entry = (await auditOf(event.id)).at(-1);
    expect(entry).toMatchObject({ action: "update" });
    expect(entry?.before).toMatchObject({ title: "Workshop", kind: "seminar" });
    expect((entry?.before as { organiserIds: string[] }).organiserIds).toContain(drop.organisationId);

    const stale = await updateEvent(db, organiser, event.id, { ...update, title: "Lost" });
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { title: "Workshop on return" } });
    expect((await findEvent(db, event.id))?.title).toBe("Workshop on return");
  });

  it("archives and restores at the version read; an archived event refuses edits", async () => {
    const event = await makeEvent(db);
    expect(await setEventArchived(db, organiser, event.id, 2, true)).toMatchObject({
      ok: false,
      reason: "stale",
    });
    const archived = await setEventArchived(db, organiser, event.id, 1, true);
    expect(archived).toMatchObject({ ok: true, event: { version: 2 } });
    const update = updateEventInput.parse({
      intent: "update",
      version: 2,
      title: "x",
      kind: "meeting",
      startsOn: "2025-01-01",
    });
    expect(await updateEvent(db, organiser, event.id, update)).toMatchObject({
      ok: false,
      reason: "archived",
    });
    expect(await saveTakeaway(db, organiser, event.id, { text: "no" })).toEqual({
      ok: false,
      reason: "notFound",
    });
    const restored = await setEventArchived(db, organiser, event.id, 2, false);
    expect(restored).toMatchObject({ ok: true, event: { archivedAt: null, version: 3 } });
    expect((await auditOf(event.id)).map((e) => e.action)).toEqual(["archive", "restore"]);
    expect(await setEventArchived(db, organiser, randomUUID(), 1, true)).toEqual({
      ok: false,
      reason: "notFound",
    });
  });
});

describe("the list of events", () => {
  it("filters by kind and by a date window, pages, and runs three queries whatever the page", async () => {
    const tag = randomUUID().slice(0, 8);
    const org = await createOrganisation(db, { name: `Org ${tag}` });
    // Far in the future, so no other test's event falls in the window.
    const made = [];
    for (let i = 0; i < 7; i++) {
      const event = await makeEvent(db, {
        title: `${tag} ${i}`,
        kind: i % 2 === 0 ? "conference" : "meeting",
        startsOn: `2190-01-0${i + 1}`,
        endsOn: i === 0 ? "2190-01-20" : null,
      });
      await addEventOrganiser(db, { eventId: event.id, organisationId: org.id });
      made.push(event);
    }
    await makeEvent(db, { startsOn: "2190-01-05", archivedAt: new Date(), title: `${tag} archived` });
    const filters = { kind: null, from: "2190-01-01", to: "2190-12-31", archived: false } as const;
    const counting = await countingDb(database);
    counting.reset();
    const first = await listEvents(counting.db, { page: 1, pageSize: 3 }, filters);
    expect(counting.count()).toBe(3);
    expect(first).toMatchObject({ total: 7, pages: 3, page: 1 });
    expect(first.items.map((e) => e.title)).toEqual([`${tag} 6`, `${tag} 5`, `${tag} 4`]);
    expect(first.items[0]?.organisers.map((o) => o.name)).toEqual([`Org ${tag}`]);
    const last = await listEvents(db, { page: 3, pageSize: 3 }, filters);
    expect(last.items.map((e) => e.title)).toEqual([`${tag} 0`]);

    const conferences = await listEvents(db, { page: 1, pageSize: 25 }, { ...filters, kind: "conference" });
    expect(conferences.items.map((e) => e.title)).toEqual([`${tag} 6`, `${tag} 4`, `${tag} 2`, `${tag} 0`]);
    // An event is in the window when it overlaps it: the first one runs until the 20th.
    const window = await listEvents(db, { page: 1, pageSize: 25 }, { ...filters, from: "2190-01-10" });
    expect(window.items.map((e) => e.title)).toEqual([`${tag} 0`]);
    const archived = await listEvents(db, { page: 1, pageSize: 25 }, { ...filters, archived: true });
    expect(archived.items.map((e) => e.title)).toEqual([`${tag} archived`]);
  });
});

describe("participants", () => {
  it("adds, changes and removes a participating organisation, each with its audit entry", async () => {
    const event = await makeEvent(db);
    const a = await createOrganisation(db, { name: "A participant" });
    const b = await createOrganisation(db, { name: "B participant" });
    const added = await saveParticipant(db, organiser, event.id, { organisationId: b.id, attendeeCount: 3 });
    expect(added).toMatchObject({ ok: true, record: { attendeeCount: 3 } });
    await saveParticipant(db, organiser, event.id, { organisationId: a.id, attendeeCount: undefined });
    expect(await listParticipants(db, event.id)).toMatchObject({
      participants: [
        { name: "A participant", attendeeCount: null },
        { name: "B participant", attendeeCount: 3 },
      ],
      attendees: 3,
      unknownCounts: 1,
    });
    const changed = await saveParticipant(db, organiser, event.id, {
      organisationId: b.id,
      attendeeCount: 5,
    });
    if (!changed.ok) throw new Error(changed.reason);
    const removed = await removeParticipant(db, organiser, event.id, a.id);
    if (!removed.ok) throw new Error(removed.reason);
    expect((await auditOf(changed.record.id)).map((e) => [e.action, e.after])).toEqual([
      ["create", expect.objectContaining({ attendeeCount: 3 })],
      ["update", { attendeeCount: 5 }],
    ]);
    expect((await auditOf(removed.record.id)).map((e) => e.action)).toEqual(["create", "delete"]);
    expect(await removeParticipant(db, organiser, event.id, a.id)).toEqual({ ok: false, reason: "notFound" });
  });

  it("refuses an unknown organisation, and organisations of another event are not touched", async () => {
    const event = await makeEvent(db);
    const other = await makeEvent(db);
    const org = await createOrganisation(db);
    expect(await saveParticipant(db, organiser, event.id, { organisationId: randomUUID() })).toEqual({
      ok: false,
      reason: "unknownOrganisation",
    });
    await saveParticipant(db, organiser, other.id, { organisationId: org.id, attendeeCount: 1 });
    expect(await removeParticipant(db, organiser, event.id, org.id)).toEqual({
      ok: false,
      reason: "notFound",
    });
    const rows = await db
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, other.id), eq(eventParticipants.organisationId, org.id)));
    expect(rows).toHaveLength(1);
  });
});

describe("takeaways", () => {
  it("adds them last, moves them, archives (renumbering) and restores them last", async () => {
    const event = await makeEvent(db);
    const texts = ["one", "two", "three"];
    for (const text of texts) await saveTakeaway(db, organiser, event.id, { theme: `T ${text}`, text });
    const order = async () => (await listTakeaways(db, event.id)).map((t) => [t.text, t.position]);
    expect(await order()).toEqual([
      ["one", 0],
      ["two", 1],
      ["three", 2],
    ]);
    const three = (await listTakeaways(db, event.id))[2];
    if (!three) throw new Error("missing");
    const moved = await takeawayCommand(db, organiser, event.id, { intent: "up", id: three.id, version: 1 });
    // A move keeps the versions: an edit open meanwhile is not made stale by it.
    expect(moved).toMatchObject({ ok: true, record: { position: 1, version: 1 } });
    expect((await order()).map(([text]) => text)).toEqual(["one", "three", "two"]);
    expect(
      await takeawayCommand(db, organiser, event.id, { intent: "down", id: three.id, version: 2 }),
    ).toMatchObject({ ok: false, reason: "stale" });
    expect((await auditOf(three.id)).map((e) => [e.action, e.after])).toEqual([
      ["create", expect.objectContaining({ position: 2 })],
      ["update", { position: 1 }],
    ]);
    const one = (await listTakeaways(db, event.id))[0];
    if (!one) throw new Error("missing");
    await takeawayCommand(db, organiser, event.id, { intent: "archive", id: one.id, version: one.version });
    expect(await order()).toEqual([
      ["three", 0],
      ["two", 1],
    ]);
    const [archived] = await listTakeaways(db, event.id, { archived: true });
    expect(archived?.text).toBe("one");
    await takeawayCommand(db, organiser, event.id, {
      intent: "restore",
      id: one.id,
      version: archived?.version ?? 0,
    });
    expect(await order()).toEqual([
      ["three", 0],
      ["two", 1],
      ["one", 2],
    ]);
    expect((await auditOf(one.id)).map((e) => e.action)).toEqual(["create", "archive", "restore"]);
  });

  it("edits at the version read; a takeaway of another event is not found", async () => {
    const event = await makeEvent(db);
    const other = await createEventTakeaway(db);
    const own = await createEventTakeaway(db, { eventId: event.id, text: "Before" });
    const saved = await saveTakeaway(db, organiser, event.id, {
      id: own.id,
      version: 1,
      theme: "Housing",
      text: "After",
    });
    expect(saved).toMatchObject({ ok: true, record: { text: "After", theme: "Housing", version: 2 } });
    expect(
      await saveTakeaway(db, organiser, event.id, { id: own.id, version: 1, text: "Lost" }),
    ).toMatchObject({
      ok: false,
      reason: "stale",
      current: { text: "After" },
    });
    expect(await saveTakeaway(db, organiser, event.id, { id: other.id, version: 1, text: "x" })).toEqual({
      ok: false,
      reason: "notFound",
    });
    for (const intent of ["archive", "up"] as const) {
      expect(await takeawayCommand(db, organiser, event.id, { intent, id: other.id, version: 1 })).toEqual({
        ok: false,
        reason: "notFound",
      });
    }
  });
});
