// Accounts at route level: /admin/users, /admin/users/:id, /invite/:token, /reset/:token and
// /account. The route modules' loaders and actions are called directly, with the context that
// tests/helpers/routes.ts builds (what server/app.ts and the root middleware would provide).
import { localeCookie } from "~/middleware/i18next";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { createSession, readSessionToken, SESSION_COOKIE, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { invitations, sessions, userMunicipalities, users, type User } from "~/db/schema";
import { authenticate } from "~/models/users.server";
import * as account from "~/routes/account";
import * as adminUser from "~/routes/admin.users.$id";
import * as adminUsers from "~/routes/admin.users";
import * as invite from "~/routes/invite.$token";
import * as reset from "~/routes/reset.$token";
import { createMunicipality, createOrganisation, createUser, nextSeq, uniqueEmail } from "../factories";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute, get, post, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase here";
let passwordHash: string;
let coordinator: User;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  coordinator = await createUser(db, { role: "coordinator", passwordHash });
});

afterEach(() => {
  delete process.env.AUTH_RATE_LIMIT;
});

// --- calling route modules ---------------------------------------------------------------------

interface CallOptions {
  user?: User | null;
  sessionId?: string;
  clientIp?: string;
  params?: Record<string, string>;
}

function uniqueIp(): string {
  const n = nextSeq();
  return `203.0.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

type RouteFunction = (args: never) => unknown;

/** The route's loader or action for this user (none: anonymous), from a fresh address unless told. */
function call(fn: RouteFunction, request: Request, options: CallOptions = {}): Promise<RouteOutcome> {
  const user = options.user ? authUserOf(options.user, [], options.sessionId ?? "no-session") : null;
  return callRoute(db, fn, request, user, options.params ?? {}, {
    clientIp: options.clientIp ?? uniqueIp(),
  });
}

interface Result {
  status?: string;
  error?: Record<string, string[] | null>;
}

function resultOf(outcome: RouteOutcome): Result | undefined {
  return (outcome.body as { result?: Result } | null)?.result;
}

function sessionTokenFrom(outcome: RouteOutcome): string | null {
  const cookie = outcome.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) return null;
  return readSessionToken(
    new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] ?? "" } }),
  );
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

/** Invite through the route as the coordinator; answers the link's token. */
async function inviteThroughRoute(fields: Record<string, string | string[]>): Promise<string> {
  const outcome = await call(adminUsers.action, post("/admin/users", { intent: "invite", ...fields }), {
    user: coordinator,
  });
  expect(outcome.status).toBe(200);
  const link = (outcome.body as { invitation: { link: string } }).invitation.link;
  const token = link.split("/invite/")[1] ?? "";
  expect(token).toMatch(/^[a-z2-7]{32}$/);
  return token;
}

// --- /admin/users ----------------------------------------------------------------------------

describe("/admin/users", () => {
  it("is for coordinators: others get 403, anonymous is sent to sign in", async () => {
    for (const role of ["viewer", "organiser", "municipal_official"] as const) {
      const user = await createUser(db, { role });
      for (const [fn, request] of [
        [adminUsers.loader, get("/admin/users")],
        [adminUsers.action, post("/admin/users", { intent: "invite", email: uniqueEmail(), role: "viewer" })],
      ] as const) {
        const outcome = await call(fn, request, { user });
        expect(outcome, role).toMatchObject({ status: 403, thrown: true });
      }
      const page = await call(adminUser.loader, get(`/admin/users/${coordinator.id}`), {
        user,
        params: { id: coordinator.id },
      });
      expect(page, role).toMatchObject({ status: 403, thrown: true });
      const command = await call(
        adminUser.action,
        post(`/admin/users/${coordinator.id}`, { intent: "disable" }),
        {
          user,
          params: { id: coordinator.id },
        },
      );
      expect(command, role).toMatchObject({ status: 403, thrown: true });
    }
    const anonymous = await call(adminUsers.loader, get("/admin/users"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    expect((await db.select().from(users).where(eq(users.id, coordinator.id)))[0]?.disabledAt).toBeNull();
  });

  it("lists users and open invitations to a coordinator", async () => {
    await inviteThroughRoute({ email: uniqueEmail("listed"), role: "viewer" });
    const outcome = await call(adminUsers.loader, get("/admin/users"), { user: coordinator });
    expect(outcome.status).toBe(200);
    const body = outcome.body as { users: { id: string }[]; invitations: { email: string }[]; title: string };
    expect(body.title).toBe("Users");
    expect(body.users.map((u) => u.id)).toContain(coordinator.id);
    expect(body.invitations.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|tokenHash/);
  });

  it("invites: the link is shown once, only its hash is stored", async () => {
    const municipality = await createMunicipality(db);
    const organisation = await createOrganisation(db);
    const email = uniqueEmail("official");
    const token = await inviteThroughRoute({
      email,
      role: "municipal_official",
      organisationId: organisation.id,
      municipalityIds: [municipality.id],
    });
    const [row] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ email, municipalityIds: [municipality.id], organisationId: organisation.id });
    // The page does not show it again.
    const page = await call(adminUsers.loader, get("/admin/users"), { user: coordinator });
    expect(JSON.stringify(page.body)).not.toContain(token);
  });

  it("refuses invalid input with field errors, values kept", async () => {
    const taken = await call(
      adminUsers.action,
      post("/admin/users", { intent: "invite", email: coordinator.email.toUpperCase(), role: "viewer" }),
      { user: coordinator },
    );
    expect(taken.status).toBe(400);
    expect(resultOf(taken)?.error?.email).toEqual(["validation.emailTaken"]);

    const noScope = await call(
      adminUsers.action,
      post("/admin/users", { intent: "invite", email: uniqueEmail(), role: "municipal_official" }),
      { user: coordinator },
    );
    expect(noScope.status).toBe(400);
    expect(resultOf(noScope)?.error?.municipalityIds).toEqual(["validation.scopeRequired"]);

    const unknown = await call(
      adminUsers.action,
      post("/admin/users", {
        intent: "invite",
        email: uniqueEmail(),
        role: "municipal_official",
        municipalityIds: crypto.randomUUID(),
      }),
      { user: coordinator },
    );
    expect(unknown.status).toBe(400);
    expect(resultOf(unknown)?.error?.municipalityIds).toEqual(["validation.invalidChoice"]);
  });
});

// --- /admin/users/:id ----------------------------------------------------------------------------

describe("/admin/users/:id", () => {
  function callUser(fn: RouteFunction, id: string, fields?: Record<string, string | string[]>) {
    const request = fields ? post(`/admin/users/${id}`, fields) : get(`/admin/users/${id}`);
    return call(fn, request, { user: coordinator, params: { id } });
  }

  it("answers 404 for an id that is not a user", async () => {
    expect(await callUser(adminUser.loader, "not-a-uuid")).toMatchObject({ status: 404, thrown: true });
    expect(await callUser(adminUser.loader, crypto.randomUUID())).toMatchObject({
      status: 404,
      thrown: true,
    });
    expect(await callUser(adminUser.action, crypto.randomUUID(), { intent: "disable" })).toMatchObject({
      status: 404,
      thrown: true,
    });
  });

  it("updates with the version read; a stale version is refused with a clear message", async () => {
    const user = await createUser(db, { role: "viewer" });
    const page = await callUser(adminUser.loader, user.id);
    expect(page.body).toMatchObject({ user: { id: user.id, version: user.version } });

    const saved = await callUser(adminUser.action, user.id, {
      intent: "update",
      version: String(user.version),
      role: "organiser",
      organisationId: "",
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ notice: "admin.users.edit.saved" });

    const stale = await callUser(adminUser.action, user.id, {
      intent: "update",
      version: String(user.version),
      role: "coordinator",
    });
    expect(stale.status).toBe(409);
    expect(resultOf(stale)?.error?.[""]).toEqual(["admin.users.errors.stale"]);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ role: "organiser", version: user.version + 1 });
  });

  it("disables (sessions end) and enables again; issues a reset link shown once", async () => {
    const user = await createUser(db, { role: "viewer", passwordHash });
    const session = await createSession(db, user.id);
    const disabled = await callUser(adminUser.action, user.id, { intent: "disable" });
    expect(disabled.body).toMatchObject({ notice: "admin.users.edit.disabled" });
    expect(await validateSessionToken(db, session.token)).toBeNull();
    const refused = await callUser(adminUser.action, user.id, { intent: "reset" });
    expect(refused).toMatchObject({ status: 409, body: { error: "admin.users.errors.resetDisabled" } });
    const enabled = await callUser(adminUser.action, user.id, { intent: "enable" });
    expect(enabled.body).toMatchObject({ notice: "admin.users.edit.enabled" });

    const issued = await callUser(adminUser.action, user.id, { intent: "reset" });
    const link = (issued.body as { reset: { link: string } }).reset.link;
    expect(link).toMatch(/^http:\/\/localhost\/reset\/[a-z2-7]{32}$/);
  });

  it("refuses to disable or demote the last active coordinator", async () => {
    // Only one active coordinator in this database from here on.
    await db.update(users).set({ role: "viewer" }).where(eq(users.role, "coordinator"));
    await db.update(users).set({ role: "coordinator" }).where(eq(users.id, coordinator.id));
    const [me] = await db.select().from(users).where(eq(users.id, coordinator.id));
    const disable = await callUser(adminUser.action, coordinator.id, { intent: "disable" });
    expect(disable).toMatchObject({
      status: 409,
      body: { error: "admin.users.errors.lastCoordinatorDisable" },
    });
    const demote = await callUser(adminUser.action, coordinator.id, {
      intent: "update",
      version: String(me?.version),
      role: "viewer",
    });
    expect(demote.status).toBe(409);
    expect(resultOf(demote)?.error?.[""]).toEqual(["admin.users.errors.lastCoordinatorRole"]);
  });
});

// --- /invite/:token --------------------------------------------------------------------------------

describe("/invite/:token", () => {
  function callInvite(fn: RouteFunction, token: string, fields?: Record<string, string>, clientIp?: string) {
    const request = fields ? post(`/invite/${token}`, fields) : get(`/invite/${token}`);
    return call(fn, request, { params: { token }, ...(clientIp ? { clientIp } : {}) });
  }

  it("shows a valid invitation, and answers 404 for an unknown link", async () => {
    const email = uniqueEmail("shown");
    const token = await inviteThroughRoute({ email, role: "organiser" });
    const page = await callInvite(invite.loader, token);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ invitation: { email, role: "organiser" }, problem: null });
    const unknown = await callInvite(invite.loader, "abcdefghijklmnopqrstuvwxyz234567");
    expect(unknown).toMatchObject({ status: 404, body: { invitation: null, problem: "unknown" } });
  });

  it("accepting creates the account with its scope, signs in and sends to /; a second use answers 410", async () => {
    const municipality = await createMunicipality(db);
    const email = uniqueEmail("joiner");
    const token = await inviteThroughRoute({
      email,
      role: "municipal_official",
      municipalityIds: [municipality.id],
    });
    const weak = await callInvite(invite.action, token, {
      name: "Joiner",
      password: "password1234",
      confirmPassword: "password1234",
    });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).not.toContain("password1234");

    const accepted = await callInvite(invite.action, token, {
      name: "Joiner",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/");
    const sessionToken = sessionTokenFrom(accepted);
    const validated = await validateSessionToken(db, sessionToken ?? "");
    expect(validated?.user).toMatchObject({
      email,
      name: "Joiner",
      role: "municipal_official",
      municipalityIds: [municipality.id],
    });
    const scope = await db
      .select()
      .from(userMunicipalities)
      .where(eq(userMunicipalities.userId, validated?.user.id ?? ""));
    expect(scope).toHaveLength(1);

    const again = await callInvite(invite.action, token, {
      name: "Again",
      password: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(again).toMatchObject({ status: 410, body: { problem: "used" } });
    expect(await callInvite(invite.loader, token)).toMatchObject({ status: 410, body: { problem: "used" } });
  });

  it("is rate-limited: 429 with Retry-After", async () => {
    process.env.AUTH_RATE_LIMIT = "3";
    const token = await inviteThroughRoute({ email: uniqueEmail("limited"), role: "viewer" });
    const ip = uniqueIp();
    const statuses: number[] = [];
    let last: RouteOutcome | undefined;
    for (let i = 0; i < 4; i++) {
      last = await callInvite(invite.action, token, { name: "", password: "x", confirmPassword: "y" }, ip);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(Number(last?.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(resultOf(must(last))?.error?.[""]).toEqual(["auth.tooManyAttempts"]);
  });
});

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("expected a value");
  return value;
}

// --- /reset/:token ----------------------------------------------------------------------------------

describe("/reset/:token", () => {
  it("sets the new password, ends the other sessions, signs in; the link then answers 410", async () => {
    const user = await createUser(db, { role: "viewer", passwordHash });
    const old = await createSession(db, user.id);
    const issued = await call(adminUser.action, post(`/admin/users/${user.id}`, { intent: "reset" }), {
      user: coordinator,
      params: { id: user.id },
    });
    const token = (issued.body as { reset: { link: string } }).reset.link.split("/reset/")[1] ?? "";

    const page = await call(reset.loader, get(`/reset/${token}`), { params: { token } });
    expect(page).toMatchObject({ status: 200, body: { reset: { email: user.email }, problem: null } });

    const mismatch = await call(
      reset.action,
      post(`/reset/${token}`, { password: NEW_PASSWORD, confirmPassword: "something else" }),
      { params: { token } },
    );
    expect(mismatch.status).toBe(400);
    expect(resultOf(mismatch)?.error?.confirmPassword).toEqual(["validation.password.mismatch"]);

    const done = await call(
      reset.action,
      post(`/reset/${token}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      { params: { token } },
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/");
    expect(await validateSessionToken(db, old.token)).toBeNull();
    expect((await validateSessionToken(db, sessionTokenFrom(done) ?? ""))?.user.id).toBe(user.id);
    expect(await sessionCount(user.id)).toBe(1);
    expect(await authenticate(db, user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });

    const again = await call(reset.loader, get(`/reset/${token}`), { params: { token } });
    expect(again).toMatchObject({ status: 410, body: { problem: "used" } });
  });

  it("an unknown link answers 404", async () => {
    const token = "abcdefghijklmnopqrstuvwxyz234567";
    expect(await call(reset.loader, get(`/reset/${token}`), { params: { token } })).toMatchObject({
      status: 404,
      body: { problem: "unknown" },
    });
  });
});

// --- /account ---------------------------------------------------------------------------------------

describe("/account", () => {
  it("sends anonymous visitors to sign in", async () => {
    const outcome = await call(account.loader, get("/account"));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("changes the password with the current one; other sessions end, this one stays", async () => {
    const user = await createUser(db, { role: "viewer", passwordHash });
    const current = await createSession(db, user.id);
    const other = await createSession(db, user.id);
    const options = { user, sessionId: current.sessionId };

    const wrong = await call(
      account.action,
      post("/account", {
        intent: "password",
        currentPassword: "not my password at all",
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
      options,
    );
    expect(wrong.status).toBe(400);
    expect(resultOf(wrong)?.error?.currentPassword).toEqual(["account.password.wrong"]);
    expect(await validateSessionToken(db, other.token)).not.toBeNull();

    const changed = await call(
      account.action,
      post("/account", {
        intent: "password",
        currentPassword: PASSWORD,
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      }),
      options,
    );
    expect(changed).toMatchObject({ status: 200, body: { notice: "account.password.saved" } });
    expect(JSON.stringify(changed.body)).not.toContain(NEW_PASSWORD);
    expect(await validateSessionToken(db, other.token)).toBeNull();
    expect(await validateSessionToken(db, current.token)).not.toBeNull();
  });

  it("changes the name, and the language (stored, and the language cookie set)", async () => {
    const user = await createUser(db, { role: "organiser", name: "Before" });
    const named = await call(account.action, post("/account", { intent: "name", name: "After" }), { user });
    expect(named.body).toMatchObject({ notice: "account.name.saved" });
    const language = await call(account.action, post("/account", { intent: "language", locale: "fr" }), {
      user,
    });
    expect(language.status).toBe(302);
    expect(language.headers.getSetCookie().some((c) => c.startsWith(`${localeCookie.name}=`))).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ name: "After", locale: "fr" });
    const page = await call(account.loader, get("/account"), { user: { ...user, name: "After" } });
    expect(page.body).toMatchObject({ account: { name: "After", email: user.email } });
  });
});
