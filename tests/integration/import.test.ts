// The import model against a real database: preview and commit of organisations, duplicates skipped
// or merged, errors blocking the commit unless skipped, one transaction (a failing row rolls back
// everything), audit entries under one batch id, and a fixed number of queries whatever the size.
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, importBatches, organisations, type User } from "~/db/schema";
import type { ImportTable } from "~/lib/import/read-file.server";
import { guessMapping } from "~/lib/import/mapping";
import {
  chooseDuplicateUpdates,
  commitOrganisationImport,
  createImportBatch,
  findImportBatch,
  previewOrganisationImport,
  saveImportMapping,
} from "~/models/imports.server";
import { createOrganisation, createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { countingDb } from "../helpers/query-count";

const database = await testDb();
const { db } = database;
const coordinator: User = await createUser(db, { role: "coordinator" });

const HEADERS = ["Name", "Acronym", "Type", "Country", "Website", "Description"];

function tableOf(rows: string[][], headers = HEADERS): ImportTable {
  return { layout: "table", headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

/** An upload with its guessed mapping confirmed: ready for the preview. */
async function mappedBatch(rows: string[][], user: User = coordinator, headers = HEADERS) {
  const batch = await createImportBatch(db, user, "organisations", "orgs.csv", tableOf(rows, headers));
  await saveImportMapping(db, batch, guessMapping(headers));
  const found = await findImportBatch(db, user.id, batch.id);
  if (!found) throw new Error("batch not found");
  return found;
}

function goodRows(prefix: string, count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [`${prefix} ${i + 1}`, "", "cso", "NL", "", ""]);
}

async function namesLike(prefix: string): Promise<string[]> {
  const rows = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(like(organisations.name, `${prefix}%`));
  return rows.map((row) => row.name).sort();
}

describe("importing organisations", () => {
  test("good rows are created, each with an 'import' audit entry under the batch's id", async () => {
    const prefix = uniqueName("Good");
    const batch = await mappedBatch(goodRows(prefix, 3));
    const preview = await previewOrganisationImport(db, batch);
    expect(preview.summary).toEqual({ new: 3, update: 0, skip: 0, error: 0 });
    const outcome = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(outcome).toEqual({
      ok: true,
      result: { created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    });
    expect(await namesLike(prefix)).toEqual([`${prefix} 1`, `${prefix} 2`, `${prefix} 3`]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id));
    expect(entries).toHaveLength(3);
    expect(entries.every((entry) => entry.action === "import" && entry.userId === coordinator.id)).toBe(true);
    // Once committed, the batch shows its result and cannot be committed again.
    expect((await findImportBatch(db, coordinator.id, batch.id))?.result).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });
    const again = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(again).toEqual({ ok: false, reason: "committed" });
    expect(await namesLike(prefix)).toHaveLength(3);
  });

  test("rows with errors block the commit, unless 'skip the rows with errors' is ticked", async () => {
    const prefix = uniqueName("Mixed");
    const rows = [...goodRows(prefix, 2), [`${prefix} bad`, "", "Spaceship", "NL", "", ""]];
    const batch = await mappedBatch(rows);
    const refused = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(refused).toEqual({ ok: false, reason: "errors", errors: 1 });
    expect(await namesLike(prefix)).toEqual([]);
    const skipped = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: true });
    expect(skipped).toEqual({
      ok: true,
      result: { created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 1 },
    });
    expect(await namesLike(prefix)).toEqual([`${prefix} 1`, `${prefix} 2`]);
  });

  test("a duplicate of an existing organisation is skipped by default, or merged when chosen", async () => {
    const name = uniqueName("Fédasil");
    const existing = await createOrganisation(db, {
      name,
      countryCode: "BE",
      type: "national_authority",
      mandate: "Reception of asylum seekers",
      description: "Kept when the file's cell is empty",
    });
    const rows = [
      [
        name
          .toUpperCase()
          .normalize("NFD")
          .replace(/\p{Diacritic}/gu, ""),
        "FED",
        "cso",
        "BE",
        "fedasil.be",
        "",
      ],
    ];
    const skipping = await mappedBatch(rows);
    const skipped = await commitOrganisationImport(db, coordinator, skipping.id, { skipErrors: false });
    expect(skipped).toEqual({
      ok: true,
      result: { created: 0, updated: 0, unchanged: 0, skipped: 1, failed: 0 },
    });
    const untouched = await db.select().from(organisations).where(eq(organisations.id, existing.id));
    expect(untouched[0]?.version).toBe(existing.version);

    const merging = await mappedBatch(rows);
    await chooseDuplicateUpdates(db, merging, [2], [2]);
    const chosen = await findImportBatch(db, coordinator.id, merging.id);
    if (!chosen) throw new Error("batch not found");
    expect((await previewOrganisationImport(db, chosen)).summary).toEqual({
      new: 0,
      update: 1,
      skip: 0,
      error: 0,
    });
    const merged = await commitOrganisationImport(db, coordinator, merging.id, { skipErrors: false });
    expect(merged).toEqual({
      ok: true,
      result: { created: 0, updated: 1, unchanged: 0, skipped: 0, failed: 0 },
    });
    const [after] = await db.select().from(organisations).where(eq(organisations.id, existing.id));
    expect(after).toMatchObject({
      // The name stays as recorded; mapped fields with a value are filled in; the others kept.
      name,
      acronym: "FED",
      type: "cso",
      website: "https://fedasil.be",
      mandate: "Reception of asylum seekers",
      description: "Kept when the file's cell is empty",
      version: existing.version + 1,
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.batchId, merging.id), eq(auditLog.entityId, existing.id)));
    expect(entry?.action).toBe("update");
    expect(entry?.before).toMatchObject({ acronym: null, type: "national_authority" });
    expect(entry?.after).toMatchObject({ acronym: "FED", type: "cso" });
  });

  test("choices are kept per page: unchecking on one page does not touch another page's", async () => {
    const batch = await mappedBatch(goodRows(uniqueName("Choice"), 3));
    await chooseDuplicateUpdates(db, batch, [2, 3], [2, 3]);
    await chooseDuplicateUpdates(db, batch, [4], []);
    await chooseDuplicateUpdates(db, batch, [3], []);
    expect((await findImportBatch(db, coordinator.id, batch.id))?.updates).toEqual([2]);
  });

  test("a failing row rolls back every row and every audit entry", async () => {
    const prefix = uniqueName("Rollback");
    const rows = goodRows(prefix, 700);
    rows[650] = [`${prefix} BOOM`, "", "cso", "NL", "", ""];
    const batch = await mappedBatch(rows);
    // A failure the preview cannot foresee (as a lost connection or a constraint would be).
    await db.execute(
      sql.raw(`create function import_test_boom() returns trigger language plpgsql as $$
        begin
          if new.name like '%BOOM' then raise exception 'boom'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(`create trigger import_test_boom before insert on organisations
        for each row execute function import_test_boom()`),
    );
    try {
      await expect(
        commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false }),
      ).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger import_test_boom on organisations`));
      await db.execute(sql.raw(`drop function import_test_boom()`));
    }
    expect(await namesLike(prefix)).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id))).toEqual([]);
    expect((await findImportBatch(db, coordinator.id, batch.id))?.committedAt).toBeNull();
    // Once the cause is gone, the same batch imports.
    const outcome = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(outcome.ok).toBe(true);
    expect(await namesLike(prefix)).toHaveLength(700);
  });

  test("an upload is its uploader's own, and expires", async () => {
    const other = await createUser(db, { role: "coordinator" });
    const batch = await mappedBatch(goodRows(uniqueName("Own"), 1));
    expect(await findImportBatch(db, other.id, batch.id)).toBeNull();
    expect(await commitOrganisationImport(db, other, batch.id, { skipErrors: false })).toEqual({
      ok: false,
      reason: "notFound",
    });
    const tomorrow = new Date(Date.now() + 25 * 3_600_000);
    expect(await findImportBatch(db, coordinator.id, batch.id, tomorrow)).toBeNull();
    // The next upload cleans expired ones up.
    await createImportBatch(db, coordinator, "organisations", "x.csv", tableOf(goodRows("x", 1)), tomorrow);
    expect(await db.select().from(importBatches).where(eq(importBatches.id, batch.id))).toEqual([]);
  });

  test("preview and commit run a fixed number of queries whatever the number of rows", async () => {
    const counting = await countingDb(database);
    const counts: number[][] = [];
    for (const size of [5, 400]) {
      const prefix = uniqueName(`Count${size}`);
      // A fifth of the rows duplicate existing organisations and are merged.
      const dupes = Array.from({ length: size / 5 }, (_, i) => `${prefix} existing ${i}`);
      await db.insert(organisations).values(
        dupes.map((name) => ({
          name,
          type: "cso" as const,
          level: "national" as const,
          countryCode: "NL",
        })),
      );
      const rows = [
        ...goodRows(prefix, size - dupes.length),
        ...dupes.map((n) => [n, "X", "cso", "NL", "", ""]),
      ];
      const batch = await mappedBatch(rows);
      const lines = rows.map((_, i) => i + 2);
      await chooseDuplicateUpdates(db, batch, lines, lines);
      const chosen = await findImportBatch(db, coordinator.id, batch.id);
      if (!chosen) throw new Error("batch not found");
      counting.reset();
      const preview = await previewOrganisationImport(counting.db, chosen);
      const previewQueries = counting.count();
      expect(preview.summary).toEqual({ new: size - dupes.length, update: dupes.length, skip: 0, error: 0 });
      counting.reset();
      const outcome = await commitOrganisationImport(counting.db, coordinator, batch.id, {
        skipErrors: false,
      });
      expect(outcome.ok).toBe(true);
      counts.push([previewQueries, counting.count()]);
      const merged = await db.select().from(organisations).where(inArray(organisations.name, dupes));
      expect(merged.every((row) => row.acronym === "X" && row.version === 2)).toBe(true);
    }
    expect(counts[1]).toEqual(counts[0]);
  });

  test("5,000 rows: preview and commit (time printed, not asserted)", async () => {
    const prefix = uniqueName("Bulk");
    const rows = Array.from({ length: 5_000 }, (_, i) => [
      `${prefix} ${i + 1}`,
      `B${i}`,
      i % 2 ? "ONG" : "Autorité locale",
      i % 3 ? "Pays-Bas" : "BE",
      `www.org${i}.example.org`,
      "A description of some length for this organisation.",
    ]);
    const batch = await mappedBatch(rows);
    const started = performance.now();
    const preview = await previewOrganisationImport(db, batch);
    const previewed = performance.now();
    const outcome = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    const committed = performance.now();
    expect(preview.summary.new).toBe(5_000);
    expect(outcome).toEqual({
      ok: true,
      result: { created: 5_000, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    });
    expect(await db.$count(auditLog, eq(auditLog.batchId, batch.id))).toBe(5_000);
    console.log(
      `[import bench ${database.kind}] 5,000 rows: preview ${Math.round(previewed - started)} ms, commit ${Math.round(committed - previewed)} ms`,
    );
  });
});
