import { count, eq, sql } from "drizzle-orm";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "~/auth/password.server";
import type { Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";
import type { SetupInput } from "~/lib/validation/account";
import { recordAudit } from "./audit.server";

/** A user row as the audit log keeps it: never the password hash or a token hash. */
export function auditableUser(user: User) {
  const { passwordHash: _passwordHash, calendarTokenHash: _calendarTokenHash, ...rest } = user;
  return rest;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return user;
}

/**
 * The user with this email and password, or null. An unknown email costs the same hashing work as
 * a wrong password, and both answer null: the caller shows one message for both.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  if (!user) return verifyAgainstDummy(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabledAt || user.archivedAt) return null;
  if (needsRehash(user.passwordHash)) {
    // The configured cost went up since this hash was made: upgrade it while we have the password.
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, user.id));
  }
  return user;
}

export type SetupResult = { ok: true; user: User } | { ok: false; reason: "alreadySetUp" };

/** The first account: a coordinator. Refused once any user exists (also against a concurrent setup). */
export async function createFirstCoordinator(db: Db, input: SetupInput): Promise<SetupResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Two setups at once must not both see an empty table.
    await tx.execute(sql`lock table ${users} in share row exclusive mode`);
    if ((await countUsers(tx)) > 0) return { ok: false, reason: "alreadySetUp" } as const;
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        role: "coordinator",
        organisationId: input.organisationId ?? null,
      })
      .returning();
    if (!user) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      { id: user.id },
      {
        action: "create",
        entityType: "user",
        entityId: user.id,
        after: auditableUser(user),
      },
    );
    return { ok: true, user } as const;
  });
}
