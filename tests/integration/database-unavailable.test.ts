// The 503 page for a request that failed while the database is not answering
// (app/middleware/database-unavailable.server.ts); the full outage, with a real server and a
// database that goes away and comes back, is in tests/system/database-outage.test.ts.
import { RouterContextProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { dbContext } from "~/db/context";
import type { Db } from "~/db/client.server";
import { databaseAnswers, databaseUnavailableMiddleware } from "~/middleware/database-unavailable.server";
import type { MiddlewareArgs } from "../helpers/language";
import { closedDatabase, testDb } from "../helpers/db";

const { db } = await testDb();
const gone = await closedDatabase();

async function run(database: Db, status: number): Promise<{ response?: Response; thrown?: unknown }> {
  const context = new RouterContextProvider();
  context.set(dbContext, database);
  const args = {
    request: new Request("http://localhost/organisations"),
    context,
    params: {},
  } as unknown as MiddlewareArgs;
  const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const response = await databaseUnavailableMiddleware(args, () =>
      Promise.resolve(new Response("page", { status })),
    );
    return { response: response as Response };
  } catch (thrown) {
    return { thrown };
  } finally {
    consoleError.mockRestore();
  }
}

describe("a failed request while the database is not answering", () => {
  it("becomes the 503 page", async () => {
    const { thrown } = await run(gone.db, 500);
    expect(thrown).toMatchObject({ init: { status: 503 } });
  });

  it("stays a 500 when the database answers (a bug, not an outage)", async () => {
    const { response, thrown } = await run(db, 500);
    expect(thrown).toBeUndefined();
    expect(response?.status).toBe(500);
  });

  it("leaves other answers alone, without asking the database", async () => {
    for (const status of [200, 302, 404, 503]) {
      const { response, thrown } = await run(gone.db, status);
      expect(thrown).toBeUndefined();
      expect(response?.status).toBe(status);
    }
  });

  it("counts a database that does not answer in time as down", async () => {
    const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
    const started = performance.now();
    expect(await databaseAnswers(hanging, 50)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await databaseAnswers(db)).toBe(true);
  });
});
