// PostgreSQL going away and coming back, without restarting the app: while the database is away,
// pages answer a clear, translated 503 page (no stack trace) and /healthz a 503; once it is back,
// the same requests succeed again within seconds. "Away" is a TCP proxy between the app and
// PostgreSQL that cuts every connection and refuses (or resets) new ones: the machine's PostgreSQL
// server itself is never stopped.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { openDatabase, type Database } from "../../app/db/client.server";
import { startTrellis, type TrellisServer } from "../../bench/lib/server";
import { createOrganisation, createUser, uniqueEmail, uniqueName } from "../factories";
import { appDir, createEmptyDatabase } from "./app";
import { get, postForm, signIn, type Answer } from "./http";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import en from "../../app/i18n/locales/en.json";
import fr from "../../app/i18n/locales/fr.json";

const PASSWORD = "correct horse battery staple";
/** How long the app may take to notice the database is back. */
const RECOVERY_MS = 5_000;

let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
let proxy: TcpProxy | undefined;
let server: TrellisServer | undefined;
let direct: Database | undefined;
let cookie: string;
let organisationName: string;

function app(): TrellisServer {
  if (!server) throw new Error("no server");
  return server;
}

beforeAll(async () => {
  database = await createEmptyDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  server = await startTrellis(appDir, { DATABASE_URL: proxied.toString() });
  // Straight to PostgreSQL, not through the proxy: the test's own connection stays up.
  direct = await openDatabase({ url: database.url, poolSize: 1 });
  const passwordHash = await hashPassword(PASSWORD, { N: 2 ** 4, r: 8, p: 1 });
  const user = await createUser(direct.db, { email: uniqueEmail("outage"), role: "viewer", passwordHash });
  cookie = await signIn(app().baseURL, user.email, PASSWORD);
  organisationName = uniqueName("Outage organisation");
  await createOrganisation(direct.db, { name: organisationName });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await direct?.close();
  await database?.drop();
});

/** The requests a reader makes: signed in, anonymous, and the load balancer's check. */
async function expectWorking() {
  const page = await get(app().baseURL, "/organisations", { cookie });
  expect(page.status).toBe(200);
  expect(page.body).toContain(organisationName);
  expect((await get(app().baseURL, "/login")).status).toBe(200);
  const health = await get(app().baseURL, "/healthz");
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: "ok", database: { ok: true } });
}

function expectUnavailablePage(response: Answer, texts: { unavailableTitle: string; unavailable: string }) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.body).toContain(texts.unavailableTitle);
  expect(response.body).toContain(texts.unavailable);
  // Never the error itself: no stack, no driver message, no connection string.
  expect(response.body).not.toMatch(/ECONNREFUSED|ECONNRESET|CONNECTION_|\bat .+\.(?:js|ts):\d+/);
  expect(response.body).not.toContain("postgres://");
  // Answered, not hung until the database is back (generous: CI machines are slow).
  expect(response.ms).toBeLessThan(15_000);
}

async function expectUnavailable() {
  const health = await get(app().baseURL, "/healthz");
  expect(health.status).toBe(503);
  expect(JSON.parse(health.body)).toMatchObject({ status: "unavailable", database: { ok: false } });

  // Signed in (the session cannot be read), anonymous (the page's own query fails), in both languages.
  expectUnavailablePage(await get(app().baseURL, "/organisations", { cookie }), en.errors);
  expectUnavailablePage(await get(app().baseURL, "/login"), en.errors);
  expectUnavailablePage(await get(app().baseURL, "/login", { language: "fr" }), fr.errors);
  // A form post fails the same way: nothing half-done, a 503 page.
  expectUnavailablePage(
    await postForm(app().baseURL, "/login", { email: "someone@example.org", password: "x", redirectTo: "/" }),
    en.errors,
  );
  // A client-side navigation's data request: a 503 too, not a 500.
  const data = await get(app().baseURL, "/organisations.data", { cookie });
  expect(data.status).toBe(503);
  // Readers keep trying: every attempt is a prompt 503, and (below) the many failed connections do
  // not slow the recovery down (postgres.js's default backoff grows to 10-20 s).
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const again = await get(app().baseURL, attempt % 2 ? "/healthz" : "/login");
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(5_000);
  }
}

async function expectRecovered() {
  const started = Date.now();
  for (;;) {
    const health = await get(app().baseURL, "/healthz").catch(() => null);
    if (health?.status === 200) break;
    if (Date.now() - started > RECOVERY_MS)
      throw new Error(`still ${health?.status} after ${RECOVERY_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await expectWorking();
}

describe("the database goes away and comes back", () => {
  test("working before", async () => {
    await expectWorking();
  });

  test("connections cut and refused: 503 pages; back without a restart", async () => {
    await proxy?.down("refuse");
    await expectUnavailable();
    await proxy?.up();
    await expectRecovered();
  });

  test("connections cut and reset on connect: 503 pages; back without a restart", async () => {
    await proxy?.down("reset");
    await expectUnavailable();
    await proxy?.up();
    await expectRecovered();
  });

  test("the server kept running the whole time", () => {
    expect(app().output()).not.toMatch(/exited|listening on[\s\S]*listening on/);
  });
});
