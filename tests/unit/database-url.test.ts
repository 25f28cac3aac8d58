import { describe, expect, test } from "vitest";
import { DatabaseConfigError, describePostgresUrl, openDatabase } from "~/db/client.server";
import { DEFAULT_REQUEST_CONCURRENCY, readConfig } from "~/config.server";

describe("DATABASE_URL", () => {
  test("is described without its password", () => {
    expect(describePostgresUrl("postgres://app:s3cret@db.internal:6543/trellis")).toBe(
      "postgres://db.internal:6543/trellis",
    );
  });

  test.each([
    ["not a url", /not a valid URL/],
    ["mysql://root@localhost/db", /must start with postgres:\/\//],
  ])("a malformed URL (%s) is refused with a clear error", async (url, message) => {
    await expect(openDatabase({ url })).rejects.toThrow(DatabaseConfigError);
    await expect(openDatabase({ url })).rejects.toThrow(message);
  });

  test("an unreachable server is reported in one line, without the password", async () => {
    const error = await openDatabase({ url: "postgres://u:topsecret@127.0.0.1:1/nothing" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot reach PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/nothing: /);
    expect(message).not.toContain("topsecret");
    expect(message).not.toContain("\n");
  });
});

describe("configuration", () => {
  test("defaults", () => {
    expect(readConfig({})).toMatchObject({
      databaseUrl: undefined,
      pgliteDir: "./data/pglite",
      seedDemo: true,
      host: "127.0.0.1",
      port: 3000,
    });
  });

  test("SEED_DEMO=0 turns seeding off; a bad PORT is refused", () => {
    expect(readConfig({ SEED_DEMO: "0" }).seedDemo).toBe(false);
    expect(() => readConfig({ PORT: "http" })).toThrow(/PORT must be a number/);
  });

  test("WEB_CONCURRENCY: 1 by default, more only on PostgreSQL, a whole number up to 64", () => {
    expect(readConfig({}).webConcurrency).toBe(1);
    expect(readConfig({}).requestConcurrency).toBe(DEFAULT_REQUEST_CONCURRENCY);
    expect(readConfig({ REQUEST_CONCURRENCY: "16" }).requestConcurrency).toBe(16);
    expect(() => readConfig({ REQUEST_CONCURRENCY: "0" })).toThrow(/REQUEST_CONCURRENCY must be a positive/);
    expect(() => readConfig({ REQUEST_CONCURRENCY: "5000" })).toThrow(/at most 1000/);
    const url = "postgres://postgres@127.0.0.1:5432/trellis";
    expect(readConfig({ DATABASE_URL: url, WEB_CONCURRENCY: "2" }).webConcurrency).toBe(2);
    expect(readConfig({ WEB_CONCURRENCY: "1" }).webConcurrency).toBe(1);
    expect(() => readConfig({ WEB_CONCURRENCY: "2" })).toThrow(/needs PostgreSQL \(DATABASE_URL\)/);
    expect(() => readConfig({ DATABASE_URL: url, WEB_CONCURRENCY: "two" })).toThrow(/positive whole number/);
    expect(() => readConfig({ DATABASE_URL: url, WEB_CONCURRENCY: "0" })).toThrow(/positive whole number/);
    expect(() => readConfig({ DATABASE_URL: url, WEB_CONCURRENCY: "65" })).toThrow(/at most 64/);
  });

  test("DATABASE_PREPARED_STATEMENTS: on by default, 0 or false turns them off", () => {
    expect(readConfig({}).preparedStatements).toBe(true);
    expect(readConfig({ DATABASE_PREPARED_STATEMENTS: "1" }).preparedStatements).toBe(true);
    expect(readConfig({ DATABASE_PREPARED_STATEMENTS: "0" }).preparedStatements).toBe(false);
    expect(readConfig({ DATABASE_PREPARED_STATEMENTS: "false" }).preparedStatements).toBe(false);
  });
});
