// A batch's kind decides its steps, whatever the form says: the mapping reads the batch kind's
// fields, and the preview and the commit are that kind's (import-run.server.ts), so a batch of one
// kind cannot be mapped or committed with another kind's form data. Also the upload's refusals of
// too many columns, with their message next to the field.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { organisations, partnerships } from "~/db/schema";
import { IMPORT_MAX_COLUMNS } from "~/lib/import/kinds";
import * as batchRoute from "~/routes/import.$id";
import * as uploadRoute from "~/routes/import._index";
import { createOrganisation, createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, renderPage } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));

async function upload(body: string, kind: string): Promise<string> {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("kind", kind);
  form.set("file", new Blob([body]), "file.csv");
  const request = new Request("http://localhost/import", { method: "POST", body: form });
  const outcome = await callRoute(db, uploadRoute.action, request, coordinator, {});
  expect(outcome.status).toBe(302);
  return (outcome.headers.get("Location") ?? "").slice("/import/".length);
}

function send(id: string, fields: Record<string, string>) {
  return callRoute(db, batchRoute.action, post(`/import/${id}`, fields), coordinator, { id });
}

describe("the batch's kind, not the form's", () => {
  test("a partnerships batch is not mapped with the organisations' fields", async () => {
    const org = await createOrganisation(db);
    const id = await upload(`Partnership,Organisation\n${uniqueName("P")},${org.name}\n`, "partnerships");
    const refused = await send(id, {
      intent: "map",
      kind: "organisations",
      "map.name": "0",
      "map.type": "1",
    });
    expect([refused.status, refused.body]).toEqual([
      400,
      { error: "import.map.required", field: "partnership" },
    ]);
  });

  test("a partnerships batch is committed as partnerships, whatever kind the form names", async () => {
    const org = await createOrganisation(db);
    const name = uniqueName("Kind");
    const id = await upload(`Partnership,Organisation\n${name},${org.name}\n`, "partnerships");
    const mapped = { intent: "map", "map.partnership": "0", "map.organisation": "1" };
    expect((await send(id, mapped)).status).toBe(302);
    expect((await send(id, { intent: "commit", kind: "organisations" })).status).toBe(302);
    expect(await db.select().from(partnerships).where(eq(partnerships.name, name))).toHaveLength(1);
    expect(await db.select().from(organisations).where(eq(organisations.name, name))).toHaveLength(0);
  });

  test("an organisations batch is committed as organisations, even with partnership fields sent", async () => {
    const name = uniqueName("Org kind");
    const id = await upload(`Name,Type,Country\n${name},cso,NL\n`, "organisations");
    const mapped = {
      intent: "map",
      "map.partnership": "0",
      "map.name": "0",
      "map.type": "1",
      "map.countryCode": "2",
    };
    expect((await send(id, mapped)).status).toBe(302);
    expect((await send(id, { intent: "commit", kind: "partnerships" })).status).toBe(302);
    expect(await db.select().from(organisations).where(eq(organisations.name, name))).toHaveLength(1);
    expect(await db.select().from(partnerships).where(eq(partnerships.name, name))).toHaveLength(0);
  });
});

describe("too many columns", () => {
  test("refused at upload, with the message next to the file field", async () => {
    const headers = Array.from({ length: IMPORT_MAX_COLUMNS + 1 }, (_, i) => `C${i}`).join(",");
    const form = new FormData();
    form.set("kind", "organisations");
    form.set("file", new Blob([`${headers}\nA\n`]), "wide.csv");
    const request = new Request("http://localhost/import", { method: "POST", body: form });
    const outcome = await callRoute(db, uploadRoute.action, request, coordinator, {});
    expect([outcome.status, outcome.body]).toEqual([400, { error: "tooManyColumns" }]);
    const page = await callRoute(db, uploadRoute.loader, get("/import"), coordinator, {});
    const html = await renderPage(uploadRoute.default, "/import", page.body, { error: "tooManyColumns" });
    expect(html).toContain(`more than ${IMPORT_MAX_COLUMNS} columns`);
    expect(html).toContain('id="import-file-error"');
  });
});
