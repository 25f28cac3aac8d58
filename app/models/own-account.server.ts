// The own account: name and password (the language preference is in preferences.server.ts).
import { eq } from "drizzle-orm";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { invalidateUserSessions, type AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";
import { recordAudit } from "./audit.server";
import { one } from "~/db/rows.server";

import { lockUser } from "./accounts.server";

// --- the own account --------------------------------------------------------------------------------

export async function updateOwnName(db: Db, user: AuthUser, name: string): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, user.id);
    if (!before) throw new Error("the signed-in user has no row");
    if (before.name === name) return before;
    const after = one(
      await tx
        .update(users)
        .set({ name, version: before.version + 1 })
        .where(eq(users.id, user.id))
        .returning(),
    );
    await recordAudit(tx, user, {
      action: "update",
      entityType: "user",
      entityId: user.id,
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: "wrongPassword" };

/** Change the own password (the current one is required); every other session of the user ends. */
export async function changeOwnPassword(
  db: Db,
  user: AuthUser,
  input: { currentPassword: string; password: string },
): Promise<ChangePasswordResult> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    return { ok: false, reason: "wrongPassword" };
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id, user.sessionId);
    await recordAudit(tx, user, {
      action: "update",
      entityType: "user",
      entityId: user.id,
      after: { passwordChanged: true, via: "account", sessionsRevoked: "others" },
    });
  });
  return { ok: true };
}
