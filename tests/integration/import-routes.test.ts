// The import pages called as the server calls them: uploads of CSV, XLSX and Kumu workbooks through
// the steps to the commit, the refusals (size, type, missing file, rows with errors), another
// coordinator's upload, and the templates in the reader's language.
import ExcelJS from "exceljs";
import { count, eq, like } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { importBatches, organisations } from "~/db/schema";
import { IMPORT_MAX_BYTES } from "~/lib/import/kinds";
import * as batchRoute from "~/routes/import.$id";
import * as uploadRoute from "~/routes/import._index";
import * as templateRoute from "~/routes/import.template";
import { createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
const french = authUserOf(await createUser(db, { role: "coordinator", locale: "fr" }));

function upload(body: BlobPart, fileName: string, user: AuthUser = coordinator): Promise<RouteOutcome> {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new Blob([body]), fileName);
  const request = new Request("http://localhost/import", { method: "POST", body: form });
  return callRoute(db, uploadRoute.action, request, user, {});
}

function batchIdOf(outcome: RouteOutcome): string {
  expect(outcome.status).toBe(302);
  const location = outcome.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/import\/[0-9a-f-]{36}$/);
  return location.slice("/import/".length);
}

async function step(id: string, query = "", user: AuthUser = coordinator) {
  const outcome = await callRoute(db, batchRoute.loader, get(`/import/${id}${query}`), user, { id });
  expect(outcome.status).toBe(200);
  return outcome.body as Awaited<ReturnType<typeof batchRoute.loader>>;
}

function send(id: string, fields: Record<string, string | string[]>, user: AuthUser = coordinator) {
  return callRoute(db, batchRoute.action, post(`/import/${id}`, fields), user, { id });
}

/** Confirm the guessed mapping as the form would send it. */
async function confirmMapping(id: string, user: AuthUser = coordinator): Promise<void> {
  const page = await step(id, "", user);
  if (page.step !== "map") throw new Error(`expected the mapping step, got ${page.step}`);
  const fields: Record<string, string> = { intent: "map" };
  for (const [field, index] of Object.entries(page.mapping)) fields[`map.${field}`] = String(index);
  expect((await send(id, fields, user)).status).toBe(302);
}

async function batchCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(importBatches);
  return row?.n ?? 0;
}

async function names(prefix: string): Promise<string[]> {
  const rows = await db
    .select()
    .from(organisations)
    .where(like(organisations.name, `${prefix}%`));
  return rows.map((row) => `${row.name}|${row.type}|${row.level}|${row.countryCode ?? ""}`).sort();
}

describe("the import steps", () => {
  test("a French CSV (BOM, ';', CRLF) is guessed, previewed and committed", async () => {
    const p = uniqueName("Csv");
    const csv =
      "\uFEFFNom;Sigle;Type;Niveau;Pays;Site web\r\n" +
      `${p} Accueil;ACC;ONG;National;Belgique;www.accueil.be\r\n` +
      `"${p} Ville; Centre";;Autorité locale;;Pays-Bas;\r\n`;
    const id = batchIdOf(await upload(csv, "organisations.csv"));
    const mapping = await step(id);
    expect(mapping).toMatchObject({
      step: "map",
      headers: ["Nom", "Sigle", "Type", "Niveau", "Pays", "Site web"],
      mapping: { name: 0, acronym: 1, type: 2, level: 3, countryCode: 4, website: 5 },
    });
    await confirmMapping(id);
    const preview = await step(id);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 2, update: 0, skip: 0, error: 0 });
    expect((await send(id, { intent: "commit" })).status).toBe(302);
    expect(await step(id)).toMatchObject({ step: "done", result: { created: 2 } });
    expect(await names(p)).toEqual([
      `${p} Accueil|cso|national|BE`,
      `${p} Ville; Centre|local_authority|local|NL`,
    ]);
  });

  test("an XLSX workbook: its first sheet", async () => {
    const p = uniqueName("Xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Stakeholders");
    sheet.addRow(["Organisation name", "Type", "Country", "Notes"]);
    sheet.addRow([`${p} A`, "Research institute", "SE", "first"]);
    sheet.addRow([]);
    sheet.addRow([`${p} B`, "Funder", "Norway", { text: "linked", hyperlink: "https://example.org" }]);
    workbook.addWorksheet("Other").addRow(["Name"]);
    const id = batchIdOf(await upload(await workbook.xlsx.writeBuffer(), "stakeholders.xlsx"));
    await confirmMapping(id);
    const preview = await step(id);
    if (preview.step !== "preview") throw new Error("expected the preview");
    // Row numbers are the sheet's (the empty row 3 is skipped, not renumbered).
    expect(preview.view.rows.items.map((row) => row.line)).toEqual([2, 4]);
    expect((await send(id, { intent: "commit" })).status).toBe(302);
    expect(await names(p)).toEqual([`${p} A|research_institute|national|SE`, `${p} B|funder|national|NO`]);
  });

  test("a Kumu workbook: the Elements sheet, Label as the name, types guessed", async () => {
    const p = uniqueName("Kumu");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Connections").addRows([
      ["From", "To", "Type"],
      [`${p} City`, `${p} Refugee NGO`, "funds"],
    ]);
    workbook.addWorksheet("Elements").addRows([
      ["Label", "Type", "Description", "Tags", "Country"],
      [`${p} City`, "City council", "Runs the pilot", "pilot", "Netherlands"],
      [`${p} Refugee NGO`, "NGO", "", "", "NL"],
      [`${p} Someone`, "Person", "", "", ""],
    ]);
    const id = batchIdOf(await upload(await workbook.xlsx.writeBuffer(), "kumu-export.xlsx"));
    const mapping = await step(id);
    expect(mapping).toMatchObject({
      step: "map",
      kumu: true,
      mapping: { name: 0, type: 1, description: 2, countryCode: 4 },
    });
    await confirmMapping(id);
    expect((await send(id, { intent: "commit" })).status).toBe(302);
    expect(await names(p)).toEqual([
      `${p} City|local_authority|local|NL`,
      `${p} Refugee NGO|cso|national|NL`,
      `${p} Someone|other|national|`,
    ]);
  });

  test("rows with errors: listed with row and column, the commit refused until skipped", async () => {
    const p = uniqueName("Errors");
    const csv = [
      "Name,Type,Country",
      `${p} ok,cso,NL`,
      `,cso,NL`,
      `${p} type,Spaceship,NL`,
      `${p} country,cso,Atlantis`,
      `${"x".repeat(201)},cso,NL`,
      `${p} ok,CSO,nl`,
    ].join("\n");
    const id = batchIdOf(await upload(csv, "errors.csv"));
    await confirmMapping(id);
    const preview = await step(id);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.problems.map((problem) => [problem.line, problem.column, problem.message])).toEqual([
      [3, "Name", "validation.required"],
      [4, "Type", "import.problems.unknownType"],
      [5, "Country", "import.problems.unknownCountry"],
      [6, "Name", "validation.tooLong"],
      [7, "Name", "import.problems.duplicateInFile"],
    ]);
    const html = await renderPage(batchRoute.default, `/import/${id}`, preview);
    expect(html).toContain("Row 4");
    expect(html).toContain("“Spaceship” is not an organisation type.");
    expect(html).toContain("Same name and country as row 2.");

    const refused = await send(id, { intent: "commit" });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: "import.commitErrors.errors" });
    expect(await names(p)).toEqual([]);
    expect((await send(id, { intent: "commit", skipErrors: "on" })).status).toBe(302);
    expect(await step(id)).toMatchObject({ step: "done", result: { created: 1, failed: 5 } });
  });

  test("duplicates: skipped by default, merged when chosen on the preview", async () => {
    const name = uniqueName("Dup");
    await db.insert(organisations).values({ name, type: "cso", level: "national", countryCode: "BE" });
    const id = batchIdOf(
      await upload(`Name,Acronym,Type,Country\n${name.toLowerCase()},DP,cso,BE\n`, "dup.csv"),
    );
    await confirmMapping(id);
    const decided = await callRoute(
      db,
      batchRoute.action,
      post(`/import/${id}?show=duplicate`, { intent: "decide", shown: ["2"], "choice.2": "update" }),
      coordinator,
      { id },
    );
    expect(decided.headers.get("Location")).toBe(`/import/${id}?show=duplicate`);
    const preview = await step(id, "?show=duplicate");
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 0, update: 1, skip: 0, error: 0 });
    expect((await send(id, { intent: "commit" })).status).toBe(302);
    const [row] = await db.select().from(organisations).where(eq(organisations.name, name));
    expect(row).toMatchObject({ acronym: "DP", version: 2 });
  });

  test("the mapping needs a name column, and one column per field", async () => {
    const id = batchIdOf(await upload("Name,Type\nA,cso\n", "m.csv"));
    expect((await send(id, { intent: "map", "map.type": "1" })).body).toEqual({
      error: "import.map.nameRequired",
    });
    expect((await send(id, { intent: "map", "map.name": "0", "map.acronym": "0" })).body).toEqual({
      error: "import.map.sharedColumn",
    });
  });
});

describe("refused uploads store nothing", () => {
  test("over the size limit: a clear message, nothing stored", async () => {
    const before = await batchCount();
    const outcome = await upload(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41), "big.csv");
    expect(outcome.status).toBe(413);
    expect(outcome.body).toEqual({ error: "tooLarge" });
    // A declared length over the limit is refused before the body is read.
    const declared = await callRoute(
      db,
      uploadRoute.action,
      new Request("http://localhost/import", {
        method: "POST",
        headers: {
          "Content-Length": String(IMPORT_MAX_BYTES * 2),
          "Content-Type": "multipart/form-data; boundary=x",
        },
        body: "--x--",
      }),
      coordinator,
      {},
    );
    expect(declared.body).toEqual({ error: "tooLarge" });
    const html = await renderPage(
      uploadRoute.default,
      "/import",
      { maxBytes: IMPORT_MAX_BYTES, maxRows: 20000, sizeLabel: "5 MB" },
      outcome.body,
    );
    expect(html).toContain("The file is larger than 5 MB.");
    expect(await batchCount()).toBe(before);
  });

  test("not a CSV or XLSX file", async () => {
    const before = await batchCount();
    expect((await upload("%PDF-1.7 ...", "report.pdf")).body).toEqual({ error: "wrongType" });
    expect((await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), "image.csv")).body).toEqual({
      error: "wrongType",
    });
    expect((await upload("Name\nA\n", "fake.xlsx")).body).toEqual({ error: "wrongType" });
    expect((await upload(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "broken.xlsx")).body).toEqual({
      error: "unreadable",
    });
    expect((await upload("Name\n", "header-only.csv")).body).toEqual({ error: "empty" });
    const missing = await callRoute(
      db,
      uploadRoute.action,
      post("/import", { intent: "upload" }),
      coordinator,
      {},
    );
    expect([missing.status, missing.body]).toEqual([400, { error: "missing" }]);
    expect(await batchCount()).toBe(before);
  });
});

describe("who may import", () => {
  test("only coordinators; an upload is its uploader's own", async () => {
    const organiser = authUserOf(await createUser(db, { role: "organiser" }));
    expect((await upload("Name\nA\n", "a.csv", organiser)).status).toBe(403);
    const id = batchIdOf(await upload("Name,Type\nA,cso\n", "a.csv"));
    expect((await callRoute(db, batchRoute.loader, get(`/import/${id}`), organiser, { id })).status).toBe(
      403,
    );
    const other = authUserOf(await createUser(db, { role: "coordinator" }));
    expect((await callRoute(db, batchRoute.loader, get(`/import/${id}`), other, { id })).status).toBe(404);
    expect((await send(id, { intent: "commit" }, other)).status).toBe(404);
    expect(
      (await callRoute(db, batchRoute.loader, get("/import/not-a-uuid"), coordinator, { id: "x" })).status,
    ).toBe(404);
  });
});

describe("templates", () => {
  test("CSV in the reader's language; uploaded back, it maps itself and its example is valid", async () => {
    const outcome = await callRoute(
      db,
      templateRoute.loader,
      new Request("http://localhost/import/template.csv", { headers: { "Accept-Language": "fr" } }),
      french,
      {},
    );
    expect(outcome.status).toBe(200);
    const text = await (outcome.response as Response).text();
    expect(text.split("\r\n")[0]).toBe("Nom,Sigle,Type,Niveau,Pays,Site web,Description,Mandat");
    await db.delete(organisations).where(eq(organisations.name, "Réseau d’accueil des réfugiés"));
    const id = batchIdOf(await upload(text, "modele.csv", french));
    await confirmMapping(id, french);
    const preview = await step(id, "", french);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 1, update: 0, skip: 0, error: 0 });
  });

  test("XLSX, readable by the import", async () => {
    const outcome = await callRoute(db, templateRoute.loader, get("/import/template.xlsx"), coordinator, {});
    expect(outcome.headers.get("Content-Type")).toContain("spreadsheetml");
    const bytes = await (outcome.response as Response).arrayBuffer();
    const id = batchIdOf(await upload(bytes, "template.xlsx"));
    const page = await step(id);
    expect(page).toMatchObject({
      step: "map",
      headers: ["Name", "Acronym", "Type", "Level", "Country", "Website", "Description", "Mandate"],
    });
  });
});
