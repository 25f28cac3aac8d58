// Calendar (iCal) feeds: each user's secret calendar token, and the milestones a feed lists.
// The token (32 random bytes, base64url) is shown once, when created; the database keeps only its
// SHA-256 (users.calendar_token_hash), so a leaked table grants no feed. A token is looked up by its
// hash: the lookup's timing depends on the hash, never on how close a guess came to a real token.
// `userForCalendarToken` answers an AuthUser-shaped user so any feed (milestones now, follow-up
// actions later) checks permissions exactly as pages do. See docs/decisions/0017.
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, asc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { hashToken } from "~/auth/tokens.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { milestones, municipalities, pilots, userMunicipalities, users } from "~/db/schema";
import type { MilestoneStatus } from "~/lib/enums";
import { recordAudit, type Actor } from "./audit.server";
import { isUuid } from "~/lib/uuid";

/** 32 bytes in base64url without padding: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A fresh calendar token (256 bits of randomness). */
export function generateCalendarToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase64urlNoPadding(bytes);
}

/** Whether the user has a calendar token (its value cannot be shown again). */
export async function hasCalendarToken(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.calendarTokenHash)));
  return row !== undefined;
}

/**
 * Create the user's calendar token, or replace it (the old feed URLs stop working). Answers the
 * new token: the caller shows it once. The audit entry says that it changed, never the hash.
 */
export async function resetCalendarToken(db: Db, actor: Actor, userId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, hash: users.calendarTokenHash })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) return null;
    const token = generateCalendarToken();
    await tx
      .update(users)
      .set({ calendarTokenHash: hashToken(token), updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: userId,
      before: { calendarToken: before.hash === null ? "none" : "set" },
      after: { calendarToken: before.hash === null ? "created" : "reset" },
    });
    return token;
  });
}

/** Remove the user's calendar token: every feed URL stops working. */
export async function removeCalendarToken(db: Db, actor: Actor, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ hash: users.calendarTokenHash })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before || before.hash === null) return false;
    await tx
      .update(users)
      .set({ calendarTokenHash: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: userId,
      before: { calendarToken: "set" },
      after: { calendarToken: "none" },
    });
    return true;
  });
}

/**
 * The active user (neither disabled nor archived) holding this calendar token, shaped like a
 * signed-in user for the permission checks (`sessionId` is empty: the token stands for a session),
 * or null for a missing, malformed or unknown token.
 */
export async function userForCalendarToken(
  db: Db,
  token: string | null | undefined,
): Promise<AuthUser | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisationId: users.organisationId,
      locale: users.locale,
    })
    .from(users)
    .where(
      and(eq(users.calendarTokenHash, hashToken(token)), isNull(users.disabledAt), isNull(users.archivedAt)),
    );
  if (!row) return null;
  const scope =
    row.role === "municipal_official"
      ? await db
          .select({ municipalityId: userMunicipalities.municipalityId })
          .from(userMunicipalities)
          .where(eq(userMunicipalities.userId, row.id))
      : [];
  return { ...row, municipalityIds: scope.map((s) => s.municipalityId), sessionId: "" };
}

// --- what the milestone feeds list -----------------------------------------------------------------

export interface CalendarMilestone {
  id: string;
  pilotId: string;
  pilotName: string;
  title: string;
  description: string | null;
  dueOn: string | null;
  doneOn: string | null;
  status: MilestoneStatus;
  version: number;
  updatedAt: Date;
}

export interface MilestoneFeed {
  /** The pilot's or the municipality's name. */
  name: string;
  milestones: CalendarMilestone[];
}

const feedColumns = {
  id: milestones.id,
  pilotId: milestones.pilotId,
  pilotName: pilots.name,
  title: milestones.title,
  description: milestones.description,
  dueOn: milestones.dueOn,
  doneOn: milestones.doneOn,
  status: milestones.status,
  version: milestones.version,
  updatedAt: milestones.updatedAt,
};

/** Dated: a planned or a done date (undated milestones have no place in a calendar). */
const dated = or(isNotNull(milestones.dueOn), isNotNull(milestones.doneOn));

/** The pilot's dated milestones (not archived), or null for an unknown pilot. Two queries. */
export async function pilotMilestoneFeed(db: Db, pilotId: string): Promise<MilestoneFeed | null> {
  if (!isUuid(pilotId)) return null;
  const [pilot] = await db.select({ name: pilots.name }).from(pilots).where(eq(pilots.id, pilotId));
  if (!pilot) return null;
  const rows = await db
    .select(feedColumns)
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .where(and(eq(milestones.pilotId, pilotId), isNull(milestones.archivedAt), dated))
    .orderBy(asc(milestones.position), asc(milestones.id));
  return { name: pilot.name, milestones: rows };
}

/**
 * The dated milestones (not archived) of the municipality's pilots (archived pilots left out), or
 * null for an unknown municipality. Two queries whatever the number of pilots.
 */
export async function municipalityMilestoneFeed(
  db: Db,
  municipalityId: string,
): Promise<MilestoneFeed | null> {
  if (!isUuid(municipalityId)) return null;
  const [municipality] = await db
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  if (!municipality) return null;
  const rows = await db
    .select(feedColumns)
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .where(
      and(
        eq(pilots.municipalityId, municipalityId),
        isNull(pilots.archivedAt),
        isNull(milestones.archivedAt),
        dated,
      ),
    )
    .orderBy(asc(pilots.name), asc(milestones.position), asc(milestones.id));
  return { name: municipality.name, milestones: rows };
}
