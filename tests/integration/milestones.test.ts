// Milestones and alerts of pilots: the models against a real database (PGlite, or PostgreSQL with
// DATABASE_URL): audit entries in the same transaction, stale versions, reorder, and the number of
// queries loadAlerts runs whatever the number of pilots.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, milestones, type User } from "~/db/schema";
import { addDays } from "~/lib/alerts";
import { milestoneInput, type MilestoneInput } from "~/lib/validation/milestones";
import { loadAlerts, loadPilotAlerts } from "~/models/alerts.server";
import {
  listMilestones,
  markMilestoneDone,
  milestonesForPilots,
  moveMilestone,
  reorderMilestones,
  saveMilestone,
  setMilestoneArchived,
} from "~/models/milestones.server";
import { createFundingLine, createMilestone, createPilot, createPilotPeriod, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;
const TODAY = "2024-05-10";

let official: User;

beforeAll(async () => {
  official = await createUser(db, { role: "municipal_official" });
});

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

async function auditCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityType, "milestone"));
  return row?.n ?? 0;
}

function input(overrides: Partial<MilestoneInput> = {}): MilestoneInput {
  return { intent: "save", title: "Covenant signed", status: "planned", ...overrides };
}

describe("validation", () => {
  const schema = milestoneInput(TODAY);
  it("requires a title and real dates", () => {
    expect(schema.safeParse({ intent: "save", title: " ", status: "planned" }).success).toBe(false);
    expect(
      schema.safeParse({ intent: "save", title: "x", status: "planned", dueOn: "2024-02-30" }).success,
    ).toBe(false);
  });
  it("a done milestone gets today as done date when none is given; other statuses take none", () => {
    expect(schema.parse({ intent: "save", title: "x", status: "done" }).doneOn).toBe(TODAY);
    const wrong = schema.safeParse({ intent: "save", title: "x", status: "planned", doneOn: "2024-05-01" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(["doneOn"]);
  });
  it("a done date in the future is refused; today is fine", () => {
    expect(
      schema.safeParse({ intent: "save", title: "x", status: "done", doneOn: "2024-05-11" }).success,
    ).toBe(false);
    expect(schema.safeParse({ intent: "save", title: "x", status: "done", doneOn: TODAY }).success).toBe(
      true,
    );
  });
  it("an edit needs the version read", () => {
    const id = randomUUID();
    expect(schema.safeParse({ intent: "save", id, title: "x", status: "planned" }).success).toBe(false);
    expect(schema.safeParse({ intent: "save", id, version: 1, title: "x", status: "planned" }).success).toBe(
      true,
    );
  });
});

describe("milestones model", () => {
  it("creates at the end of the list, edits with the version read, and audits both", async () => {
    const pilot = await createPilot(db);
    const first = await saveMilestone(db, official, pilot.id, input({ title: "First", dueOn: "2024-06-01" }));
    const second = await saveMilestone(db, official, pilot.id, input({ title: "Second" }));
    if (!first.ok || !second.ok) throw new Error("save refused");
    expect([first.record.position, second.record.position]).toEqual([0, 1]);
    const edited = await saveMilestone(
      db,
      official,
      pilot.id,
      input({ id: first.record.id, version: 1, title: "First, renamed", dueOn: "2024-06-01" }),
    );
    expect(edited).toMatchObject({ ok: true, record: { title: "First, renamed", version: 2 } });
    const audit = await auditOf(first.record.id);
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit[1]).toMatchObject({
      userId: official.id,
      before: { title: "First", version: 1 },
      after: { title: "First, renamed", version: 2 },
    });
    expect((await listMilestones(db, pilot.id)).map((m) => m.title)).toEqual(["First, renamed", "Second"]);
  });

  it("refuses a stale version and keeps the other person's values", async () => {
    const milestone = await createMilestone(db, { title: "Original" });
    const ok = await saveMilestone(
      db,
      official,
      milestone.pilotId,
      input({ id: milestone.id, version: 1, title: "A" }),
    );
    expect(ok.ok).toBe(true);
    const stale = await saveMilestone(
      db,
      official,
      milestone.pilotId,
      input({ id: milestone.id, version: 1, title: "B" }),
    );
    expect(stale).toMatchObject({ ok: false, reason: "stale", current: { title: "A", version: 2 } });
    const staleDone = await markMilestoneDone(db, official, milestone.pilotId, {
      id: milestone.id,
      version: 1,
      doneOn: TODAY,
    });
    expect(staleDone).toMatchObject({ ok: false, reason: "stale" });
    expect((await auditOf(milestone.id)).length).toBe(1);
  });

  it("marks done with the done date, and only within its own pilot", async () => {
    const milestone = await createMilestone(db, { status: "in_progress", dueOn: "2024-05-01" });
    const other = await createPilot(db);
    expect(
      await markMilestoneDone(db, official, other.id, { id: milestone.id, version: 1, doneOn: TODAY }),
    ).toEqual({ ok: false, reason: "notFound" });
    const done = await markMilestoneDone(db, official, milestone.pilotId, {
      id: milestone.id,
      version: 1,
      doneOn: "2024-05-09",
    });
    expect(done).toMatchObject({ ok: true, record: { status: "done", doneOn: "2024-05-09", version: 2 } });
    const [entry] = await auditOf(milestone.id);
    expect(entry).toMatchObject({
      action: "update",
      before: { status: "in_progress", doneOn: null },
      after: { status: "done", doneOn: "2024-05-09" },
    });
  });

  it("refuses to mark done a milestone already done (its date stays) or cancelled", async () => {
    const done = await createMilestone(db, { status: "done", doneOn: "2024-05-01" });
    const cancelled = await createMilestone(db, { status: "cancelled" });
    for (const milestone of [done, cancelled]) {
      const before = await auditCount();
      expect(
        await markMilestoneDone(db, official, milestone.pilotId, {
          id: milestone.id,
          version: 1,
          doneOn: TODAY,
        }),
      ).toEqual({ ok: false, reason: "notOpen" });
      const [row] = await listMilestones(db, milestone.pilotId);
      expect(row).toMatchObject({ status: milestone.status, doneOn: milestone.doneOn, version: 1 });
      expect(await auditCount()).toBe(before);
    }
  });

  it("a milestone that is not done loses its done date when saved", async () => {
    const milestone = await createMilestone(db, { status: "done", doneOn: "2024-01-01" });
    const saved = await saveMilestone(
      db,
      official,
      milestone.pilotId,
      input({ id: milestone.id, version: 1, status: "delayed", doneOn: "2024-01-01" }),
    );
    expect(saved).toMatchObject({ ok: true, record: { status: "delayed", doneOn: null } });
  });

  it("reorders in one transaction, moves up and down, and audits position changes", async () => {
    const pilot = await createPilot(db);
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map((position) =>
        createMilestone(db, { pilotId: pilot.id, position, title: `M${position}` }),
      ),
    );
    if (!a || !b || !c) throw new Error("factory");
    const reordered = await reorderMilestones(db, official, pilot.id, [c.id, a.id, b.id]);
    expect(reordered.ok).toBe(true);
    expect((await listMilestones(db, pilot.id)).map((m) => [m.title, m.position, m.version])).toEqual([
      ["M2", 0, 1],
      ["M0", 1, 1],
      ["M1", 2, 1],
    ]);
    expect((await auditOf(c.id)).at(-1)).toMatchObject({ before: { position: 2 }, after: { position: 0 } });

    await moveMilestone(db, official, pilot.id, { id: b.id, direction: "up" });
    expect((await listMilestones(db, pilot.id)).map((m) => m.title)).toEqual(["M2", "M1", "M0"]);
    // At either end: nothing moves, nothing is audited.
    const before = await auditCount();
    await moveMilestone(db, official, pilot.id, { id: c.id, direction: "up" });
    await moveMilestone(db, official, pilot.id, { id: a.id, direction: "down" });
    expect(await auditCount()).toBe(before);
    expect((await listMilestones(db, pilot.id)).map((m) => m.title)).toEqual(["M2", "M1", "M0"]);

    // A list that is not exactly the pilot's milestones is refused as a whole.
    expect(await reorderMilestones(db, official, pilot.id, [a.id, b.id])).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await reorderMilestones(db, official, pilot.id, [a.id, a.id, b.id])).toEqual({
      ok: false,
      reason: "mismatch",
    });
    const foreign = await createMilestone(db);
    expect(await reorderMilestones(db, official, pilot.id, [a.id, b.id, foreign.id])).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await moveMilestone(db, official, pilot.id, { id: foreign.id, direction: "up" })).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  it("a failing audit entry rolls the change back (same transaction)", async () => {
    const pilot = await createPilot(db);
    const ghost = { id: randomUUID() };
    await expect(saveMilestone(db, ghost, pilot.id, input())).rejects.toThrow();
    const [a, b] = await Promise.all([
      createMilestone(db, { pilotId: pilot.id, position: 0 }),
      createMilestone(db, { pilotId: pilot.id, position: 1 }),
    ]);
    if (!a || !b) throw new Error("factory");
    await expect(reorderMilestones(db, ghost, pilot.id, [b.id, a.id])).rejects.toThrow();
    const list = await listMilestones(db, pilot.id);
    expect(list.map((m) => m.id)).toEqual([a.id, b.id]);
  });

  it("archives and restores with the version read; a restored milestone goes last", async () => {
    const pilot = await createPilot(db);
    const a = await createMilestone(db, { pilotId: pilot.id, position: 0 });
    await createMilestone(db, { pilotId: pilot.id, position: 1 });
    const archived = await setMilestoneArchived(db, official, pilot.id, {
      intent: "archive",
      id: a.id,
      version: 1,
    });
    expect(archived).toMatchObject({ ok: true, record: { version: 2 } });
    expect(await listMilestones(db, pilot.id)).toHaveLength(1);
    expect((await listMilestones(db, pilot.id, { archived: true })).map((m) => m.id)).toEqual([a.id]);
    expect(
      await setMilestoneArchived(db, official, pilot.id, { intent: "restore", id: a.id, version: 1 }),
    ).toMatchObject({ ok: false, reason: "stale" });
    const restored = await setMilestoneArchived(db, official, pilot.id, {
      intent: "restore",
      id: a.id,
      version: 2,
    });
    expect(restored).toMatchObject({ ok: true, record: { archivedAt: null, position: 2 } });
    expect((await auditOf(a.id)).map((e) => e.action)).toEqual(["archive", "restore"]);
    // An archived milestone cannot be edited.
    await setMilestoneArchived(db, official, pilot.id, { intent: "archive", id: a.id, version: 3 });
    expect(await saveMilestone(db, official, pilot.id, input({ id: a.id, version: 4 }))).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  it("unknown pilots are notFound", async () => {
    expect(await saveMilestone(db, official, randomUUID(), input())).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await listMilestones(db, "not-a-uuid")).toEqual([]);
  });
});

describe("milestones across pilots", () => {
  it("open milestones overdue or due soon, earliest first, in one query", async () => {
    const p1 = await createPilot(db, { name: "Alpha pilot" });
    const p2 = await createPilot(db, { name: "Beta pilot" });
    const archivedPilot = await createPilot(db, { archivedAt: new Date() });
    await createMilestone(db, { pilotId: p1.id, title: "Overdue", dueOn: "2024-05-01" });
    await createMilestone(db, { pilotId: p2.id, title: "Soon", dueOn: "2024-05-20" });
    await createMilestone(db, { pilotId: p2.id, title: "Far", dueOn: "2025-05-20" });
    await createMilestone(db, { pilotId: p1.id, title: "Done", dueOn: "2024-05-02", status: "done" });
    await createMilestone(db, {
      pilotId: p1.id,
      title: "Cancelled",
      dueOn: "2024-05-02",
      status: "cancelled",
    });
    await createMilestone(db, { pilotId: p1.id, title: "Undated" });
    await createMilestone(db, {
      pilotId: p1.id,
      title: "Archived",
      dueOn: "2024-05-02",
      archivedAt: new Date(),
    });
    await createMilestone(db, { pilotId: archivedPilot.id, title: "Of archived pilot", dueOn: "2024-05-02" });
    const counting = await countingDb(database);
    const rows = await milestonesForPilots(counting.db, [p1.id, p2.id, archivedPilot.id], { today: TODAY });
    expect(counting.count()).toBe(1);
    expect([...rows.overdue, ...rows.upcoming].map((r) => [r.title, r.pilotName, r.overdue])).toEqual([
      ["Overdue", "Alpha pilot", true],
      ["Soon", "Beta pilot", false],
    ]);
    expect([rows.overdueTotal, rows.upcomingTotal]).toEqual([1, 1]);
    expect(await milestonesForPilots(db, [])).toEqual({
      overdue: [],
      upcoming: [],
      overdueTotal: 0,
      upcomingTotal: 0,
    });
  });
});

describe("loadAlerts", () => {
  it("finds every kind of alert, per pilot", async () => {
    const pilot = await createPilot(db, { status: "running", startsOn: "2023-01-01" });
    await createMilestone(db, { pilotId: pilot.id, title: "Late", dueOn: addDays(TODAY, -1) });
    await createMilestone(db, { pilotId: pilot.id, title: "Soon", dueOn: addDays(TODAY, 14) });
    await createMilestone(db, { pilotId: pilot.id, title: "Not yet", dueOn: addDays(TODAY, 15) });
    await createMilestone(db, {
      pilotId: pilot.id,
      title: "Done",
      dueOn: addDays(TODAY, -3),
      status: "done",
    });
    await createMilestone(db, { pilotId: pilot.id, title: "After funding", dueOn: "2026-03-01" });
    await createFundingLine(db, { pilotId: pilot.id, startsOn: "2023-01-01", endsOn: "2025-12-31" });
    await createFundingLine(db, { pilotId: pilot.id, endsOn: "2024-12-31", archivedAt: new Date() });
    await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2023-10-01", periodEnd: "2023-12-31" });
    await createPilotPeriod(db, {
      pilotId: pilot.id,
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
      archivedAt: new Date(),
    });
    const alerts = await loadPilotAlerts(db, pilot.id, TODAY);
    expect(alerts.map((a) => `${a.kind}:${a.title ?? a.date}`)).toEqual([
      "milestone_overdue:Late",
      "milestone_due_soon:Soon",
      "milestone_after_funding:After funding",
      "outcomes_missing:2024-03-31",
    ]);
    // An open-ended funding line: no milestone is after all funding.
    await createFundingLine(db, { pilotId: pilot.id, startsOn: "2024-01-01", endsOn: null });
    await createPilotPeriod(db, { pilotId: pilot.id, periodStart: "2024-01-02", periodEnd: "2024-03-31" });
    expect((await loadPilotAlerts(db, pilot.id, TODAY)).map((a) => a.kind)).toEqual([
      "milestone_overdue",
      "milestone_due_soon",
    ]);
  });

  it("runs the same number of queries (at most 3) for 1 pilot and for 30", async () => {
    const pilotsOf = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const pilot = await createPilot(db);
        await createMilestone(db, { pilotId: pilot.id, dueOn: TODAY });
        await createFundingLine(db, { pilotId: pilot.id, endsOn: "2030-01-01" });
        ids.push(pilot.id);
      }
      return ids;
    };
    const one = await pilotsOf(1);
    const many = await pilotsOf(30);
    const counting = await countingDb(database);
    const small = await loadAlerts(counting.db, one, TODAY);
    const smallCount = counting.count();
    counting.reset();
    const large = await loadAlerts(counting.db, [...many, randomUUID(), "junk"], TODAY);
    expect(counting.count()).toBe(smallCount);
    expect(smallCount).toBeLessThanOrEqual(3);
    expect(small.size).toBe(1);
    expect(large.size).toBe(30);
    for (const alerts of large.values()) expect(alerts.map((a) => a.kind)).toContain("milestone_due_soon");
    counting.reset();
    expect((await loadAlerts(counting.db, [], TODAY)).size).toBe(0);
    expect(counting.count()).toBe(0);
  });

  it("the milestone table is untouched by reading alerts", async () => {
    const [row] = await db.select({ n: count() }).from(milestones);
    expect(row?.n).toBeGreaterThan(0);
  });
});
