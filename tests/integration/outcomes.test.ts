// Outcomes of pilot projects: reporting periods with their grid of counts, against a real database
// (PGlite, or PostgreSQL with DATABASE_URL). Save, edit at the version read, validation, overlap,
// audit entries in the same transaction, rollback, archive, and loadPeriods' fixed query count.
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditLog, pilotOutcomes, pilotPeriods, type Pilot, type User } from "~/db/schema";
import { outcomePathways, type OutcomePathway } from "~/lib/enums";
import { periodInput, type PeriodInput } from "~/lib/validation/outcomes";
import { loadPeriods, savePeriod, setPeriodArchived } from "~/models/outcomes.server";
import { createPilot, createPilotOutcome, createPilotPeriod, createUser } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;

let coordinator: User;
let pilot: Pilot;

function zeros(): Record<OutcomePathway, number> {
  return Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>;
}

function input(overrides: Partial<PeriodInput> = {}, outcomes: Partial<Record<OutcomePathway, number>> = {}) {
  return {
    intent: "save" as const,
    periodStart: "2024-01-01",
    periodEnd: "2024-03-31",
    newParticipants: 12,
    participantsAtEnd: 30,
    ...overrides,
    outcomes: { ...zeros(), ...outcomes },
  } satisfies PeriodInput;
}

async function countOf(table: typeof auditLog | typeof pilotPeriods | typeof pilotOutcomes) {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator" });
  pilot = await createPilot(db, { pathways: ["voluntary_return", "residence_permit"] });
});

describe("validation of the grid", () => {
  const form = (fields: Record<string, unknown>) =>
    periodInput.safeParse({
      intent: "save",
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
      newParticipants: 1,
      participantsAtEnd: 1,
      ...fields,
    });
  const messages = (result: ReturnType<typeof form>) =>
    result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

  test("empty pathway cells are 0, a missing grid is all zeros", () => {
    const parsed = form({ outcomes: { voluntary_return: 3 } });
    expect(parsed.success && parsed.data.outcomes.voluntary_return).toBe(3);
    expect(parsed.success && parsed.data.outcomes.forced_return).toBe(0);
    const none = form({});
    expect(none.success && Object.values(none.data.outcomes).every((n) => n === 0)).toBe(true);
  });

  test("counts are whole numbers from 0 to 100 000, with a clear message each", () => {
    expect(messages(form({ newParticipants: -1 }))).toEqual([
      "newParticipants: outcomes.validation.negative",
    ]);
    expect(messages(form({ participantsAtEnd: 2.5 }))).toEqual([
      "participantsAtEnd: outcomes.validation.wholeNumber",
    ]);
    expect(messages(form({ outcomes: { forced_return: 100_001 } }))).toEqual([
      "outcomes.forced_return: outcomes.validation.tooLarge",
    ]);
    expect(messages(form({ newParticipants: "many" }))).toEqual([
      "newParticipants: outcomes.validation.count",
    ]);
    expect(messages(form({ outcomes: { forced_return: 100_000 } }))).toEqual([]);
  });

  test("the end comes after the start; dates exist", () => {
    expect(messages(form({ periodEnd: "2024-01-01" }))).toEqual([
      "periodEnd: outcomes.validation.endNotAfterStart",
    ]);
    expect(messages(form({ periodEnd: "2023-12-31" }))).toEqual([
      "periodEnd: outcomes.validation.endNotAfterStart",
    ]);
    expect(messages(form({ periodStart: "2024-02-30" }))).toContain("periodStart: outcomes.validation.date");
  });

  test("an edit carries its version", () => {
    expect(messages(form({ id: randomUUID() }))).toEqual(["version: validation.required"]);
  });
});

describe("savePeriod", () => {
  test("creates a period with its non-zero counts and one audit entry, then edits it", async () => {
    const created = await savePeriod(
      db,
      coordinator,
      pilot.id,
      input({}, { voluntary_return: 3, forced_return: 7 }),
    );
    if (!created.ok) throw new Error(created.reason);
    expect(created.record).toMatchObject({
      version: 1,
      newParticipants: 12,
      outcomes: { voluntary_return: 3, forced_return: 7 },
    });
    const rows = await db
      .select()
      .from(pilotOutcomes)
      .where(eq(pilotOutcomes.pilotPeriodId, created.record.id));
    expect(rows.map((r) => [r.pathway, r.count]).sort()).toEqual([
      ["forced_return", 7],
      ["voluntary_return", 3],
    ]);

    const edited = await savePeriod(
      db,
      coordinator,
      pilot.id,
      input(
        { id: created.record.id, version: 1, participantsAtEnd: 28 },
        { voluntary_return: 4, departed_unknown: 2 },
      ),
    );
    if (!edited.ok) throw new Error(edited.reason);
    expect(edited.record).toMatchObject({ version: 2, participantsAtEnd: 28 });
    const loaded = (await loadPeriods(db, [pilot.id])).get(pilot.id)?.find((p) => p.id === created.record.id);
    // forced_return went back to 0: its row is gone.
    expect(loaded?.outcomes).toEqual({ voluntary_return: 4, departed_unknown: 2 });

    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "pilot_period"), eq(auditLog.entityId, created.record.id)))
      .orderBy(auditLog.at, auditLog.id);
    expect(entries.map((e) => [e.action, e.userId])).toEqual([
      ["create", coordinator.id],
      ["update", coordinator.id],
    ]);
    expect(entries[0]?.after).toMatchObject({ outcomes: { voluntary_return: 3, forced_return: 7 } });
    expect(entries[1]?.before).toMatchObject({
      participantsAtEnd: 30,
      outcomes: { voluntary_return: 3, forced_return: 7 },
    });
    expect(entries[1]?.after).toMatchObject({
      participantsAtEnd: 28,
      outcomes: { voluntary_return: 4, departed_unknown: 2 },
    });
  });

  test("refuses a stale version and returns what is stored now", async () => {
    const p = await createPilot(db);
    const created = await savePeriod(db, coordinator, p.id, input({}, { forced_return: 5 }));
    if (!created.ok) throw new Error(created.reason);
    const id = created.record.id;
    expect(
      (await savePeriod(db, coordinator, p.id, input({ id, version: 1 }, { forced_return: 6 }))).ok,
    ).toBe(true);
    const stale = await savePeriod(db, coordinator, p.id, input({ id, version: 1 }, { forced_return: 9 }));
    expect(stale).toMatchObject({
      ok: false,
      reason: "stale",
      current: { version: 2, outcomes: { forced_return: 6 } },
    });
    const staleArchive = await setPeriodArchived(db, coordinator, p.id, {
      intent: "archive",
      id,
      version: 1,
    });
    expect(staleArchive).toMatchObject({ ok: false, reason: "stale" });
  });

  test("periods of a pilot do not overlap; another pilot's periods do not count", async () => {
    const p = await createPilot(db);
    const other = await createPilot(db);
    expect((await savePeriod(db, coordinator, p.id, input())).ok).toBe(true);
    expect((await savePeriod(db, coordinator, other.id, input())).ok).toBe(true);
    for (const [periodStart, periodEnd] of [
      ["2024-03-31", "2024-06-30"],
      ["2023-12-01", "2024-01-01"],
      ["2024-02-01", "2024-02-10"],
      ["2023-01-01", "2025-01-01"],
    ] as const) {
      expect(await savePeriod(db, coordinator, p.id, input({ periodStart, periodEnd }))).toEqual({
        ok: false,
        reason: "overlap",
      });
    }
    const next = await savePeriod(
      db,
      coordinator,
      p.id,
      input({ periodStart: "2024-04-01", periodEnd: "2024-06-30" }),
    );
    expect(next.ok).toBe(true);
    // Editing a period may keep its own dates.
    if (!next.ok) return;
    const same = await savePeriod(
      db,
      coordinator,
      p.id,
      input({ id: next.record.id, version: 1, periodStart: "2024-04-01", periodEnd: "2024-06-30" }),
    );
    expect(same.ok).toBe(true);
  });

  test("an archived period frees its dates, but its start day stays taken (unique per pilot)", async () => {
    const p = await createPilot(db);
    const created = await savePeriod(db, coordinator, p.id, input());
    if (!created.ok) throw new Error(created.reason);
    const archived = await setPeriodArchived(db, coordinator, p.id, {
      intent: "archive",
      id: created.record.id,
      version: 1,
    });
    expect(archived).toMatchObject({ ok: true, record: { version: 2 } });
    expect((await loadPeriods(db, [p.id])).get(p.id)).toEqual([]);
    expect((await loadPeriods(db, [p.id], { archived: true })).get(p.id)?.map((x) => x.id)).toEqual([
      created.record.id,
    ]);
    expect(await savePeriod(db, coordinator, p.id, input())).toEqual({ ok: false, reason: "duplicateStart" });
    const shifted = await savePeriod(db, coordinator, p.id, input({ periodStart: "2024-01-02" }));
    expect(shifted.ok).toBe(true);
    // Restoring it now would overlap the new one.
    expect(
      await setPeriodArchived(db, coordinator, p.id, {
        intent: "restore",
        id: created.record.id,
        version: 2,
      }),
    ).toEqual({ ok: false, reason: "overlap" });
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, created.record.id))
      .orderBy(auditLog.at, auditLog.id);
    expect(actions.map((a) => a.action)).toEqual(["create", "archive"]);
  });

  test("unknown pilots and periods, another pilot's period, an archived pilot", async () => {
    expect(await savePeriod(db, coordinator, randomUUID(), input())).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await savePeriod(db, coordinator, "not-a-uuid", input())).toEqual({
      ok: false,
      reason: "notFound",
    });
    const p = await createPilot(db);
    const other = await createPilotPeriod(db);
    expect(await savePeriod(db, coordinator, p.id, input({ id: other.id, version: 1 }))).toEqual({
      ok: false,
      reason: "notFound",
    });
    const archivedPilot = await createPilot(db, { archivedAt: new Date() });
    expect(await savePeriod(db, coordinator, archivedPilot.id, input())).toEqual({
      ok: false,
      reason: "pilotArchived",
    });
  });

  test("a failing save leaves nothing: period, counts and audit entry roll back together", async () => {
    const p = await createPilot(db);
    const before = [await countOf(pilotPeriods), await countOf(pilotOutcomes), await countOf(auditLog)];
    // An actor that is no user: the audit insert fails after the period and its counts were written.
    await expect(
      savePeriod(db, { id: randomUUID() }, p.id, input({}, { forced_return: 8 })),
    ).rejects.toThrow();
    // A database constraint the form would have caught (negative count), on an edit.
    const created = await savePeriod(
      db,
      coordinator,
      p.id,
      input({ periodStart: "2030-01-01", periodEnd: "2030-03-31" }),
    );
    if (!created.ok) throw new Error(created.reason);
    const after1 = [await countOf(pilotPeriods), await countOf(pilotOutcomes), await countOf(auditLog)];
    await expect(
      savePeriod(
        db,
        coordinator,
        p.id,
        input(
          {
            id: created.record.id,
            version: 1,
            periodStart: "2030-01-01",
            periodEnd: "2030-03-31",
            newParticipants: 99,
          },
          { forced_return: -1 },
        ),
      ),
    ).rejects.toThrow();
    expect(after1).toEqual([before[0]! + 1, before[1]!, before[2]! + 1]);
    expect([await countOf(pilotPeriods), await countOf(pilotOutcomes), await countOf(auditLog)]).toEqual(
      after1,
    );
    const [row] = await db.select().from(pilotPeriods).where(eq(pilotPeriods.id, created.record.id));
    expect(row).toMatchObject({ version: 1, newParticipants: 12 });
  });
});

describe("loadPeriods", () => {
  test("groups periods by pilot, oldest first, with their counts; unknown ids give empty lists", async () => {
    const p = await createPilot(db);
    const q2 = await createPilotPeriod(db, {
      pilotId: p.id,
      periodStart: "2024-04-01",
      periodEnd: "2024-06-30",
    });
    const q1 = await createPilotPeriod(db, {
      pilotId: p.id,
      periodStart: "2024-01-01",
      periodEnd: "2024-03-31",
    });
    await createPilotOutcome(db, { pilotPeriodId: q1.id, pathway: "forced_return", count: 4 });
    await createPilotOutcome(db, { pilotPeriodId: q1.id, pathway: "state_reception", count: 11 });
    const unknown = randomUUID();
    const map = await loadPeriods(db, [p.id, unknown, "junk"]);
    expect([...map.keys()]).toEqual([p.id, unknown]);
    expect(map.get(unknown)).toEqual([]);
    expect(map.get(p.id)?.map((x) => [x.id, x.outcomes])).toEqual([
      [q1.id, { forced_return: 4, state_reception: 11 }],
      [q2.id, {}],
    ]);
    expect(await loadPeriods(db, [])).toEqual(new Map());
  });

  test("runs two queries whatever the number of pilots, periods and counts", async () => {
    const counting = await countingDb(database);
    const measure = async (pilotCount: number, periodsEach: number) => {
      const ids: string[] = [];
      for (let i = 0; i < pilotCount; i++) {
        const p = await createPilot(db);
        ids.push(p.id);
        for (let j = 0; j < periodsEach; j++) {
          const period = await createPilotPeriod(db, { pilotId: p.id });
          await createPilotOutcome(db, {
            pilotPeriodId: period.id,
            pathway: "voluntary_return",
            count: j + 1,
          });
          await createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "departed_unknown", count: 2 });
        }
      }
      counting.reset();
      const map = (await counting.db) ? await loadPeriods(counting.db, ids) : new Map();
      expect([...map.values()].flat()).toHaveLength(pilotCount * periodsEach);
      return counting.count();
    };
    const small = await measure(1, 1);
    const large = await measure(6, 5);
    expect(small).toBe(2);
    expect(large).toBe(2);
  });
});
