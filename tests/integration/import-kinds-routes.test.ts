// The import pages for the other kinds: the "What are you importing?" select on the upload, a
// partnerships CSV through the steps, a Kumu workbook read as organisations (its "Elements") then as
// relationships (its "Connections"), the mapping's required fields per kind, and the templates per
// kind in the reader's language, uploaded back.
import ExcelJS from "exceljs";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { importBatches, organisations, partnershipMembers, partnerships, relationships } from "~/db/schema";
import * as batchRoute from "~/routes/import.$id";
import * as uploadRoute from "~/routes/import._index";
import * as templateRoute from "~/routes/import.template";
import { createOrganisation, createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
const french = authUserOf(await createUser(db, { role: "coordinator", locale: "fr" }));

function upload(body: BlobPart, fileName: string, kind?: string, user: AuthUser = coordinator) {
  const form = new FormData();
  form.set("intent", "upload");
  if (kind !== undefined) form.set("kind", kind);
  form.set("file", new Blob([body]), fileName);
  const request = new Request("http://localhost/import", { method: "POST", body: form });
  return callRoute(db, uploadRoute.action, request, user, {});
}

function batchIdOf(outcome: RouteOutcome): string {
  expect(outcome.status).toBe(302);
  return (outcome.headers.get("Location") ?? "").slice("/import/".length);
}

async function step(id: string, user: AuthUser = coordinator) {
  const outcome = await callRoute(db, batchRoute.loader, get(`/import/${id}`), user, { id });
  expect(outcome.status).toBe(200);
  return outcome.body as Awaited<ReturnType<typeof batchRoute.loader>>;
}

function send(id: string, fields: Record<string, string | string[]>, user: AuthUser = coordinator) {
  return callRoute(db, batchRoute.action, post(`/import/${id}`, fields), user, { id });
}

async function confirmMapping(id: string, user: AuthUser = coordinator) {
  const page = await step(id, user);
  if (page.step !== "map") throw new Error(`expected the mapping step, got ${page.step}`);
  const fields: Record<string, string> = { intent: "map" };
  for (const [field, index] of Object.entries(page.mapping)) fields[`map.${field}`] = String(index);
  expect((await send(id, fields, user)).status).toBe(302);
  return page;
}

async function batchCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(importBatches);
  return row?.n ?? 0;
}

describe("the kind select", () => {
  test("the upload page offers the three kinds, preselected from ?kind=, with a template each", async () => {
    const outcome = await callRoute(
      db,
      uploadRoute.loader,
      get("/import?kind=relationships"),
      coordinator,
      {},
    );
    const data = outcome.body as Awaited<ReturnType<typeof uploadRoute.loader>>;
    expect(data.kind).toBe("relationships");
    const html = await renderPage(uploadRoute.default, "/import", data);
    expect(html).toContain("What are you importing?");
    expect(html).toMatch(/<option value="relationships" selected="">Relationships between organisations/);
    expect(html).toContain('href="/import/template.csv?kind=partnerships"');
    expect(html).toContain('href="/import/template.xlsx?kind=relationships"');
  });

  test("an unknown kind is refused and nothing is stored", async () => {
    const before = await batchCount();
    const outcome = await upload("Name\nA\n", "a.csv", "pilots");
    expect([outcome.status, outcome.body]).toEqual([400, { error: "kind" }]);
    expect(await batchCount()).toBe(before);
  });

  test("a partnerships CSV through the steps", async () => {
    const a = await createOrganisation(db, { name: uniqueName("Org A") });
    const b = await createOrganisation(db, { name: uniqueName("Org B") });
    const p = uniqueName("Partnership");
    const csv = `Partnership,Status,Organisation,Role\n${p},forming,${a.name},lead\n${p},,${b.name},Funder\n`;
    const id = batchIdOf(await upload(csv, "partnerships.csv", "partnerships"));
    const page = await confirmMapping(id);
    expect(page).toMatchObject({
      kind: "partnerships",
      mapping: { partnership: 0, status: 1, organisation: 2, role: 3 },
    });
    const preview = await step(id);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 2, update: 0, skip: 0, error: 0 });
    expect(preview.view.rows.items.map((row) => [row.name, row.detail])).toEqual([
      [p, a.name],
      [p, b.name],
    ]);
    expect((await send(id, { intent: "commit" })).status).toBe(302);
    expect(await step(id)).toMatchObject({ step: "done", result: { created: 1, members: 2 } });
    const [created] = await db.select().from(partnerships).where(eq(partnerships.name, p));
    const members = await db
      .select({ role: partnershipMembers.role })
      .from(partnershipMembers)
      .where(eq(partnershipMembers.partnershipId, created?.id ?? ""));
    expect(members.map((m) => m.role).sort()).toEqual(["funder", "lead"]);
  });

  test("the mapping insists on each kind's required fields", async () => {
    const id = batchIdOf(await upload("From,To,Kind\nA,B,funds\n", "r.csv", "relationships"));
    const page = await step(id);
    expect(page).toMatchObject({ step: "map", mapping: { from: 0, to: 1, type: 2 } });
    const missing = await send(id, { intent: "map", "map.from": "0", "map.to": "1" });
    expect([missing.status, missing.body]).toEqual([400, { error: "import.map.required", field: "type" }]);
  });
});

describe("a Kumu workbook with Elements and Connections", () => {
  test("read as organisations, then as relationships with their types guessed", async () => {
    const p = uniqueName("Kumu");
    const workbook = new ExcelJS.Workbook();
    const elements = workbook.addWorksheet("Elements");
    elements.addRow(["Label", "Type", "Country"]);
    elements.addRow([`${p} Fund`, "Foundation", "NL"]);
    elements.addRow([`${p} Shelter`, "NGO", "NL"]);
    const connections = workbook.addWorksheet("Connections");
    connections.addRow(["From", "To", "Type", "Direction", "Label", "Description"]);
    connections.addRow([`${p} Fund`, `${p} Shelter`, "Funding", "directed", "", "Core grant"]);
    connections.addRow([`${p} Shelter`, `${p} Fund`, "Reporting", "directed", "", ""]);
    const bytes = await workbook.xlsx.writeBuffer();

    const orgId = batchIdOf(await upload(bytes, "kumu.xlsx", "organisations"));
    await confirmMapping(orgId);
    expect((await send(orgId, { intent: "commit" })).status).toBe(302);
    expect(await step(orgId)).toMatchObject({ step: "done", result: { created: 2 } });

    const relId = batchIdOf(await upload(bytes, "kumu.xlsx", "relationships"));
    const page = await confirmMapping(relId);
    expect(page).toMatchObject({
      kumu: true,
      headers: ["From", "To", "Type", "Direction", "Label", "Description"],
    });
    const preview = await step(relId);
    if (preview.step !== "preview") throw new Error("expected the preview");
    // "Reporting" names no relationship type (and there is no "other"): an error on row 3.
    expect(preview.view.summary).toEqual({ new: 1, update: 0, skip: 0, error: 1 });
    expect(preview.view.problems).toMatchObject([
      { line: 3, column: "Type", message: "import.problems.unknownRelationshipType" },
    ]);
    expect((await send(relId, { intent: "commit" })).status).toBe(409);
    expect((await send(relId, { intent: "commit", skipErrors: "on" })).status).toBe(302);
    const [fund] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.name, `${p} Fund`));
    const created = await db
      .select()
      .from(relationships)
      .where(and(eq(relationships.fromOrganisationId, fund?.id ?? "")));
    expect(created).toMatchObject([{ type: "funds", notes: "Core grant" }]);
  });
});

describe("templates per kind", () => {
  test("partnerships in French: uploaded back, it maps every field and its rows are valid", async () => {
    const outcome = await callRoute(
      db,
      templateRoute.loader,
      get("/import/template.csv?kind=partnerships"),
      french,
      {},
    );
    expect(outcome.headers.get("Content-Disposition")).toContain("trellis-partenariats-modele.csv");
    const text = await (outcome.response as Response).text();
    expect(text.split("\r\n")[0]).toBe(
      "Partenariat,Statut,Date de début,Date de fin,Pays,Niveau,Formalisation,Organisation,Pays de l’organisation,Rôle,Mandat,Contribution,Membre depuis",
    );
    await createOrganisation(db, { name: "Réseau d’accueil des réfugiés", countryCode: "NL" });
    await createOrganisation(db, { name: "Ville d’Exemple", countryCode: "FR" });
    const id = batchIdOf(await upload(text, "modele.csv", "partnerships", french));
    const page = await confirmMapping(id, french);
    if (page.step !== "map") throw new Error("expected the mapping step");
    expect(Object.keys(page.mapping)).toHaveLength(13);
    const preview = await step(id, french);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 2, update: 0, skip: 0, error: 0 });
  });

  test("relationships as XLSX: uploaded back, valid", async () => {
    const outcome = await callRoute(
      db,
      templateRoute.loader,
      get("/import/template.xlsx?kind=relationships"),
      coordinator,
      {},
    );
    expect(outcome.headers.get("Content-Disposition")).toContain("trellis-relationships-template.xlsx");
    await createOrganisation(db, { name: "Refugee Support Network" });
    await createOrganisation(db, { name: "City of Example" });
    const id = batchIdOf(
      await upload(await (outcome.response as Response).arrayBuffer(), "t.xlsx", "relationships"),
    );
    const page = await confirmMapping(id);
    expect(page).toMatchObject({ headers: ["From", "To", "Type", "Starts", "Ends", "Notes"] });
    const preview = await step(id);
    if (preview.step !== "preview") throw new Error("expected the preview");
    expect(preview.view.summary).toEqual({ new: 1, update: 0, skip: 0, error: 0 });
  });
});
