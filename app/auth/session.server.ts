// Sessions after Lucia's guide (docs/decisions/0003): the cookie holds a random token; the
// database holds its SHA-256 as the session id; 30 days, renewed when half-way through.
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { sessions, userMunicipalities, users } from "~/db/schema";
import type { Locale, UserRole } from "~/lib/enums";
import { generateToken, hashToken } from "./tokens.server";

export const SESSION_COOKIE = "trellis_session";
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Renew a session when less than this is left (sliding expiry). */
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;

/** The signed-in user as loaders and actions see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
  /** The chosen interface language; null: none (follow the browser). */
  locale: Locale | null;
  /** Municipalities in a municipal official's scope. */
  municipalityIds: string[];
  sessionId: string;
}

export interface CreatedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: string, now = new Date()): Promise<CreatedSession> {
  const token = generateToken();
  const sessionId = hashToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.insert(sessions).values({ id: sessionId, userId, expiresAt });
  return { token, sessionId, expiresAt };
}

export interface ValidatedSession {
  user: AuthUser;
  expiresAt: Date;
  /** The expiry moved forward: send the cookie again with the new expiry. */
  renewed: boolean;
}

/**
 * The session's user, looked up on every request: its SQL is built once per database handle
 * (docs/decisions/0032), not on every call.
 */
const sessionLookup = preparedPerDb((db) =>
  prepared(
    db
      .select({
        expiresAt: sessions.expiresAt,
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        organisationId: users.organisationId,
        locale: users.locale,
        disabledAt: users.disabledAt,
        archivedAt: users.archivedAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("sessionId"))),
  ),
);

/** The user behind a session token, or null (unknown, expired, or the user is disabled). */
export async function validateSessionToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const [row] = await sessionLookup(db).execute({ sessionId });
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime() || row.disabledAt || row.archivedAt) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BELOW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
    renewed = true;
  }
  const scope =
    row.role === "municipal_official"
      ? await db
          .select({ municipalityId: userMunicipalities.municipalityId })
          .from(userMunicipalities)
          .where(eq(userMunicipalities.userId, row.id))
      : [];
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      organisationId: row.organisationId,
      locale: row.locale,
      municipalityIds: scope.map((s) => s.municipalityId),
      sessionId,
    },
    expiresAt,
    renewed,
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Sign a user out everywhere, or everywhere but the session in hand. */
export async function invalidateUserSessions(
  db: Db,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    );
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

// --- the cookie -------------------------------------------------------------------------------

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      // Tokens are base32: anything else is not ours.
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

function secureFlag(request: Request): string {
  return new URL(request.url).protocol === "https:" ? "; Secure" : "";
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Expires=${expiresAt.toUTCString()}${secureFlag(request)}`;
}

export function clearedSessionCookie(request: Request): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secureFlag(request)}`;
}
