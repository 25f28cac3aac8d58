// Importing partnerships (with members) and relationships against a real database: good files,
// errors blocking the commit (unknown organisation, two leads, bad role), duplicates skipped or
// merged, audit entries under the batch's id, one transaction (a failing row rolls everything back),
// and a fixed number of queries whatever the size.
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, partnershipMembers, partnerships, relationships, type User } from "~/db/schema";
import type { ImportKind } from "~/lib/import/kinds";
import { guessMapping } from "~/lib/import/mapping";
import { commitImport, previewImport } from "~/models/import-run.server";
import {
  chooseDuplicateUpdates,
  createImportBatch,
  findImportBatch,
  saveImportMapping,
} from "~/models/imports.server";
import {
  addMember,
  createOrganisation,
  createPartnership,
  createRelationship,
  createUser,
  uniqueName,
} from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;
const coordinator: User = await createUser(db, { role: "coordinator" });

const P_HEADERS = ["Partnership", "Status", "Formalisation", "Organisation", "Role", "Mandate", "Joined on"];
const R_HEADERS = ["From", "To", "Type", "Starts", "Notes"];

async function mappedBatch(kind: ImportKind, headers: string[], rows: string[][]) {
  const batch = await createImportBatch(db, coordinator, kind, `${kind}.csv`, {
    layout: "table",
    headers,
    rows: rows.map((cells, i) => ({ line: i + 2, cells })),
  });
  await saveImportMapping(db, batch, guessMapping(headers, "table", kind));
  const found = await findImportBatch(db, coordinator.id, batch.id);
  if (!found) throw new Error("batch not found");
  return found;
}

async function commit(batchId: string, skipErrors = false) {
  const batch = await findImportBatch(db, coordinator.id, batchId);
  if (!batch) throw new Error("batch not found");
  return commitImport(db, coordinator, batch, { skipErrors });
}

async function partnershipNamed(name: string) {
  const [row] = await db.select().from(partnerships).where(eq(partnerships.name, name));
  return row;
}

async function membersOf(partnershipId: string) {
  const rows = await db
    .select({ organisationId: partnershipMembers.organisationId, role: partnershipMembers.role })
    .from(partnershipMembers)
    .where(eq(partnershipMembers.partnershipId, partnershipId));
  return rows.sort((a, b) => a.role.localeCompare(b.role));
}

describe("importing partnerships with their members", () => {
  test("a good file: partnerships and members created, each with an audit entry under the batch", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const b = await createOrganisation(db, { name: uniqueName("Org B") });
    const p1 = uniqueName("Reception");
    const p2 = uniqueName("Housing");
    const batch = await mappedBatch("partnerships", P_HEADERS, [
      [p1, "Actif", "Protocole d’accord", a.name, "Chef de file", "Coordinates", "01/03/2024"],
      [p1, "", "", b.name.toUpperCase(), "Partenaire", "", ""],
      [p2, "", "", b.name, "", "", ""],
    ]);
    const preview = await previewImport(db, batch);
    expect(preview.summary).toEqual({ new: 3, update: 0, skip: 0, error: 0 });
    const outcome = await commit(batch.id);
    expect(outcome).toEqual({
      ok: true,
      result: { created: 2, updated: 0, members: 3, skipped: 0, failed: 0 },
    });
    const first = await partnershipNamed(p1);
    expect(first).toMatchObject({ status: "active", formalisation: "memorandum" });
    expect(await membersOf(first?.id ?? "")).toEqual([
      { organisationId: a.id, role: "lead" },
      { organisationId: b.id, role: "partner" },
    ]);
    const [lead] = await db
      .select()
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, first?.id ?? ""),
          eq(partnershipMembers.organisationId, a.id),
        ),
      );
    expect(lead).toMatchObject({ mandate: "Coordinates", joinedOn: "2024-03-01" });
    const second = await partnershipNamed(p2);
    expect(second).toMatchObject({ status: "exploring", formalisation: "informal" });
    const entries = await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id));
    expect(entries.map((e) => `${e.action}:${e.entityType}`).sort()).toEqual([
      "import:partnership",
      "import:partnership",
      "import:partnership_member",
      "import:partnership_member",
      "import:partnership_member",
    ]);
    expect(entries.every((e) => e.userId === coordinator.id)).toBe(true);
    expect(await commit(batch.id)).toEqual({ ok: false, reason: "committed" });
  });

  test("unknown organisation, two leads and a bad role block the commit; skipping them imports the rest", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const b = await createOrganisation(db, { name: uniqueName("Org B") });
    const c = await createOrganisation(db, { name: uniqueName("Org C") });
    const p = uniqueName("Errors");
    const batch = await mappedBatch("partnerships", P_HEADERS, [
      [p, "", "", a.name, "lead", "", ""],
      [p, "", "", "Nobody Known", "partner", "", ""],
      [p, "", "", b.name, "lead", "", ""],
      [p, "", "", c.name, "captain", "", ""],
    ]);
    const preview = await previewImport(db, batch);
    expect(preview.summary).toEqual({ new: 1, update: 0, skip: 0, error: 3 });
    expect(preview.rows.flatMap((r) => r.problems.map((q) => q.message))).toEqual([
      "import.problems.unknownOrganisation",
      "import.problems.secondLead",
      "import.problems.unknownRole",
    ]);
    expect(await commit(batch.id)).toEqual({ ok: false, reason: "errors", errors: 3 });
    expect(await partnershipNamed(p)).toBeUndefined();
    const skipped = await commit(batch.id, true);
    expect(skipped).toEqual({
      ok: true,
      result: { created: 1, updated: 0, members: 1, skipped: 0, failed: 3 },
    });
    expect(await membersOf((await partnershipNamed(p))?.id ?? "")).toEqual([
      { organisationId: a.id, role: "lead" },
    ]);
  });

  test("a partnership recorded already is skipped by default, or given the file's new members", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const b = await createOrganisation(db, { name: uniqueName("Org B") });
    const name = uniqueName("Réseau d’accueil");
    const existing = await createPartnership(db, { name, status: "forming" });
    await addMember(db, { partnershipId: existing.id, organisationId: a.id, role: "lead" });
    const rows = [
      [
        name
          .toUpperCase()
          .normalize("NFD")
          .replace(/\p{Diacritic}/gu, ""),
        "",
        "",
        a.name,
        "lead",
        "",
        "",
      ],
      [name, "", "", b.name, "observer", "", ""],
    ];
    const skipping = await mappedBatch("partnerships", P_HEADERS, rows);
    expect((await previewImport(db, skipping)).summary).toEqual({ new: 0, update: 0, skip: 2, error: 0 });
    expect(await commit(skipping.id)).toEqual({
      ok: true,
      result: { created: 0, updated: 0, members: 0, skipped: 2, failed: 0 },
    });
    expect(await membersOf(existing.id)).toHaveLength(1);

    const merging = await mappedBatch("partnerships", P_HEADERS, rows);
    await chooseDuplicateUpdates(db, merging, [2], [2]);
    const outcome = await commit(merging.id);
    // The member already there is skipped; the new one is added; the partnership's values stay.
    expect(outcome).toEqual({
      ok: true,
      result: { created: 0, updated: 1, members: 1, skipped: 1, failed: 0 },
    });
    expect(await membersOf(existing.id)).toEqual([
      { organisationId: a.id, role: "lead" },
      { organisationId: b.id, role: "observer" },
    ]);
    expect((await partnershipNamed(name))?.version).toBe(existing.version);
  });

  test("a failing row rolls back every partnership, member and audit entry", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const boom = await createOrganisation(db, { name: uniqueName("Org BOOM") });
    const p = uniqueName("Rollback");
    const batch = await mappedBatch("partnerships", P_HEADERS, [
      [p, "", "", a.name, "lead", "", ""],
      [p, "", "", boom.name, "partner", "", ""],
    ]);
    await db.execute(
      sql.raw(`create function import_test_member_boom() returns trigger language plpgsql as $$
        begin
          if new.organisation_id = '${boom.id}' then raise exception 'boom'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(`create trigger import_test_member_boom before insert on partnership_members
        for each row execute function import_test_member_boom()`),
    );
    try {
      await expect(commit(batch.id)).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger import_test_member_boom on partnership_members`));
      await db.execute(sql.raw(`drop function import_test_member_boom()`));
    }
    expect(await partnershipNamed(p)).toBeUndefined();
    expect(await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id))).toEqual([]);
    expect((await findImportBatch(db, coordinator.id, batch.id))?.committedAt).toBeNull();
    expect((await commit(batch.id)).ok).toBe(true);
  });
});

describe("importing relationships", () => {
  test("a good file; one already recorded is skipped; errors block the commit", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const b = await createOrganisation(db, { name: uniqueName("Org B") });
    await createRelationship(db, { fromOrganisationId: a.id, toOrganisationId: b.id, type: "funds" });
    const batch = await mappedBatch("relationships", R_HEADERS, [
      [a.name, b.name, "Finance", "", ""],
      [b.name, a.name, "Conseille", "2024-01-15", "Monthly advice"],
      [a.name, "Nobody Known", "advises", "", ""],
    ]);
    expect((await previewImport(db, batch)).summary).toEqual({ new: 1, update: 0, skip: 1, error: 1 });
    expect(await commit(batch.id)).toEqual({ ok: false, reason: "errors", errors: 1 });
    const outcome = await commit(batch.id, true);
    expect(outcome).toEqual({ ok: true, result: { created: 1, skipped: 1, failed: 1 } });
    const created = await db
      .select()
      .from(relationships)
      .where(and(eq(relationships.fromOrganisationId, b.id), eq(relationships.toOrganisationId, a.id)));
    expect(created).toMatchObject([{ type: "advises", startsOn: "2024-01-15", notes: "Monthly advice" }]);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id));
    expect(entry).toMatchObject({ action: "import", entityType: "relationship", entityId: created[0]?.id });
  });
});

describe("a fixed number of queries whatever the size", () => {
  test("partnerships and relationships, previewed and committed at two sizes", async () => {
    const counting = await countingDb(database);
    const counts: number[][] = [];
    for (const size of [4, 300]) {
      const orgs = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createOrganisation(db, { name: uniqueName(`Count org ${i}`) })),
      );
      const names = orgs.map((o) => o.name);
      // size / 2 partnerships of two members each; size relationships between distinct pairs.
      const prefix = uniqueName(`Count ${size}`);
      const memberRows = Array.from({ length: size }, (_, i) => [
        `${prefix} ${Math.floor(i / 2)}`,
        "",
        "",
        names[i % 2] ?? "",
        i % 2 ? "partner" : "lead",
        "",
        "",
      ]);
      const pairs = names.flatMap((from) => names.flatMap((to) => (from === to ? [] : [[from, to]])));
      const unique = pairs
        .slice(0, size)
        .map(([from, to], i) => [from ?? "", to ?? "", "advises", "", `${prefix} ${i}`]);
      const p = await mappedBatch("partnerships", P_HEADERS, memberRows);
      const r = await mappedBatch("relationships", R_HEADERS, unique);
      const row: number[] = [];
      for (const batch of [p, r]) {
        counting.reset();
        const preview = await previewImport(counting.db, batch);
        row.push(counting.count());
        expect(preview.summary.error).toBe(0);
        counting.reset();
        expect((await commitImport(counting.db, coordinator, batch, { skipErrors: false })).ok).toBe(true);
        row.push(counting.count());
      }
      counts.push(row);
      const created = await db
        .select()
        .from(partnerships)
        .where(inArray(partnerships.name, [`${prefix} 0`]));
      expect(await membersOf(created[0]?.id ?? "")).toHaveLength(2);
    }
    expect(counts[1]).toEqual(counts[0]);
  });
});
