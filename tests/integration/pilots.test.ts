// The pilot model against a real database (PGlite, or PostgreSQL with DATABASE_URL): create, edit
// with the version read, stale edits, archive and restore, each with its audit entry in the same
// transaction; the header every tab reads; the municipality page's list; the partnership choices.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, partnerships, pilots, type User } from "~/db/schema";
import type { PilotFields } from "~/lib/validation/pilots";
import {
  createPilot,
  findPilotHeader,
  listPilotsOfMunicipalities,
  pilotPartnershipOptions,
  setPilotArchived,
  updatePilot,
} from "~/models/pilots.server";
import {
  addMember,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot as makePilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;

let coordinator: User;

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator" });
});

/** An actor that is not a user: the audit insert fails (foreign key), after the change itself. */
const ghost = { id: randomUUID() };

function fields(overrides: Partial<PilotFields> = {}): PilotFields {
  return {
    name: "Shelter and guidance",
    targetGroup: "both",
    pathways: ["residence_permit", "new_asylum_application"],
    status: "planned",
    ...overrides,
  };
}

async function auditOf(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

describe("creating a pilot", () => {
  it("stores it in the municipality with its audit entry", async () => {
    const municipality = await createMunicipality(db);
    const partnership = await createPartnership(db);
    const outcome = await createPilot(
      db,
      coordinator,
      municipality.id,
      fields({
        partnershipId: partnership.id,
        description: "Day and night shelter",
        startsOn: "2024-01-01",
        endsOn: "2025-12-31",
        capacity: 40,
      }),
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.pilot).toMatchObject({
      municipalityId: municipality.id,
      partnershipId: partnership.id,
      name: "Shelter and guidance",
      targetGroup: "both",
      pathways: ["residence_permit", "new_asylum_application"],
      status: "planned",
      capacity: 40,
      version: 1,
      archivedAt: null,
    });
    const audit = await auditOf(outcome.pilot.id);
    expect(audit.map((a) => [a.action, a.entityType, a.userId])).toEqual([
      ["create", "pilot", coordinator.id],
    ]);
    expect(audit[0]?.after).toMatchObject({ name: "Shelter and guidance", capacity: 40 });
  });

  it("refuses an unknown or archived municipality, and an unknown or archived partnership", async () => {
    expect(await createPilot(db, coordinator, randomUUID(), fields())).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await createPilot(db, coordinator, "not-a-uuid", fields())).toEqual({
      ok: false,
      reason: "notFound",
    });
    const archivedMunicipality = await createMunicipality(db, { archivedAt: new Date() });
    expect(await createPilot(db, coordinator, archivedMunicipality.id, fields())).toEqual({
      ok: false,
      reason: "notFound",
    });
    const municipality = await createMunicipality(db);
    const archivedPartnership = await createPartnership(db, { archivedAt: new Date() });
    for (const partnershipId of [randomUUID(), archivedPartnership.id]) {
      expect(await createPilot(db, coordinator, municipality.id, fields({ partnershipId }))).toEqual({
        ok: false,
        reason: "unknownPartnership",
      });
    }
    const [row] = await db.select().from(pilots).where(eq(pilots.municipalityId, municipality.id));
    expect(row).toBeUndefined();
  });

  it("writes nothing when the audit entry cannot be written (same transaction)", async () => {
    const municipality = await createMunicipality(db);
    await expect(createPilot(db, ghost, municipality.id, fields())).rejects.toThrow();
    expect(await db.select().from(pilots).where(eq(pilots.municipalityId, municipality.id))).toEqual([]);
  });
});

describe("editing a pilot", () => {
  it("saves with the version read, and records what changed", async () => {
    const pilot = await makePilot(db, { capacity: 10 });
    const outcome = await updatePilot(db, coordinator, pilot.id, {
      ...fields({ status: "running", capacity: 12, pathways: [] }),
      version: 1,
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.pilot).toMatchObject({ status: "running", capacity: 12, pathways: [], version: 2 });
    expect(outcome.pilot.municipalityId).toBe(pilot.municipalityId);
    const [update] = await auditOf(pilot.id);
    expect(update).toMatchObject({ action: "update", entityType: "pilot", userId: coordinator.id });
    expect(update?.before).toMatchObject({ capacity: 10, version: 1 });
    expect(update?.after).toMatchObject({ capacity: 12, version: 2 });
    expect(update?.after).not.toHaveProperty("municipalityId");
  });

  it("refuses a stale version with the values now stored, and writes nothing", async () => {
    const pilot = await makePilot(db);
    const first = await updatePilot(db, coordinator, pilot.id, { ...fields({ name: "First" }), version: 1 });
    expect(first.ok).toBe(true);
    const second = await updatePilot(db, coordinator, pilot.id, {
      ...fields({ name: "Second" }),
      version: 1,
    });
    expect(second).toMatchObject({ ok: false, reason: "stale", current: { name: "First", version: 2 } });
    const [row] = await db.select().from(pilots).where(eq(pilots.id, pilot.id));
    expect(row).toMatchObject({ name: "First", version: 2 });
    expect((await auditOf(pilot.id)).length).toBe(1);
  });

  it("refuses an unknown pilot, an archived one, and an archived partnership newly chosen", async () => {
    expect(await updatePilot(db, coordinator, randomUUID(), { ...fields(), version: 1 })).toEqual({
      ok: false,
      reason: "notFound",
    });
    const archived = await makePilot(db, { archivedAt: new Date() });
    expect(await updatePilot(db, coordinator, archived.id, { ...fields(), version: 1 })).toMatchObject({
      ok: false,
      reason: "archived",
    });
    const pilot = await makePilot(db);
    const gone = await createPartnership(db, { archivedAt: new Date() });
    expect(
      await updatePilot(db, coordinator, pilot.id, { ...fields({ partnershipId: gone.id }), version: 1 }),
    ).toEqual({ ok: false, reason: "unknownPartnership" });
  });

  it("keeps a partnership archived since it was chosen", async () => {
    const partnership = await createPartnership(db);
    const pilot = await makePilot(db, { partnershipId: partnership.id });
    await db.update(partnerships).set({ archivedAt: new Date() }).where(eq(partnerships.id, partnership.id));
    const outcome = await updatePilot(db, coordinator, pilot.id, {
      ...fields({ partnershipId: partnership.id, name: "Renamed" }),
      version: 1,
    });
    expect(outcome).toMatchObject({ ok: true, pilot: { partnershipId: partnership.id, name: "Renamed" } });
  });

  it("writes nothing when the audit entry cannot be written", async () => {
    const pilot = await makePilot(db, { name: "Before" });
    await expect(
      updatePilot(db, ghost, pilot.id, { ...fields({ name: "After" }), version: 1 }),
    ).rejects.toThrow();
    const [row] = await db.select().from(pilots).where(eq(pilots.id, pilot.id));
    expect(row).toMatchObject({ name: "Before", version: 1 });
  });
});

describe("archiving and restoring a pilot", () => {
  it("archives and restores with the version read, each with its audit entry", async () => {
    const pilot = await makePilot(db);
    const archived = await setPilotArchived(db, coordinator, pilot.id, 1, true);
    expect(archived).toMatchObject({ ok: true, pilot: { version: 2 } });
    expect(archived.ok && archived.pilot.archivedAt).toBeInstanceOf(Date);
    expect(await setPilotArchived(db, coordinator, pilot.id, 1, false)).toMatchObject({
      ok: false,
      reason: "stale",
    });
    const restored = await setPilotArchived(db, coordinator, pilot.id, 2, false);
    expect(restored).toMatchObject({ ok: true, pilot: { version: 3, archivedAt: null } });
    expect((await auditOf(pilot.id)).map((a) => a.action)).toEqual(["archive", "restore"]);
    await expect(setPilotArchived(db, ghost, pilot.id, 3, true)).rejects.toThrow();
    expect(await findPilotHeader(db, pilot.id)).toMatchObject({ archivedAt: null, version: 3 });
  });
});

describe("reading pilots", () => {
  it("gives the header with the municipality's and the partnership's names", async () => {
    const municipality = await createMunicipality(db, { name: "Utrecht" });
    const partnership = await createPartnership(db, { name: "LVV Utrecht" });
    const pilot = await makePilot(db, {
      municipalityId: municipality.id,
      partnershipId: partnership.id,
      startsOn: "2019-04-01",
    });
    expect(await findPilotHeader(db, pilot.id)).toEqual({
      id: pilot.id,
      name: pilot.name,
      status: "running",
      municipalityId: municipality.id,
      municipalityName: "Utrecht",
      partnershipId: partnership.id,
      partnershipName: "LVV Utrecht",
      archivedAt: null,
      version: 1,
      startsOn: "2019-04-01",
      endsOn: null,
      pathways: pilot.pathways,
    });
    expect(await findPilotHeader(db, randomUUID())).toBeNull();
    expect(await findPilotHeader(db, "nope")).toBeNull();
  });

  it("lists the pilots of many municipalities in one query, archived ones left out", async () => {
    const [a, b, empty] = await Promise.all([
      createMunicipality(db),
      createMunicipality(db),
      createMunicipality(db),
    ]);
    const a1 = await makePilot(db, { municipalityId: a.id, name: "B pilot" });
    const a2 = await makePilot(db, { municipalityId: a.id, name: "A pilot" });
    const b1 = await makePilot(db, { municipalityId: b.id });
    await makePilot(db, { municipalityId: b.id, archivedAt: new Date() });
    const counting = await countingDb(database);
    const list = await listPilotsOfMunicipalities(counting.db, [a.id, b.id, empty.id, "bad"]);
    expect(counting.count()).toBe(1);
    expect(list.get(a.id)?.map((p) => p.id)).toEqual([a2.id, a1.id]);
    expect(list.get(b.id)?.map((p) => p.id)).toEqual([b1.id]);
    expect(list.get(empty.id)).toEqual([]);
    const all = await listPilotsOfMunicipalities(db, [b.id], { includeArchived: true });
    expect(all.get(b.id)).toHaveLength(2);
    expect(await listPilotsOfMunicipalities(db, [])).toEqual(new Map());
  });

  it("offers the partnerships of the municipality's local authority first", async () => {
    const authority = await createOrganisation(db, { type: "local_authority" });
    const municipality = await createMunicipality(db, { organisationId: authority.id });
    const own = await createPartnership(db, { name: "Zz own partnership" });
    const left = await createPartnership(db, { name: "Zz left partnership" });
    const other = await createPartnership(db, { name: "Aa other partnership" });
    const archived = await createPartnership(db, { archivedAt: new Date() });
    await addMember(db, { partnershipId: own.id, organisationId: authority.id });
    await addMember(db, { partnershipId: left.id, organisationId: authority.id, leftOn: "2020-01-01" });
    const options = await pilotPartnershipOptions(db, municipality.id);
    expect(options.member.map((p) => p.id)).toEqual([own.id]);
    const others = options.other.map((p) => p.id);
    expect(others).toEqual(expect.arrayContaining([left.id, other.id]));
    expect(others).not.toContain(archived.id);
    expect(others).not.toContain(own.id);
    const keeping = await pilotPartnershipOptions(db, municipality.id, archived.id);
    expect(keeping.other.map((p) => p.id)).toContain(archived.id);
  });
});
