// Follow-up actions: the model against a real database (PGlite, or PostgreSQL with DATABASE_URL):
// audit entries in the same transaction, stale versions, references checked, status changes with
// done date, bulk change with partial refusal, and lists in a fixed number of queries whatever their
// size. The CSV is parsed back. Validation and the overdue rule: actions-validation.test.ts.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, events, followUpActions, type Event, type Organisation, type User } from "~/db/schema";
import { actionsCsv, type ActionListQuery } from "~/lib/actions";
import type { ActionInput } from "~/lib/validation/actions";
import {
  bulkChangeStatus,
  changeActionStatus,
  exportActions,
  listActions,
  listEventActions,
  saveAction,
  setActionArchived,
} from "~/models/actions.server";
import {
  addDays,
  createEvent,
  createFollowUpAction,
  createOrganisation,
  createPartnership,
  createUser,
} from "../factories";
import { ACTIONS_TODAY, saveInputOf } from "../helpers/actions";
import { testDb } from "../helpers/db";
import { parseCsv } from "../helpers/csv";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;
const TODAY = ACTIONS_TODAY;
const everyone = () => true;

let event: Event;
let org: Organisation;
let otherOrg: Organisation;
let organiser: User;
let member: User;

beforeAll(async () => {
  event = await createEvent(db, { title: "Utrecht seminar", startsOn: "2024-03-01" });
  org = await createOrganisation(db, { name: "Return Service", acronym: "RS" });
  otherOrg = await createOrganisation(db, { name: "Legal Aid" });
  organiser = await createUser(db, { role: "organiser" });
  member = await createUser(db, { role: "municipal_official", organisationId: org.id });
});

function input(overrides: Partial<ActionInput> = {}): ActionInput {
  return saveInputOf(org.id, overrides);
}

async function auditOf(id: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
}

describe("actions model", () => {
  // A seminar's follow-ups are typed in by several people at once: a save shares the event's row
  // lock (it cannot be archived meanwhile) instead of taking it whole. Only PostgreSQL has two
  // transactions at once (PGlite runs one at a time).
  it.skipIf(database.kind !== "postgres")(
    "adds an action while another save of the same event is still open",
    async () => {
      const order: string[] = [];
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const hasLock = new Promise<void>((resolve) => (locked = resolve));
      const other = db.transaction(async (tx) => {
        await tx.select({ id: events.id }).from(events).where(eq(events.id, event.id)).for("share");
        locked();
        await held;
      });
      await hasLock;
      const timer = setTimeout(() => {
        order.push("other save committed");
        release();
      }, 3000);
      const saved = await saveAction(db, organiser, event.id, input({ title: "Typed in meanwhile" }));
      order.push("saved");
      clearTimeout(timer);
      release();
      await other;
      expect(saved.ok).toBe(true);
      expect(order).toEqual(["saved"]);
    },
  );

  it("creates and edits with the version read, auditing both in the same transaction", async () => {
    const created = await saveAction(db, organiser, event.id, input({ dueOn: "2024-06-01" }));
    if (!created.ok) throw new Error(created.reason);
    expect(created.record).toMatchObject({ eventId: event.id, version: 1, status: "open", doneOn: null });
    const edited = await saveAction(
      db,
      organiser,
      event.id,
      input({ id: created.record.id, version: 1, title: "Share it", status: "done", doneOn: TODAY }),
    );
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.record).toMatchObject({ title: "Share it", version: 2, doneOn: TODAY });
    const stale = await saveAction(db, organiser, event.id, input({ id: created.record.id, version: 1 }));
    expect(stale).toMatchObject({ ok: false, reason: "stale" });
    const audit = await auditOf(created.record.id);
    expect(audit.map((a) => [a.action, a.userId, a.entityType])).toEqual([
      ["create", organiser.id, "follow_up_action"],
      ["update", organiser.id, "follow_up_action"],
    ]);
    expect(audit[1]?.after).toMatchObject({ title: "Share it", status: "done" });
  });

  it("refuses references that do not hold, and an action of another event", async () => {
    const stranger = await createUser(db, { organisationId: otherOrg.id });
    expect(await saveAction(db, organiser, event.id, input({ ownerOrganisationId: randomUUID() }))).toEqual({
      ok: false,
      reason: "ownerOrganisation",
    });
    expect(await saveAction(db, organiser, event.id, input({ ownerUserId: stranger.id }))).toEqual({
      ok: false,
      reason: "ownerUser",
    });
    expect(await saveAction(db, organiser, event.id, input({ partnershipId: randomUUID() }))).toEqual({
      ok: false,
      reason: "partnership",
    });
    expect(await saveAction(db, organiser, randomUUID(), input())).toEqual({ ok: false, reason: "notFound" });
    const partnership = await createPartnership(db);
    const linked = await saveAction(
      db,
      organiser,
      event.id,
      input({ ownerUserId: member.id, partnershipId: partnership.id }),
    );
    expect(linked.ok).toBe(true);
    const elsewhere = await createFollowUpAction(db, {
      eventId: (await createEvent(db)).id,
      ownerOrganisationId: org.id,
    });
    expect(await saveAction(db, organiser, event.id, input({ id: elsewhere.id, version: 1 }))).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  it("changes the status with a done date, refuses a forbidden or stale change, and archives", async () => {
    const a = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: org.id,
      title: "Status me",
    });
    const ownOnly = (row: { ownerOrganisationId: string | null }) => row.ownerOrganisationId === otherOrg.id;
    expect(
      await changeActionStatus(
        db,
        member,
        event.id,
        { id: a.id, version: 1, status: "done" },
        ownOnly,
        TODAY,
      ),
    ).toEqual({ ok: false, reason: "forbidden" });
    const done = await changeActionStatus(
      db,
      member,
      event.id,
      { id: a.id, version: 1, status: "done" },
      everyone,
      TODAY,
    );
    if (!done.ok) throw new Error(done.reason);
    expect(done.record).toMatchObject({ status: "done", doneOn: TODAY, version: 2 });
    expect(
      await changeActionStatus(
        db,
        member,
        event.id,
        { id: a.id, version: 1, status: "open" },
        everyone,
        TODAY,
      ),
    ).toMatchObject({ ok: false, reason: "stale" });
    const reopened = await changeActionStatus(
      db,
      member,
      event.id,
      { id: a.id, version: 2, status: "open" },
      everyone,
      TODAY,
    );
    expect(reopened).toMatchObject({ ok: true, record: { status: "open", doneOn: null } });
    const archived = await setActionArchived(db, organiser, event.id, {
      intent: "archive",
      id: a.id,
      version: 3,
    });
    expect(archived).toMatchObject({ ok: true, record: { version: 4 } });
    expect((await listEventActions(db, event.id)).some((r) => r.id === a.id)).toBe(false);
    expect((await listEventActions(db, event.id, { archived: true })).some((r) => r.id === a.id)).toBe(true);
    expect((await auditOf(a.id)).map((r) => r.action)).toEqual(["update", "update", "archive"]);
  });

  it("bulk: changes those the user may change in one transaction, each audited; reports the others", async () => {
    const e = await createEvent(db);
    const mine = await createFollowUpAction(db, {
      eventId: e.id,
      ownerOrganisationId: org.id,
      title: "Mine",
    });
    const mine2 = await createFollowUpAction(db, {
      eventId: e.id,
      ownerOrganisationId: org.id,
      title: "Mine too",
    });
    const theirs = await createFollowUpAction(db, {
      eventId: e.id,
      ownerOrganisationId: otherOrg.id,
      title: "Theirs",
    });
    const already = await createFollowUpAction(db, {
      eventId: e.id,
      ownerOrganisationId: org.id,
      title: "Already",
      status: "done",
      doneOn: "2024-01-01",
    });
    const may = (row: { ownerOrganisationId: string | null }) => row.ownerOrganisationId === org.id;
    const result = await bulkChangeStatus(
      db,
      member,
      [
        { id: mine.id, version: 1 },
        { id: mine2.id, version: 7 },
        { id: theirs.id, version: 1 },
        { id: already.id, version: 1 },
        { id: randomUUID(), version: 1 },
      ],
      "done",
      may,
      TODAY,
    );
    expect(result).toEqual({
      changed: 1,
      unchanged: 1,
      forbidden: ["Theirs"],
      stale: ["Mine too"],
      eventArchived: [],
      missing: 1,
    });
    const rows = await db.select().from(followUpActions).where(eq(followUpActions.eventId, e.id));
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]));
    expect(byTitle["Mine"]).toMatchObject({ status: "done", doneOn: TODAY, version: 2 });
    expect(byTitle["Theirs"]).toMatchObject({ status: "open", version: 1 });
    expect(byTitle["Already"]).toMatchObject({ doneOn: "2024-01-01", version: 1 });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, mine.id), eq(auditLog.action, "update")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.batchId).not.toBeNull();
    expect(audit[0]?.before).toMatchObject({ status: "open" });
    expect(await auditOf(theirs.id)).toEqual([]);
  });
});

describe("lists", () => {
  it("filter by event, owner, status and due window; sort; paginate", async () => {
    const e = await createEvent(db, { title: "Filter event" });
    const base = { eventId: e.id };
    await createFollowUpAction(db, { ...base, title: "B", ownerOrganisationId: org.id, dueOn: "2024-06-01" });
    await createFollowUpAction(db, {
      ...base,
      title: "A",
      ownerOrganisationId: otherOrg.id,
      dueOn: "2024-07-01",
    });
    await createFollowUpAction(db, {
      ...base,
      title: "C",
      ownerOrganisationId: org.id,
      dueOn: "2024-08-01",
      status: "in_progress",
    });
    const q = (extra: Partial<ActionListQuery>): ActionListQuery => ({
      eventId: e.id,
      overdue: false,
      sort: "due",
      direction: "asc",
      ...extra,
    });
    const titles = async (extra: Partial<ActionListQuery>, page = { page: 1, pageSize: 25 }) =>
      (await listActions(db, page, q(extra), TODAY)).items.map((a) => a.title);
    expect(await titles({})).toEqual(["B", "A", "C"]);
    expect(await titles({ direction: "desc" })).toEqual(["C", "A", "B"]);
    expect(await titles({ sort: "title" })).toEqual(["A", "B", "C"]);
    expect(await titles({ ownerOrganisationId: org.id })).toEqual(["B", "C"]);
    expect(await titles({ status: "in_progress" })).toEqual(["C"]);
    expect(await titles({ dueFrom: "2024-06-15", dueTo: "2024-07-31" })).toEqual(["A"]);
    const second = await listActions(db, { page: 2, pageSize: 2 }, q({}), TODAY);
    expect([second.total, second.pages, second.items.map((a) => a.title)]).toEqual([3, 2, ["C"]]);
    const [first] = (await listActions(db, { page: 1, pageSize: 1 }, q({ sort: "title" }), TODAY)).items;
    expect(first).toMatchObject({ eventTitle: "Filter event", ownerOrganisationName: "Legal Aid" });
  });

  it("run a fixed number of queries whatever the number of actions", async () => {
    const small = await createEvent(db);
    const large = await createEvent(db);
    await createFollowUpAction(db, {
      eventId: small.id,
      ownerOrganisationId: org.id,
      ownerUserId: member.id,
    });
    for (let i = 0; i < 40; i++) {
      await createFollowUpAction(db, {
        eventId: large.id,
        ownerOrganisationId: i % 2 ? org.id : otherOrg.id,
        ownerUserId: i % 2 ? member.id : null,
        dueOn: addDays(TODAY, i - 20),
      });
    }
    const counting = await countingDb(database);
    const sizes: number[] = [];
    for (const id of [small.id, large.id]) {
      counting.reset();
      await listEventActions(counting.db, id);
      await listActions(
        counting.db,
        { page: 1, pageSize: 100 },
        { eventId: id, overdue: false, sort: "owner", direction: "asc" },
        TODAY,
      );
      await exportActions(counting.db, { eventId: id, overdue: false, sort: "due", direction: "asc" }, TODAY);
      sizes.push(counting.count());
    }
    expect(sizes[0]).toBe(4);
    expect(sizes[1]).toBe(sizes[0]);
  });

  it("the CSV has translated headers, guarded cells, and parses back", async () => {
    const e = await createEvent(db, { title: 'CSV, "quoted" event', startsOn: "2024-02-01" });
    await createFollowUpAction(db, {
      eventId: e.id,
      ownerOrganisationId: org.id,
      title: '=HYPERLINK("x")',
      dueOn: "2024-05-01",
      description: "line 1\nline 2; more",
    });
    const rows = await exportActions(
      db,
      { eventId: e.id, overdue: false, sort: "due", direction: "asc" },
      TODAY,
    );
    const text = actionsCsv(
      rows,
      {
        headers: {
          title: "Titre",
          status: "Statut",
          overdue: "En retard",
          dueOn: "Échéance",
          doneOn: "Fait",
          ownerOrganisation: "Org",
          ownerUser: "Pers",
          event: "Évt",
          eventStartsOn: "Date",
          description: "Desc",
        },
        status: (s) => `S:${s}`,
        yesNo: (v) => (v ? "oui" : "non"),
      },
      TODAY,
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = parseCsv(text.slice(1));
    expect(parsed[0]).toEqual([
      "Titre",
      "Statut",
      "En retard",
      "Échéance",
      "Fait",
      "Org",
      "Pers",
      "Évt",
      "Date",
      "Desc",
    ]);
    expect(parsed[1]).toEqual([
      '\'=HYPERLINK("x")',
      "S:open",
      "oui",
      "2024-05-01",
      "",
      "RS",
      "",
      'CSV, "quoted" event',
      "2024-02-01",
      "line 1\nline 2; more",
    ]);
    expect(parsed).toHaveLength(2);
  });
});
