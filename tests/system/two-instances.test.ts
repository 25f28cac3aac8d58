// Two app instances on one PostgreSQL, started at the same moment on an EMPTY database: the
// migrations do not race (the advisory lock), a session made on one works on the other, a change
// made on one is seen on the other, and the login rate limit is one limit across both.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { openDatabase, type Database } from "../../app/db/client.server";
import { rows } from "../../app/db/rows.server";
import { startTrellis, type TrellisServer } from "../../bench/lib/server";
import { createUser, uniqueEmail, uniqueName } from "../factories";
import { appDir, createEmptyDatabase, projectRoot } from "./app";
import { get, postForm, signIn } from "./http";

const RATE_LIMIT = 6;
const PASSWORD = "correct horse battery staple";
const journal = JSON.parse(fs.readFileSync(path.join(projectRoot, "drizzle/meta/_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};

let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
const servers: TrellisServer[] = [];
let a: TrellisServer;
let b: TrellisServer;
let direct: Database | undefined;

beforeAll(async () => {
  database = await createEmptyDatabase();
  const env = {
    DATABASE_URL: database.url,
    AUTH_RATE_LIMIT: String(RATE_LIMIT),
    AUTH_RATE_WINDOW_SECONDS: "600",
    // Each part of the test signs in from its own address (X-Forwarded-For).
    TRUST_PROXY: "1",
  };
  // Both at the same moment, on a database without a single table.
  const started = await Promise.allSettled([startTrellis(appDir, env), startTrellis(appDir, env)]);
  for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  [a, b] = servers as [TrellisServer, TrellisServer];
  direct = await openDatabase({ url: database.url, poolSize: 2 });
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await direct?.close();
  await database?.drop();
});

function db() {
  if (!direct) throw new Error("no database");
  return direct.db;
}

/** A user with a real (cheap) password hash, inserted directly. */
async function userWithPassword(role: "coordinator" | "viewer") {
  const email = uniqueEmail("inst");
  const passwordHash = await hashPassword(PASSWORD, { N: 2 ** 4, r: 8, p: 1 });
  return createUser(db(), { email, name: uniqueName("Instance user"), role, passwordHash });
}

describe("two instances started together on an empty database", () => {
  test("both started, and every migration is applied exactly once", async () => {
    expect(a.baseURL).not.toBe(b.baseURL);
    for (const server of [a, b]) {
      expect((await get(server.baseURL, "/healthz")).status).toBe(200);
      expect(server.output()).toMatch(new RegExp(`\\(${journal.entries.length} migrations applied\\)`));
    }
    const applied = rows<{ hash: string; times: number }>(
      await db().execute(
        sql`select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`,
      ),
    );
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.every((row) => row.times === 1)).toBe(true);
  });

  test("a session made by signing in on A works on B", async () => {
    const user = await userWithPassword("viewer");
    const cookie = await signIn(a.baseURL, user.email, PASSWORD, { ip: "203.0.113.10" });
    const account = await get(b.baseURL, "/account", { cookie });
    expect(account.status).toBe(200);
    expect(account.body).toContain(user.email);
    expect(account.body).toContain(user.name);
    // Without the cookie, B sends to the login page: the cookie is what signed in.
    const anonymous = await get(b.baseURL, "/account");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    // Signing out on B ends the session on A too.
    const out = await postForm(b.baseURL, "/logout", {}, { cookie });
    expect(out.status).toBe(302);
    const afterLogout = await get(a.baseURL, "/account", { cookie });
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.headers.get("location")).toMatch(/^\/login/);
  });

  test("an organisation created through the form on A is listed on B", async () => {
    const user = await userWithPassword("coordinator");
    const cookie = await signIn(a.baseURL, user.email, PASSWORD, { ip: "203.0.113.20" });
    const name = uniqueName("Shared across instances");
    const created = await postForm(
      a.baseURL,
      "/organisations/new",
      { intent: "save", name, type: "cso", level: "national", countryCode: "BE" },
      { cookie },
    );
    expect(created.status).toBe(302);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/organisations\/[0-9a-f-]{36}$/);

    const list = await get(b.baseURL, "/organisations", { cookie });
    expect(list.status).toBe(200);
    expect(list.body).toContain(name);
    const page = await get(b.baseURL, location, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(name);
  });

  test(`the login rate limit (${RATE_LIMIT} attempts) counts attempts on both instances together`, async () => {
    const user = await userWithPassword("viewer");
    const ip = "203.0.113.30";
    const statuses: number[] = [];
    // Wrong passwords, alternating A and B: the limit's worth, then two more (one on each).
    for (let attempt = 0; attempt < RATE_LIMIT + 2; attempt += 1) {
      const server = attempt % 2 === 0 ? a : b;
      const response = await postForm(
        server.baseURL,
        "/login",
        { email: user.email, password: "wrong password", redirectTo: "/" },
        { ip },
      );
      statuses.push(response.status);
    }
    // Each instance saw only half the limit: a limit kept per instance would have let all through.
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT).fill(400), 429, 429]);
    // Even the right password is refused now, on either instance.
    const right = await postForm(
      b.baseURL,
      "/login",
      { email: user.email, password: PASSWORD, redirectTo: "/" },
      { ip },
    );
    expect(right.status).toBe(429);
    // The 429 says when to come back (the route passes its action's headers on).
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
