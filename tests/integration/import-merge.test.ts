// The import's merges and its batch's lifetime, as reviewed: a merge writes only what the file said
// (never a default filled in to validate a new record), a merge that changes nothing writes nothing,
// the oldest of two same-named organisations is the duplicate, and a batch's rows do not outlive it.
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, importBatches, organisations, type User } from "~/db/schema";
import { guessMapping } from "~/lib/import/mapping";
import type { ImportLayout } from "~/lib/import/kinds";
import {
  chooseDuplicateUpdates,
  commitOrganisationImport,
  createImportBatch,
  deleteExpiredImportBatches,
  findImportBatch,
  previewOrganisationImport,
  saveImportMapping,
} from "~/models/imports.server";
import { createOrganisation, createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";

const database = await testDb();
const { db } = database;
const coordinator: User = await createUser(db, { role: "coordinator" });

/** An upload of rows under `headers`, mapped as guessed, with every duplicate chosen for a merge. */
async function mergingBatch(headers: string[], rows: string[][], layout: ImportLayout = "table") {
  const table = { layout, headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
  const batch = await createImportBatch(db, coordinator, "organisations", "orgs.csv", table);
  await saveImportMapping(db, batch, guessMapping(headers, layout, "organisations"));
  const lines = rows.map((_, i) => i + 2);
  await chooseDuplicateUpdates(db, batch, lines, lines);
  return batch;
}

async function organisation(id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new Error("organisation not found");
  return row;
}

describe("merging into existing organisations", () => {
  test("an empty level does not overwrite the recorded one with the level of the file's type", async () => {
    const existing = await createOrganisation(db, {
      name: uniqueName("Regional"),
      type: "cso",
      level: "regional",
    });
    const batch = await mergingBatch(
      ["Name", "Type", "Level", "Country"],
      [[existing.name, "Local authority", "", "NL"]],
    );
    const outcome = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(outcome).toMatchObject({ ok: true, result: { updated: 1, unchanged: 0 } });
    expect(await organisation(existing.id)).toMatchObject({ type: "local_authority", level: "regional" });
  });

  test("a Kumu type guessed from free text, or left empty, is not merged", async () => {
    const guessed = await createOrganisation(db, {
      name: uniqueName("Kumu"),
      type: "cso",
      level: "regional",
    });
    const empty = await createOrganisation(db, { name: uniqueName("Kumu"), type: "cso", level: "regional" });
    const batch = await mergingBatch(
      ["Label", "Type", "Country", "Description"],
      [
        [guessed.name, "Some ministry of things", "NL", "From Kumu"],
        [empty.name, "", "NL", "From Kumu"],
      ],
      "kumu",
    );
    expect(
      (await previewOrganisationImport(db, (await findImportBatch(db, coordinator.id, batch.id))!)).summary,
    ).toMatchObject({ update: 2, error: 0 });
    await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    for (const id of [guessed.id, empty.id]) {
      expect(await organisation(id)).toMatchObject({
        type: "cso",
        level: "regional",
        description: "From Kumu",
      });
    }
  });

  test("a merge that changes no value writes nothing and counts as unchanged", async () => {
    const same = await createOrganisation(db, { name: uniqueName("Same"), type: "cso", acronym: "SM" });
    const other = await createOrganisation(db, { name: uniqueName("Other"), type: "cso" });
    const batch = await mergingBatch(
      ["Name", "Acronym", "Type", "Country"],
      [
        [same.name, "SM", "cso", "NL"],
        [other.name, "OT", "cso", "NL"],
      ],
    );
    const outcome = await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect(outcome).toEqual({
      ok: true,
      result: { created: 0, updated: 1, unchanged: 1, skipped: 0, failed: 0 },
    });
    expect((await organisation(same.id)).version).toBe(same.version);
    expect((await organisation(other.id)).version).toBe(other.version + 1);
    const entries = await db.select().from(auditLog).where(eq(auditLog.batchId, batch.id));
    expect(entries.map((entry) => entry.entityId)).toEqual([other.id]);
  });

  test("of two organisations of the same name and country, the oldest is the duplicate", async () => {
    const name = uniqueName("Twin");
    const oldest = await createOrganisation(db, { name, createdAt: new Date("2020-01-01T00:00:00Z") });
    await createOrganisation(db, { name, createdAt: new Date("2021-01-01T00:00:00Z") });
    // Rewritten, the oldest's row moves to the end of the table: a scan without ORDER BY meets it last.
    await db.update(organisations).set({ description: "moved" }).where(eq(organisations.id, oldest.id));
    const batch = await mergingBatch(["Name", "Acronym", "Type", "Country"], [[name, "TW", "cso", "NL"]]);
    const found = await findImportBatch(db, coordinator.id, batch.id);
    if (!found) throw new Error("batch not found");
    const preview = await previewOrganisationImport(db, found);
    expect(preview.rows[0]?.duplicateOf?.id).toBe(oldest.id);
    await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    expect((await organisation(oldest.id)).acronym).toBe("TW");
  });
});

describe("the batch's lifetime", () => {
  test("a committed batch keeps its result, not the file's rows and headers", async () => {
    const batch = await mergingBatch(
      ["Name", "Type", "Country", "Phone"],
      [[uniqueName("Kept"), "cso", "NL", "+31 6 1234"]],
    );
    await commitOrganisationImport(db, coordinator, batch.id, { skipErrors: false });
    const [stored] = await db.select().from(importBatches).where(eq(importBatches.id, batch.id));
    expect(stored).toMatchObject({ rows: [], headers: [], result: { created: 1 } });
    expect(JSON.stringify(stored)).not.toContain("1234");
  });

  test("the periodic sweep deletes expired batches, and only those", async () => {
    const expired = await mergingBatch(["Name"], [[uniqueName("Expired")]]);
    const current = await mergingBatch(["Name"], [[uniqueName("Current")]]);
    await db
      .update(importBatches)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(importBatches.id, expired.id));
    await deleteExpiredImportBatches(db);
    const left = await db.select({ id: importBatches.id }).from(importBatches);
    expect(left.map((row) => row.id)).toContain(current.id);
    expect(left.map((row) => row.id)).not.toContain(expired.id);
  });
});
