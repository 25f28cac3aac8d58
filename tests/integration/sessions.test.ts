// Sessions after Lucia's design (app/auth/session.server.ts, app/auth/tokens.server.ts):
// the token lives in the cookie, its SHA-256 in the database.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_BELOW_MS,
  sessionCookie,
  validateSessionToken,
} from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { sessions, users } from "~/db/schema";
import { createUser, linkUserMunicipality } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();
const DAY = 24 * 60 * 60 * 1000;
const BASE32 = /^[a-z2-7]{32}$/;

function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

async function sessionRow(id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

async function sessionIdsOf(userId: string): Promise<string[]> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((r) => r.id).sort();
}

describe("tokens", () => {
  it("are 160 random bits in lowercase base32 without padding: 32 characters", () => {
    const tokens = Array.from({ length: 200 }, () => generateToken());
    for (const token of tokens) expect(token).toMatch(BASE32);
    expect(new Set(tokens).size).toBe(tokens.length);
    // 200 x 32 characters: every base32 symbol shows up (a broken generator would not).
    expect(new Set(tokens.join("")).size).toBe(32);
  });

  it("hash to their SHA-256, hex", () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(sha256Hex(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("createSession", () => {
  it("stores the SHA-256 of the token as the id, and never the token itself", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id);
    expect(session.token).toMatch(BASE32);
    expect(session.sessionId).toBe(sha256Hex(session.token));

    const row = await sessionRow(session.sessionId);
    expect(row?.userId).toBe(user.id);
    expect(await sessionRow(session.token)).toBeUndefined();
    // Not in any column of any session row.
    const dump = JSON.stringify(await db.select().from(sessions));
    expect(dump).toContain(session.sessionId);
    expect(dump).not.toContain(session.token);
  });

  it("expires 30 days after creation", async () => {
    const user = await createUser(db);
    const now = new Date("2030-03-01T12:00:00Z");
    const session = await createSession(db, user.id, now);
    expect(SESSION_LIFETIME_MS).toBe(30 * DAY);
    expect(session.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
    expect((await sessionRow(session.sessionId))?.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
  });
});

describe("validateSessionToken", () => {
  it("answers the user, with the municipalities in scope of a municipal official", async () => {
    const official = await createUser(db, { role: "municipal_official", locale: "fr" });
    const a = await linkUserMunicipality(db, { userId: official.id });
    const b = await linkUserMunicipality(db, { userId: official.id });
    const session = await createSession(db, official.id);

    const validated = await validateSessionToken(db, session.token);
    expect(validated).not.toBeNull();
    expect(validated?.renewed).toBe(false);
    expect(validated?.expiresAt.getTime()).toBe(session.expiresAt.getTime());
    expect(validated?.user).toMatchObject({
      id: official.id,
      email: official.email,
      name: official.name,
      role: "municipal_official",
      organisationId: null,
      locale: "fr",
      sessionId: session.sessionId,
    });
    expect([...(validated?.user.municipalityIds ?? [])].sort()).toEqual(
      [a.municipalityId, b.municipalityId].sort(),
    );
  });

  it("gives no municipalities to other roles", async () => {
    const coordinator = await createUser(db, { role: "coordinator" });
    const session = await createSession(db, coordinator.id);
    const validated = await validateSessionToken(db, session.token);
    expect(validated?.user.role).toBe("coordinator");
    expect(validated?.user.municipalityIds).toEqual([]);
  });

  it("answers null for an unknown token, and for the session id used as a token", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id);
    expect(await validateSessionToken(db, generateToken())).toBeNull();
    expect(await validateSessionToken(db, session.sessionId)).toBeNull();
    // The real session is untouched.
    expect(await sessionRow(session.sessionId)).toBeDefined();
  });

  it("answers null for an expired session and deletes its row", async () => {
    const user = await createUser(db);
    const created = new Date("2030-01-01T00:00:00Z");
    const session = await createSession(db, user.id, created);
    const later = new Date(session.expiresAt.getTime() + 1000);
    expect(await validateSessionToken(db, session.token, later)).toBeNull();
    expect(await sessionRow(session.sessionId)).toBeUndefined();
  });

  it("treats the exact expiry instant as expired", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id, new Date("2030-01-01T00:00:00Z"));
    expect(await validateSessionToken(db, session.token, session.expiresAt)).toBeNull();
    expect(await sessionRow(session.sessionId)).toBeUndefined();
  });

  it("answers null for a session created in the past and now over (default `now`)", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id, new Date(Date.now() - 31 * DAY));
    expect(await validateSessionToken(db, session.token)).toBeNull();
    expect(await sessionRow(session.sessionId)).toBeUndefined();
  });

  it("renews a session with less than 15 days left: 30 days from now", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id, new Date("2030-01-01T00:00:00Z"));
    const now = new Date(session.expiresAt.getTime() - 10 * DAY);
    const validated = await validateSessionToken(db, session.token, now);
    expect(validated?.renewed).toBe(true);
    expect(validated?.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
    expect((await sessionRow(session.sessionId))?.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
    // The same token keeps working.
    expect((await validateSessionToken(db, session.token, now))?.renewed).toBe(false);
  });

  it("does not renew a young session", async () => {
    const user = await createUser(db);
    const created = new Date("2030-01-01T00:00:00Z");
    const session = await createSession(db, user.id, created);
    const validated = await validateSessionToken(db, session.token, new Date(created.getTime() + DAY));
    expect(validated?.renewed).toBe(false);
    expect(validated?.expiresAt.getTime()).toBe(session.expiresAt.getTime());
    expect((await sessionRow(session.sessionId))?.expiresAt.getTime()).toBe(session.expiresAt.getTime());
  });

  it("renews only below the threshold (exactly 15 days left: not yet)", async () => {
    expect(SESSION_RENEW_BELOW_MS).toBe(15 * DAY);
    const user = await createUser(db);
    const session = await createSession(db, user.id, new Date("2030-01-01T00:00:00Z"));
    const atThreshold = new Date(session.expiresAt.getTime() - 15 * DAY);
    expect((await validateSessionToken(db, session.token, atThreshold))?.renewed).toBe(false);
    const justBelow = new Date(atThreshold.getTime() + 1000);
    expect((await validateSessionToken(db, session.token, justBelow))?.renewed).toBe(true);
  });

  it("answers null for a disabled user and deletes the session", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await validateSessionToken(db, session.token)).toBeNull();
    expect(await sessionRow(session.sessionId)).toBeUndefined();
  });

  it("answers null for an archived user and deletes the session", async () => {
    const user = await createUser(db);
    const session = await createSession(db, user.id);
    await db.update(users).set({ archivedAt: new Date() }).where(eq(users.id, user.id));
    expect(await validateSessionToken(db, session.token)).toBeNull();
    expect(await sessionRow(session.sessionId)).toBeUndefined();
  });
});

describe("revocation", () => {
  it("invalidateSession deletes that session only", async () => {
    const user = await createUser(db);
    const one = await createSession(db, user.id);
    const two = await createSession(db, user.id);
    await invalidateSession(db, one.sessionId);
    expect(await validateSessionToken(db, one.token)).toBeNull();
    expect(await validateSessionToken(db, two.token)).not.toBeNull();
  });

  it("invalidateUserSessions signs a user out everywhere, leaving other users alone", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    await createSession(db, user.id);
    await createSession(db, user.id);
    const others = await createSession(db, other.id);
    await invalidateUserSessions(db, user.id);
    expect(await sessionIdsOf(user.id)).toEqual([]);
    expect(await sessionIdsOf(other.id)).toEqual([others.sessionId]);
  });

  it("invalidateUserSessions keeps the session in hand when asked (password change)", async () => {
    const user = await createUser(db);
    const current = await createSession(db, user.id);
    const elsewhere = await createSession(db, user.id);
    const third = await createSession(db, user.id);
    await invalidateUserSessions(db, user.id, current.sessionId);
    expect(await sessionIdsOf(user.id)).toEqual([current.sessionId]);
    expect(await validateSessionToken(db, current.token)).not.toBeNull();
    expect(await validateSessionToken(db, elsewhere.token)).toBeNull();
    expect(await validateSessionToken(db, third.token)).toBeNull();
  });

  it("deleteExpiredSessions removes only expired sessions", async () => {
    const user = await createUser(db);
    const old = await createSession(db, user.id, new Date(Date.now() - 40 * DAY));
    const fresh = await createSession(db, user.id);
    await deleteExpiredSessions(db);
    expect(await sessionRow(old.sessionId)).toBeUndefined();
    expect(await sessionRow(fresh.sessionId)).toBeDefined();
  });
});

describe("readSessionToken", () => {
  const token = generateToken();
  const withCookie = (cookie: string | null) =>
    new Request("http://localhost/", cookie === null ? {} : { headers: { Cookie: cookie } });

  it("finds the token among other cookies", () => {
    expect(readSessionToken(withCookie(`${SESSION_COOKIE}=${token}`))).toBe(token);
    expect(readSessionToken(withCookie(`lng=fr; ${SESSION_COOKIE}=${token}; theme=dark`))).toBe(token);
    expect(readSessionToken(withCookie(`a=b;${SESSION_COOKIE}=${token}`))).toBe(token);
  });

  it("answers null without a cookie, or without ours", () => {
    expect(readSessionToken(withCookie(null))).toBeNull();
    expect(readSessionToken(withCookie(""))).toBeNull();
    expect(readSessionToken(withCookie(`lng=fr; x${SESSION_COOKIE}=${token}`))).toBeNull();
    expect(readSessionToken(withCookie(`${SESSION_COOKIE}x=${token}`))).toBeNull();
  });

  it("answers null for a value that is not a token", () => {
    for (const value of [
      "",
      "short",
      token.toUpperCase(),
      `${token}=`,
      "<script>alert(1)</script>",
      "' or 1=1 --",
      "0189".repeat(8), // 0, 1, 8, 9 are not base32
      "a".repeat(65),
    ]) {
      expect(readSessionToken(withCookie(`${SESSION_COOKIE}=${value}`)), value).toBeNull();
    }
  });
});

describe("the session cookie", () => {
  const token = generateToken();
  const expiresAt = new Date("2030-05-01T10:00:00Z");

  function attributes(cookie: string): string[] {
    return cookie.split(";").map((part) => part.trim());
  }

  it("is HttpOnly, SameSite=Lax, Path=/, and expires with the session", () => {
    const cookie = sessionCookie(new Request("http://localhost:3000/login"), token, expiresAt);
    const parts = attributes(cookie);
    expect(parts[0]).toBe(`${SESSION_COOKIE}=${token}`);
    expect(parts).toContain("HttpOnly");
    expect(parts).toContain("SameSite=Lax");
    expect(parts).toContain("Path=/");
    expect(parts).toContain(`Expires=${expiresAt.toUTCString()}`);
    expect(parts).not.toContain("Secure");
  });

  it("is Secure when served over https", () => {
    const parts = attributes(
      sessionCookie(new Request("https://trellis.example.org/login"), token, expiresAt),
    );
    expect(parts).toContain("Secure");
    expect(parts).toContain("HttpOnly");
  });

  it("is cleared with an empty value and Max-Age=0, with the same attributes", () => {
    const cleared = attributes(clearedSessionCookie(new Request("http://localhost/logout")));
    expect(cleared[0]).toBe(`${SESSION_COOKIE}=`);
    expect(cleared).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0"]));
    expect(cleared).not.toContain("Secure");
    expect(attributes(clearedSessionCookie(new Request("https://trellis.example.org/logout")))).toContain(
      "Secure",
    );
  });

  it("round-trips: the cookie it sets is read back", () => {
    const cookie = sessionCookie(new Request("http://localhost/"), token, expiresAt);
    const pair = cookie.split(";")[0] ?? "";
    expect(readSessionToken(new Request("http://localhost/", { headers: { Cookie: pair } }))).toBe(token);
  });
});
