// Password reset links: a coordinator issues a one-time link for a user (shown once, only its
// SHA-256 stored); using it sets a new password and ends every session of the account.
import { and, eq, gt, isNull } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { invalidateUserSessions } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db/client.server";
import { passwordResets, users, type PasswordReset, type User } from "~/db/schema";
import { recordAudit } from "./audit.server";
import { one } from "~/db/rows.server";

import { lockUser, TOKEN_SHAPE, type TokenProblem } from "./accounts.server";

const HOUR_MS = 60 * 60 * 1000;
export const PASSWORD_RESET_LIFETIME_MS = 24 * HOUR_MS;

/** What a reset row looks like in the audit log: never the token hash. */
export function auditablePasswordReset(reset: PasswordReset) {
  const { tokenHash: _tokenHash, ...rest } = reset;
  return rest;
}

export type IssueResetResult =
  { ok: true; token: string; reset: PasswordReset } | { ok: false; reason: "notFound" | "disabled" };

/**
 * A one-time reset link for a user (there is no e-mail: the coordinator passes it on). A new link
 * replaces the ones issued before it.
 */
export async function issuePasswordReset(
  db: Db,
  actor: { id: string },
  userId: string,
  now = new Date(),
): Promise<IssueResetResult> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) return { ok: false, reason: "notFound" } as const;
    if (user.disabledAt) return { ok: false, reason: "disabled" } as const;
    const superseded = await tx
      .update(passwordResets)
      .set({ expiresAt: now })
      .where(
        and(
          eq(passwordResets.userId, userId),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning();
    const token = generateToken();
    const reset = one(
      await tx
        .insert(passwordResets)
        .values({
          tokenHash: hashToken(token),
          userId,
          createdBy: actor.id,
          expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS),
        })
        .returning(),
    );
    await recordAudit(tx, actor, [
      ...superseded.map((old) => ({
        action: "update" as const,
        entityType: "password_reset",
        entityId: old.id,
        // The old expiry is gone from the row: the audit entry says it was cut short.
        before: { expiresAt: null },
        after: { expiresAt: old.expiresAt, supersededBy: reset.id },
      })),
      {
        action: "create" as const,
        entityType: "password_reset",
        entityId: reset.id,
        after: auditablePasswordReset(reset),
      },
    ]);
    return { ok: true, token, reset } as const;
  });
}

export interface ResetView {
  email: string;
  name: string;
  expiresAt: Date;
}

export type ResetLookup = { ok: true; reset: ResetView } | { ok: false; reason: TokenProblem };

/** The reset behind a link, if it can still be used (a disabled account's links cannot). */
export async function findPasswordReset(db: Db, token: string, now = new Date()): Promise<ResetLookup> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({
      email: users.email,
      name: users.name,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      disabledAt: users.disabledAt,
      archivedAt: users.archivedAt,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  if (!row || row.disabledAt || row.archivedAt) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, reset: { email: row.email, name: row.name, expiresAt: row.expiresAt } };
}

export type ResetResult = { ok: true; user: User } | { ok: false; reason: TokenProblem };

/** Set a new password through a reset link: the link is used up and every session of the user ends. */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<ResetResult> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "unknown" };
  const passwordHash = await hashPassword(password);
  const tokenHash = hashToken(token);
  return db.transaction(async (tx) => {
    // Lock the user before the reset row, in the order issuePasswordReset takes them (no deadlock).
    const [link] = await tx
      .select({ userId: passwordResets.userId })
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, tokenHash));
    if (!link) return { ok: false, reason: "unknown" } as const;
    const user = await lockUser(tx, link.userId);
    if (!user || user.disabledAt) return { ok: false, reason: "unknown" } as const;
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, tokenHash))
      .for("update");
    if (!reset) return { ok: false, reason: "unknown" } as const;
    if (reset.usedAt) return { ok: false, reason: "used" } as const;
    if (reset.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" } as const;
    const updated = one(
      await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).returning(),
    );
    await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, reset.id));
    await invalidateUserSessions(tx, user.id);
    await recordAudit(tx, { id: user.id }, [
      {
        action: "update",
        entityType: "password_reset",
        entityId: reset.id,
        before: { usedAt: null },
        after: { usedAt: now },
      },
      {
        action: "update",
        entityType: "user",
        entityId: user.id,
        // Never the hashes: only that the password changed, and how.
        after: { passwordChanged: true, via: "password_reset", sessionsRevoked: "all" },
      },
    ]);
    return { ok: true, user: updated } as const;
  });
}
