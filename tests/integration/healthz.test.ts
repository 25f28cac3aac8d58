import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { dbContext } from "~/db/context";
import { loader } from "~/routes/healthz";
import { closedDatabase, testDb } from "../helpers/db";
import fs from "node:fs";

const database = await testDb();
const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] };

function callHealthz(db: typeof database.db) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  return loader({
    request: new Request("http://localhost/healthz"),
    params: {},
    context,
    unstable_pattern: "/healthz",
  } as unknown as Parameters<typeof loader>[0]);
}

describe("/healthz", () => {
  test("200 with the applied migration count when the database answers", async () => {
    const response = await callHealthz(database.db);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { status: string; database: { ok: boolean; migrations: number } };
    expect(body.status).toBe("ok");
    expect(body.database.ok).toBe(true);
    expect(body.database.migrations).toBe(journal.entries.length);
  });

  test("503 when the database does not answer", async () => {
    const gone = await closedDatabase();
    const response = await callHealthz(gone.db);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; database: { ok: boolean; error: string } };
    expect(body.status).toBe("unavailable");
    expect(body.database.ok).toBe(false);
  });
});
