// NUL in the cells of an uploaded file (issue 9). PostgreSQL cannot store it, neither in text nor in
// the jsonb the batch is staged in: the upload is staged all the same (no 500), each mapped cell
// that held NUL is an error of its row and column in the preview (in English and French), and
// nothing of such a row is imported. XLSX made with exceljs, as the other import tests make them:
// exceljs leaves NUL out when it writes a cell, but a spreadsheet stores it escaped, "_x0000_"
// (OOXML's escape of control characters), which exceljs reads back as NUL.
import ExcelJS from "exceljs";
import { eq, like } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import en from "~/i18n/locales/en.json";
import fr from "~/i18n/locales/fr.json";
import { importBatches, organisations, partnerships, relationships } from "~/db/schema";
import { NUL_PROBLEM } from "~/lib/import/plan-types";
import * as batchRoute from "~/routes/import.$id";
import * as uploadRoute from "~/routes/import._index";
import { createOrganisation, createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));

function upload(body: BlobPart, fileName: string, kind?: string): Promise<RouteOutcome> {
  const form = new FormData();
  form.set("intent", "upload");
  if (kind) form.set("kind", kind);
  form.set("file", new Blob([body]), fileName);
  const request = new Request("http://localhost/import", { method: "POST", body: form });
  return callRoute(db, uploadRoute.action, request, coordinator, {});
}

function batchIdOf(outcome: RouteOutcome): string {
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
  const location = outcome.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/import\/[0-9a-f-]{36}$/);
  return location.slice("/import/".length);
}

async function step(id: string) {
  const outcome = await callRoute(db, batchRoute.loader, get(`/import/${id}`), coordinator, { id });
  expect(outcome.status).toBe(200);
  return outcome.body as Awaited<ReturnType<typeof batchRoute.loader>>;
}

function send(id: string, fields: Record<string, string>) {
  return callRoute(db, batchRoute.action, post(`/import/${id}`, fields), coordinator, { id });
}

/** Upload, confirm the guessed mapping, and return the preview. */
async function previewOf(body: BlobPart, fileName: string, kind?: string) {
  const id = batchIdOf(await upload(body, fileName, kind));
  const page = await step(id);
  if (page.step !== "map") throw new Error(`expected the mapping step, got ${page.step}`);
  const fields: Record<string, string> = { intent: "map" };
  for (const [field, index] of Object.entries(page.mapping)) fields[`map.${field}`] = String(index);
  expect((await send(id, fields)).status).toBe(302);
  const preview = await step(id);
  if (preview.step !== "preview") throw new Error("expected the preview");
  return { id, preview };
}

/** NUL as an XLSX file holds it. */
const NUL = "_x0000_";

async function workbook(rows: string[][]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Organisations");
  for (const row of rows) sheet.addRow(row);
  return (await book.xlsx.writeBuffer()) as ArrayBuffer;
}

async function stored(prefix: string): Promise<string[]> {
  const rows = await db
    .select({ name: organisations.name, description: organisations.description })
    .from(organisations)
    .where(like(organisations.name, `${prefix}%`));
  return rows.map((row) => `${row.name}|${row.description ?? ""}`).sort();
}

const problemsOf = (preview: {
  view: { problems: { line: number; column: string | null; message: string }[] };
}) => preview.view.problems.map((problem) => [problem.line, problem.column, problem.message]);

describe("NUL in the cells of an upload", () => {
  test("the message is translated, in English and French", () => {
    expect(en.import.problems.nul).toMatch(/NUL/);
    expect(fr.import.problems.nul).toMatch(/NUL/);
    expect(fr.import.problems.nul).not.toBe(en.import.problems.nul);
    expect(NUL_PROBLEM).toBe("import.problems.nul");
  });

  test("XLSX: each cell that held NUL is an error of its row and column; only clean rows are imported", async () => {
    const p = uniqueName("NulX");
    const bytes = await workbook([
      ["Name", "Type", "Country", "Description"],
      [`${p} ok`, "cso", "NL", "fine"],
      [`${p} name${NUL}`, "cso", "NL", ""],
      [`${p} description`, "cso", "NL", `a${NUL}b`],
      [`${p} type`, `cso${NUL}`, "NL", ""],
      [`${p} all`, NUL, `${NUL}NL`, NUL],
    ]);
    const { id, preview } = await previewOf(bytes, "nul.xlsx");
    expect(problemsOf(preview)).toEqual([
      [3, "Name", NUL_PROBLEM],
      [4, "Description", NUL_PROBLEM],
      [5, "Type", NUL_PROBLEM],
      [6, "Type", NUL_PROBLEM],
      [6, "Country", NUL_PROBLEM],
      [6, "Description", NUL_PROBLEM],
    ]);
    expect(preview.view.summary).toEqual({ new: 1, update: 0, skip: 0, error: 4 });
    const html = await renderPage(batchRoute.default, `/import/${id}`, preview);
    expect(html).toContain("Row 3");
    expect(html).toContain(en.import.problems.nul);
    // The staged batch holds no NUL (jsonb refuses it).
    const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, id));
    expect(JSON.stringify(batch?.rows)).not.toContain("\\u0000");

    const refused = await send(id, { intent: "commit" });
    expect(refused.status).toBe(409);
    expect(await stored(p)).toEqual([]);
    expect((await send(id, { intent: "commit", skipErrors: "on" })).status).toBe(302);
    expect(await step(id)).toMatchObject({ step: "done", result: { created: 1, failed: 4 } });
    expect(await stored(p)).toEqual([`${p} ok|fine`]);
  });

  test("a NUL in a column that is not imported is no error", async () => {
    const p = uniqueName("NulU");
    const bytes = await workbook([
      ["Name", "Type", "Remarks"],
      [`${p} ok`, "cso", `x${NUL}y`],
    ]);
    const { preview } = await previewOf(bytes, "unmapped.xlsx");
    expect(preview.view.summary).toEqual({ new: 1, update: 0, skip: 0, error: 0 });
  });

  test("CSV (UTF-8): a stray NUL is a cell error too, not a file refused as not text", async () => {
    const p = uniqueName("NulC");
    const csv = `Name,Type,Country\n${p} ok,cso,NL\n${p} bad\u0000,cso,NL\n`;
    const { id, preview } = await previewOf(new TextEncoder().encode(csv), "nul.csv");
    expect(problemsOf(preview)).toEqual([[3, "Name", NUL_PROBLEM]]);
    expect((await send(id, { intent: "commit" })).status).toBe(409);
    expect(await stored(p)).toEqual([]);
  });

  test("partnerships: a NUL in the partnership's own value takes its rows down; nothing imported", async () => {
    const a = await createOrganisation(db, { name: uniqueName("NulOrg A") });
    const b = await createOrganisation(db, { name: uniqueName("NulOrg B") });
    const p = uniqueName("NulPartnership");
    const csv = `Partnership,Status,Organisation,Role\n${p},forming\u0000,${a.name},lead\n${p},,${b.name},partner\n`;
    const { id, preview } = await previewOf(
      new TextEncoder().encode(csv),
      "partnerships.csv",
      "partnerships",
    );
    expect(problemsOf(preview)).toEqual([
      [2, "Status", NUL_PROBLEM],
      [3, null, "import.problems.partnershipHasErrors"],
    ]);
    expect(preview.view.summary).toMatchObject({ new: 0, error: 2 });
    expect((await send(id, { intent: "commit", skipErrors: "on" })).status).toBe(302);
    expect(await db.select().from(partnerships).where(eq(partnerships.name, p))).toEqual([]);
  });

  test("relationships: a NUL in the notes is an error of that row", async () => {
    const a = await createOrganisation(db, { name: uniqueName("NulRel A") });
    const b = await createOrganisation(db, { name: uniqueName("NulRel B") });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Relationships");
    sheet.addRow(["From", "To", "Type", "Notes"]);
    sheet.addRow([a.name, b.name, "funds", `n${NUL}otes`]);
    const bytes = (await book.xlsx.writeBuffer()) as ArrayBuffer;
    const { id, preview } = await previewOf(bytes, "relationships.xlsx", "relationships");
    expect(problemsOf(preview)).toEqual([[2, "Notes", NUL_PROBLEM]]);
    expect((await send(id, { intent: "commit" })).status).toBe(409);
    expect(await db.select().from(relationships).where(eq(relationships.fromOrganisationId, a.id))).toEqual(
      [],
    );
  });
});
