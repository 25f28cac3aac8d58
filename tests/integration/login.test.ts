// First-run setup, login and logout at route level: the route modules' loaders and actions are
// called with a Request and a RouterContextProvider built here (what server/app.ts and the root
// middleware would provide).
process.env.SCRYPT_LOG_N = "4";

import { count, eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestInfoContext, userContext } from "~/auth/context";
import * as passwordModule from "~/auth/password.server";
import { hashPassword } from "~/auth/password.server";
import {
  type AuthUser,
  createSession,
  readSessionToken,
  SESSION_COOKIE,
  validateSessionToken,
} from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import { auditLog, organisations, rateLimits, sessions, users } from "~/db/schema";
import { i18nextMiddleware, localeCookie } from "~/middleware/i18next";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as setup from "~/routes/setup";
import { createOrganisation, createUser, nextSeq, uniqueEmail } from "../factories";
import { testDb } from "../helpers/db";

// Two databases: one stays empty for the first-run tests, one holds users for the login tests.
const { db: firstRunDb } = await testDb();
const { db } = await testDb();

const PASSWORD = "correct horse battery staple";
let passwordHash: string;

// --- calling route modules ---------------------------------------------------------------------

interface Outcome {
  status: number;
  headers: Headers;
  /** The data of a data() answer; null for a Response. */
  body: unknown;
  thrown: boolean;
}

interface RequestOptions {
  db?: Db;
  clientIp?: string;
  user?: AuthUser | null;
  cookie?: string;
}

function uniqueIp(): string {
  const n = nextSeq();
  return `198.51.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

async function contextFor(request: Request, options: RequestOptions): Promise<RouterContextProvider> {
  const context = new RouterContextProvider();
  context.set(dbContext, options.db ?? db);
  context.set(requestInfoContext, { clientIp: options.clientIp ?? uniqueIp(), nonce: "test-nonce" });
  if (options.user) context.set(userContext, options.user);
  // The root middleware's i18n part: loaders translate their titles.
  await i18nextMiddleware(argsFor(request, context), async () => new Response(null));
  return context;
}

function argsFor(request: Request, context: RouterContextProvider) {
  return { request, context, params: {}, url: new URL(request.url), pattern: "/" } as unknown as Parameters<
    MiddlewareFunction<Response>
  >[0];
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit"
  );
}

function outcomeOf(value: unknown, thrown: boolean): Outcome {
  if (value instanceof Response) return { status: value.status, headers: value.headers, body: null, thrown };
  if (isDataWithInit(value)) {
    return {
      status: value.init?.status ?? 200,
      headers: new Headers(value.init?.headers),
      body: value.data,
      thrown,
    };
  }
  if (thrown) throw value;
  return { status: 200, headers: new Headers(), body: value, thrown };
}

type RouteFunction = (args: never) => unknown;

async function call(fn: RouteFunction, request: Request, options: RequestOptions = {}): Promise<Outcome> {
  const context = await contextFor(request, options);
  try {
    const result = await (fn as unknown as (args: unknown) => Promise<unknown>)(argsFor(request, context));
    return outcomeOf(result, false);
  } catch (error) {
    return outcomeOf(error, true);
  }
}

function get(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`http://localhost${path}`, { headers });
}

function post(path: string, fields: Record<string, string>, options: RequestOptions = {}): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
  });
}

async function postLogin(fields: Record<string, string>, options: RequestOptions = {}): Promise<Outcome> {
  return call(login.action, post("/login", fields), options);
}

function sessionTokenFrom(outcome: Outcome): string | null {
  const cookie = outcome.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) return null;
  const pair = cookie.split(";")[0] ?? "";
  return readSessionToken(new Request("http://localhost/", { headers: { Cookie: pair } }));
}

function formErrorsOf(outcome: Outcome): unknown {
  const body = outcome.body as { result?: { error?: Record<string, unknown> } } | null;
  return body?.result?.error?.[""];
}

async function sessionCount(database: Db, userId: string): Promise<number> {
  const [row] = await database.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

async function userWithPassword(overrides: Partial<typeof users.$inferInsert> = {}) {
  return createUser(db, { passwordHash, ...overrides });
}

beforeEach(async () => {
  passwordHash ??= await hashPassword(PASSWORD, { N: 16, r: 8, p: 1 });
});

// --- first run ---------------------------------------------------------------------------------

describe("first run (/setup)", () => {
  it("/login sends to /setup while no user exists", async () => {
    const outcome = await call(login.loader, get("/login"), { db: firstRunDb });
    expect(outcome.thrown).toBe(true);
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/setup");
  });

  it("shows the form with the organisations to choose from", async () => {
    const organisation = await createOrganisation(firstRunDb, { name: "Setup Org" });
    const outcome = await call(setup.loader, get("/setup"), { db: firstRunDb });
    expect(outcome.status).toBe(200);
    const body = outcome.body as { title: string; organisations: { id: string; name: string }[] };
    expect(body.title).toBeTruthy();
    expect(body.organisations.map((o) => o.id)).toContain(organisation.id);
  });

  it("refuses a weak password and creates nobody", async () => {
    const outcome = await call(
      setup.action,
      post("/setup", { name: "First", email: "first@example.org", password: "password1234" }),
      { db: firstRunDb },
    );
    expect(outcome.status).toBe(400);
    const body = outcome.body as { result: { error: Record<string, string[]>; initialValue: unknown } };
    expect(body.result.error.password).toEqual(["validation.password.common"]);
    expect(JSON.stringify(body)).not.toContain("password1234");
    const [row] = await firstRunDb.select({ n: count() }).from(users);
    expect(row?.n).toBe(0);
  });

  it("creates the first coordinator, signs them in, and then answers 404", async () => {
    const [organisation] = await firstRunDb.select().from(organisations);
    const outcome = await call(
      setup.action,
      post("/setup", {
        name: "Ada First",
        email: "Ada.First@example.org",
        password: PASSWORD,
        organisationId: organisation?.id ?? "",
      }),
      { db: firstRunDb },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/");

    const [user] = await firstRunDb.select().from(users);
    expect(user).toMatchObject({
      name: "Ada First",
      email: "Ada.First@example.org",
      role: "coordinator",
      organisationId: organisation?.id,
      disabledAt: null,
    });
    expect(user?.passwordHash).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(await passwordModule.verifyPassword(PASSWORD, user?.passwordHash ?? "")).toBe(true);

    // Signed in: the cookie names a session of the new user.
    const cookie = outcome.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const token = sessionTokenFrom(outcome);
    expect(token).not.toBeNull();
    const validated = await validateSessionToken(firstRunDb, token ?? "");
    expect(validated?.user).toMatchObject({ id: user?.id, role: "coordinator" });

    // The creation is in the audit log, without the hash.
    const audit = await firstRunDb
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, user?.id ?? ""));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", entityType: "user", userId: user?.id });
    expect(JSON.stringify(audit[0]?.after)).not.toContain("scrypt");

    // From now on /setup does not exist.
    const loader = await call(setup.loader, get("/setup"), { db: firstRunDb });
    expect(loader).toMatchObject({ status: 404, thrown: true });
    const again = await call(
      setup.action,
      post("/setup", {
        name: "Intruder",
        email: "intruder@example.org",
        password: "another long passphrase",
      }),
      { db: firstRunDb },
    );
    expect(again).toMatchObject({ status: 404, thrown: true });
    const [row] = await firstRunDb.select({ n: count() }).from(users);
    expect(row?.n).toBe(1);

    // And /login shows the form.
    const loginPage = await call(login.loader, get("/login"), { db: firstRunDb });
    expect(loginPage.status).toBe(200);
    expect(loginPage.thrown).toBe(false);
  });
});

// --- login -------------------------------------------------------------------------------------

describe("login", () => {
  it("signs in with the right password: 302 to redirectTo with a session cookie", async () => {
    const user = await userWithPassword({ locale: "fr" });
    const outcome = await postLogin({
      email: user.email,
      password: PASSWORD,
      redirectTo: "/partnerships?x=1",
    });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/partnerships?x=1");
    const token = sessionTokenFrom(outcome);
    expect(token).not.toBeNull();
    expect((await validateSessionToken(db, token ?? ""))?.user.id).toBe(user.id);
    // The user's language comes along.
    const lng = outcome.headers.getSetCookie().find((c) => c.startsWith(`${localeCookie.name}=`));
    expect(await localeCookie.parse(lng?.split(";")[0] ?? null)).toBe("fr");
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const user = await userWithPassword({ email: uniqueEmail("Mixed.Case") });
    const outcome = await postLogin({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/");
  });

  it.each(["//evil.example", "https://evil.example/", "/\\evil.example", "evil.example"])(
    "sends redirectTo=%s to / instead",
    async (redirectTo) => {
      const user = await userWithPassword();
      const outcome = await postLogin({ email: user.email, password: PASSWORD, redirectTo });
      expect(outcome.status).toBe(302);
      expect(outcome.headers.get("Location")).toBe("/");
    },
  );

  it("gives an unknown email and a wrong password the same status and the same body", async () => {
    const email = uniqueEmail("later");
    const unknown = await postLogin({ email, password: "wrong password here", redirectTo: "/" });
    await userWithPassword({ email });
    const wrong = await postLogin({ email, password: "wrong password here", redirectTo: "/" });

    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body).toEqual(unknown.body);
    expect(JSON.stringify(wrong.body)).toBe(JSON.stringify(unknown.body));
    expect(formErrorsOf(wrong)).toEqual(["auth.invalidCredentials"]);
    expect(JSON.stringify(wrong.body)).not.toContain("wrong password here");
    expect(sessionTokenFrom(unknown)).toBeNull();
    expect(sessionTokenFrom(wrong)).toBeNull();
  });

  it("spends a scrypt verification on an unknown email (verifyAgainstDummy), one per attempt", async () => {
    const dummy = vi.spyOn(passwordModule, "verifyAgainstDummy");
    const verify = vi.spyOn(passwordModule, "verifyPassword");
    try {
      await postLogin({ email: uniqueEmail("nobody"), password: "some password" });
      expect(dummy).toHaveBeenCalledTimes(1);
      expect(dummy).toHaveBeenCalledWith("some password");
      await expect(dummy.mock.results[0]?.value).resolves.toBe(false);
      expect(verify).not.toHaveBeenCalled(); // (the dummy's own check is internal to its module)

      dummy.mockClear();
      const user = await userWithPassword();
      await postLogin({ email: user.email, password: "some password" });
      expect(dummy).not.toHaveBeenCalled();
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      dummy.mockRestore();
      verify.mockRestore();
    }
  });

  it("refuses a disabled user with the right password, with the same message", async () => {
    const user = await userWithPassword({ disabledAt: new Date() });
    const outcome = await postLogin({ email: user.email, password: PASSWORD });
    expect(outcome.status).toBe(400);
    expect(formErrorsOf(outcome)).toEqual(["auth.invalidCredentials"]);
    expect(sessionTokenFrom(outcome)).toBeNull();
    expect(await sessionCount(db, user.id)).toBe(0);
  });

  it("answers 400 with field errors for a missing email, without counting a rate-limit slot", async () => {
    const clientIp = uniqueIp();
    const outcome = await postLogin({ email: "", password: "x" }, { clientIp });
    expect(outcome.status).toBe(400);
    const body = outcome.body as { result: { error: Record<string, string[]> } };
    expect(body.result.error.email).toEqual(["validation.required"]);
    const rows = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `login:ip:${clientIp}`));
    expect(rows).toEqual([]);
  });

  it("rehashes a password stored at a lower cost than configured", async () => {
    const weak = await hashPassword(PASSWORD, { N: 8, r: 8, p: 1 });
    const user = await createUser(db, { passwordHash: weak });
    const outcome = await postLogin({ email: user.email, password: PASSWORD });
    expect(outcome.status).toBe(302);
    const [row] = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(await passwordModule.verifyPassword(PASSWORD, row?.passwordHash ?? "")).toBe(true);
  });

  it("the loader shows the form to an anonymous visitor", async () => {
    await userWithPassword();
    const outcome = await call(login.loader, get("/login"));
    expect(outcome.thrown).toBe(false);
    expect((outcome.body as { title: string }).title).toBeTruthy();
  });

  it("the loader sends a signed-in user on, to a safe redirectTo only", async () => {
    const user = await userWithPassword();
    const session = await createSession(db, user.id);
    const authUser = (await validateSessionToken(db, session.token))?.user ?? null;
    const onward = await call(login.loader, get("/login?redirectTo=%2Fpartnerships"), { user: authUser });
    expect(onward).toMatchObject({ status: 302, thrown: true });
    expect(onward.headers.get("Location")).toBe("/partnerships");
    const evil = await call(login.loader, get("/login?redirectTo=%2F%2Fevil.example"), { user: authUser });
    expect(evil.headers.get("Location")).toBe("/");
  });
});

// --- rate limiting -----------------------------------------------------------------------------

describe("login rate limit (AUTH_RATE_LIMIT=3)", () => {
  beforeEach(() => {
    process.env.AUTH_RATE_LIMIT = "3";
    // Pin the clock (Date only) ten seconds into a minute: all attempts fall in one window.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(Date.UTC(2031, 5, 1, 8, 30, 10)) });
  });

  afterEach(() => {
    vi.useRealTimers();
    delete process.env.AUTH_RATE_LIMIT;
  });

  it("answers the 4th attempt from one IP with 429 and Retry-After, even with the right password", async () => {
    const clientIp = uniqueIp();
    const user = await userWithPassword();
    for (let i = 0; i < 3; i++) {
      const attempt = await postLogin({ email: uniqueEmail("probe"), password: "guess" }, { clientIp });
      expect(attempt.status, `attempt ${i + 1}`).toBe(400);
    }
    const fourth = await postLogin({ email: user.email, password: PASSWORD }, { clientIp });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get("Retry-After")).toBe("50");
    expect(formErrorsOf(fourth)).toEqual(["auth.tooManyAttempts"]);
    expect(sessionTokenFrom(fourth)).toBeNull();
    expect(await sessionCount(db, user.id)).toBe(0);

    // Another IP, another email: unaffected.
    const other = await userWithPassword();
    expect((await postLogin({ email: other.email, password: PASSWORD })).status).toBe(302);
  });

  it("limits attempts per email across different IPs", async () => {
    const user = await userWithPassword();
    for (let i = 0; i < 3; i++) {
      const attempt = await postLogin({ email: user.email, password: "guess" }, { clientIp: uniqueIp() });
      expect(attempt.status, `attempt ${i + 1}`).toBe(400);
    }
    // The same address spelled differently counts for the same email.
    const fourth = await postLogin(
      { email: user.email.toUpperCase(), password: PASSWORD },
      { clientIp: uniqueIp() },
    );
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get("Retry-After"))).toBe(50);
    expect(await sessionCount(db, user.id)).toBe(0);
  });

  it("lets the next window in again", async () => {
    const clientIp = uniqueIp();
    const user = await userWithPassword();
    for (let i = 0; i < 4; i++)
      await postLogin({ email: uniqueEmail("probe"), password: "guess" }, { clientIp });
    expect((await postLogin({ email: user.email, password: PASSWORD }, { clientIp })).status).toBe(429);
    vi.setSystemTime(new Date(Date.UTC(2031, 5, 1, 8, 31, 0)));
    expect((await postLogin({ email: user.email, password: PASSWORD }, { clientIp })).status).toBe(302);
  });
});

// --- logout ------------------------------------------------------------------------------------

describe("logout", () => {
  async function signedIn() {
    const user = await userWithPassword();
    const session = await createSession(db, user.id);
    const authUser = (await validateSessionToken(db, session.token))?.user ?? null;
    return { user, session, authUser, cookie: `${SESSION_COOKIE}=${session.token}` };
  }

  it("POST deletes the session and clears the cookie", async () => {
    const { user, session, authUser, cookie } = await signedIn();
    const other = await createSession(db, user.id);
    const outcome = await call(logout.action, post("/logout", {}, { cookie }), { user: authUser });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/login");
    const cleared = outcome.headers.getSetCookie();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared[0]).toContain("Max-Age=0");
    expect(await validateSessionToken(db, session.token)).toBeNull();
    // Only this session: the user's other devices stay signed in.
    expect(await validateSessionToken(db, other.token)).not.toBeNull();
  });

  it("GET does not log out", async () => {
    const { session, authUser, cookie } = await signedIn();
    const outcome = await call(logout.loader, get("/logout", { cookie }), { user: authUser });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/");
    expect(outcome.headers.getSetCookie()).toEqual([]);
    expect(await validateSessionToken(db, session.token)).not.toBeNull();
  });

  it("POST without a session still clears the cookie", async () => {
    const outcome = await call(logout.action, post("/logout", {}));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.getSetCookie()[0]).toContain("Max-Age=0");
  });
});
