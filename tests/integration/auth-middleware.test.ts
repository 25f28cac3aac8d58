// The root auth middleware (app/middleware/auth.server.ts): cookie → user, renewal, cleared
// cookies, and a 503 when the database does not answer.
import { eq } from "drizzle-orm";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { userContext } from "~/auth/context";
import { type AuthUser, createSession, SESSION_COOKIE } from "~/auth/session.server";
import { generateToken } from "~/auth/tokens.server";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import { sessions, users } from "~/db/schema";
import { authMiddleware } from "~/middleware/auth.server";
import { createUser, linkUserMunicipality } from "../factories";
import { closedDatabase, testDb } from "../helpers/db";

const { db } = await testDb();
const DAY = 24 * 60 * 60 * 1000;

interface Outcome {
  response: Response;
  /** The user the downstream handler saw. */
  seen: AuthUser | null;
  nextCalls: number;
}

async function run(
  database: Db,
  cookie: string | null,
  url = "http://localhost/partnerships",
): Promise<Outcome> {
  const request = new Request(url, cookie === null ? {} : { headers: { Cookie: cookie } });
  const context = new RouterContextProvider();
  context.set(dbContext, database);
  let seen: AuthUser | null = null;
  const next = vi.fn(async () => {
    seen = context.get(userContext);
    return new Response("page", { headers: { "Content-Type": "text/plain" } });
  });
  const args = { request, context, params: {}, url: new URL(url), pattern: "/" } as unknown as Parameters<
    MiddlewareFunction<Response>
  >[0];
  const response = await authMiddleware(args, next);
  if (!(response instanceof Response)) throw new Error("the middleware must answer the response");
  return { response, seen, nextCalls: next.mock.calls.length };
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

async function sessionExpiry(id: string): Promise<Date | undefined> {
  const [row] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, id));
  return row?.expiresAt;
}

describe("authMiddleware", () => {
  it("leaves an anonymous request anonymous, without touching the database or cookies", async () => {
    const gone = await closedDatabase();
    const outcome = await run(gone.db, "lng=fr");
    expect(outcome.seen).toBeNull();
    expect(outcome.nextCalls).toBe(1);
    expect(setCookies(outcome.response)).toEqual([]);
    expect(await outcome.response.text()).toBe("page");
  });

  it("sets userContext for a valid session cookie, without re-sending a young cookie", async () => {
    const official = await createUser(db, { role: "municipal_official" });
    const link = await linkUserMunicipality(db, { userId: official.id });
    const session = await createSession(db, official.id);
    const outcome = await run(db, `lng=en; ${SESSION_COOKIE}=${session.token}`);
    expect(outcome.nextCalls).toBe(1);
    expect(outcome.seen).toMatchObject({
      id: official.id,
      role: "municipal_official",
      municipalityIds: [link.municipalityId],
      sessionId: session.sessionId,
    });
    expect(setCookies(outcome.response)).toEqual([]);
  });

  it("appends a renewed cookie (same token, new expiry) when the session is renewed", async () => {
    const user = await createUser(db);
    // Created 20 days ago: 10 days left, under the 15-day threshold.
    const session = await createSession(db, user.id, new Date(Date.now() - 20 * DAY));
    const before = Date.now();
    const outcome = await run(db, `${SESSION_COOKIE}=${session.token}`);
    expect(outcome.seen?.id).toBe(user.id);
    const cookies = setCookies(outcome.response);
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? "";
    expect(cookie.startsWith(`${SESSION_COOKIE}=${session.token};`)).toBe(true);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const expires = /Expires=([^;]+)/.exec(cookie)?.[1];
    const newExpiry = await sessionExpiry(session.sessionId);
    expect(newExpiry).toBeDefined();
    expect(newExpiry?.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY);
    // The cookie's expiry is the stored one (to the second: cookie dates have no milliseconds).
    expect(expires).toBe(newExpiry?.toUTCString());
  });

  it("keeps the downstream response's own Set-Cookie headers when appending", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id, new Date(Date.now() - 20 * DAY));
    const request = new Request("http://localhost/", {
      headers: { Cookie: `${SESSION_COOKIE}=${session.token}` },
    });
    const context = new RouterContextProvider();
    context.set(dbContext, db);
    const args = {
      request,
      context,
      params: {},
      url: new URL(request.url),
      pattern: "/",
    } as unknown as Parameters<MiddlewareFunction<Response>>[0];
    const response = await authMiddleware(args, async () => {
      const headers = new Headers();
      headers.append("Set-Cookie", "lng=fr; Path=/");
      return new Response("page", { headers });
    });
    if (!(response instanceof Response)) throw new Error("no response");
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toBe("lng=fr; Path=/");
    expect(cookies[1]?.startsWith(`${SESSION_COOKIE}=${session.token};`)).toBe(true);
  });

  it("clears a cookie that names no session, and the request stays anonymous", async () => {
    const outcome = await run(db, `${SESSION_COOKIE}=${generateToken()}`);
    expect(outcome.seen).toBeNull();
    expect(outcome.nextCalls).toBe(1);
    const cookies = setCookies(outcome.response);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cookies[0]).toContain("Max-Age=0");
  });

  it("clears the cookie of an expired session and of a disabled user", async () => {
    const user = await createUser(db);
    const expired = await createSession(db, user.id, new Date(Date.now() - 31 * DAY));
    const expiredOutcome = await run(db, `${SESSION_COOKIE}=${expired.token}`);
    expect(expiredOutcome.seen).toBeNull();
    expect(setCookies(expiredOutcome.response)[0]).toContain("Max-Age=0");

    const disabled = await createUser(db);
    const session = await createSession(db, disabled.id);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    const disabledOutcome = await run(db, `${SESSION_COOKIE}=${session.token}`);
    expect(disabledOutcome.seen).toBeNull();
    expect(setCookies(disabledOutcome.response)[0]).toContain("Max-Age=0");
    expect(await sessionExpiry(session.sessionId)).toBeUndefined();
  });

  it("sets Secure on the cookies it writes over https", async () => {
    const outcome = await run(db, `${SESSION_COOKIE}=${generateToken()}`, "https://trellis.example.org/");
    expect(setCookies(outcome.response)[0]).toMatch(/; Secure$/);
  });

  it("ignores a malformed cookie value (not a token): anonymous, nothing cleared", async () => {
    const outcome = await run(db, `${SESSION_COOKIE}=<script>`);
    expect(outcome.seen).toBeNull();
    expect(setCookies(outcome.response)).toEqual([]);
  });

  it("answers 503 (thrown data, no stack trace) when the database is closed", async () => {
    const gone = await closedDatabase();
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const thrown: unknown = await run(gone.db, `${SESSION_COOKIE}=${generateToken()}`).then(
        () => new Error("the middleware did not throw"),
        (error: unknown) => error,
      );
      expect(thrown).toMatchObject({ type: "DataWithResponseInit", data: null, init: { status: 503 } });
      expect(consoleError).toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });
});
