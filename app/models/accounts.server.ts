// User administration: the users list, accounts made by an operator, role/organisation/scope and
// disabling, and the checks the other account models share (invitations.server.ts,
// password-resets.server.ts, own-account.server.ts). Every mutation runs in one transaction with its
// audit entry.
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { invalidateUserSessions } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { municipalities, organisations, userMunicipalities, users, type User } from "~/db/schema";
import type { Locale, UserRole } from "~/lib/enums";
import { scopeFor } from "~/lib/validation/users";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { auditableUser, findUserByEmail } from "./users.server";
import { one } from "~/db/rows.server";

/** Tokens are base32 (see tokens.server.ts): anything else is not ours, and needs no query. */
export const TOKEN_SHAPE = /^[a-z2-7]{20,64}$/;

/** Why a link (invitation or reset) does not open. */
export type TokenProblem = "unknown" | "expired" | "used";

// --- reading ------------------------------------------------------------------------------------

export interface ScopeMunicipality {
  id: string;
  name: string;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
  organisationName: string | null;
  /** A municipal official's scope, by name. */
  municipalities: ScopeMunicipality[];
  disabledAt: Date | null;
  version: number;
  createdAt: Date;
}

const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  disabledAt: users.disabledAt,
  version: users.version,
  createdAt: users.createdAt,
};

async function scopesOf(db: Db, userIds: string[]): Promise<Map<string, ScopeMunicipality[]>> {
  const scopes = new Map<string, ScopeMunicipality[]>();
  if (userIds.length === 0) return scopes;
  const rows = await db
    .select({ userId: userMunicipalities.userId, id: municipalities.id, name: municipalities.name })
    .from(userMunicipalities)
    .innerJoin(municipalities, eq(municipalities.id, userMunicipalities.municipalityId))
    .where(inArray(userMunicipalities.userId, userIds))
    .orderBy(asc(municipalities.name));
  for (const { userId, id, name } of rows) {
    const list = scopes.get(userId) ?? [];
    list.push({ id, name });
    scopes.set(userId, list);
  }
  return scopes;
}

/** Every user (not archived), by name, with organisation and scope. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(isNull(users.archivedAt))
    .orderBy(asc(users.name), asc(users.id));
  const scopes = await scopesOf(
    db,
    rows.filter((r) => r.role === "municipal_official").map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, municipalities: scopes.get(row.id) ?? [] }));
}

export async function findUserSummary(db: Db, userId: string): Promise<UserSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), isNull(users.archivedAt)));
  if (!row) return null;
  const scopes = await scopesOf(db, [row.id]);
  return { ...row, municipalities: scopes.get(row.id) ?? [] };
}

/** Municipalities a municipal official can be given, by name. */
export async function municipalityOptions(db: Db) {
  return db
    .select({ id: municipalities.id, name: municipalities.name, countryCode: municipalities.countryCode })
    .from(municipalities)
    .where(isNull(municipalities.archivedAt))
    .orderBy(asc(municipalities.name), asc(municipalities.id));
}

// --- shared checks --------------------------------------------------------------------------------

export type AccessProblem = "unknownOrganisation" | "unknownMunicipality" | "scopeRequired";

export interface AccessInput {
  role: UserRole;
  organisationId?: string | null | undefined;
  municipalityIds: readonly string[];
}

/** The organisation and the municipalities must exist (and not be archived). */
export async function accessProblem(tx: Db, access: AccessInput): Promise<AccessProblem | null> {
  const scope = scopeFor(access.role, access.municipalityIds);
  if (access.role === "municipal_official" && scope.length === 0) return "scopeRequired";
  if (access.organisationId) {
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, access.organisationId), isNull(organisations.archivedAt)));
    if (!organisation) return "unknownOrganisation";
  }
  if (scope.length > 0) {
    const [found] = await tx
      .select({ n: count() })
      .from(municipalities)
      .where(and(inArray(municipalities.id, scope), isNull(municipalities.archivedAt)));
    if ((found?.n ?? 0) !== scope.length) return "unknownMunicipality";
  }
  return null;
}

export async function scopeIds(tx: Db, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: userMunicipalities.municipalityId })
    .from(userMunicipalities)
    .where(eq(userMunicipalities.userId, userId));
  return rows.map((r) => r.id).sort();
}

export async function replaceScope(tx: Db, userId: string, ids: readonly string[]): Promise<void> {
  await tx.delete(userMunicipalities).where(eq(userMunicipalities.userId, userId));
  if (ids.length > 0) {
    await tx.insert(userMunicipalities).values(ids.map((municipalityId) => ({ userId, municipalityId })));
  }
}

const activeCoordinator = and(
  eq(users.role, "coordinator"),
  isNull(users.disabledAt),
  isNull(users.archivedAt),
);

/**
 * Lock the rows of the active coordinators, always in the same order, before any change that could
 * remove one: two coordinators demoting each other at the same moment then run one after the
 * other, and the second sees that only one coordinator is left.
 */
export async function lockActiveCoordinators(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(activeCoordinator)
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}

export function isActiveCoordinator(user: User): boolean {
  return user.role === "coordinator" && !user.disabledAt && !user.archivedAt;
}

export async function lockUser(tx: Db, userId: string): Promise<User | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.archivedAt)))
    .for("update");
  return user;
}

/** A unique index refused the row (e.g. two accounts for one email, created at the same time). */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// --- creating accounts ----------------------------------------------------------------------------

export type CreateAccountResult =
  { ok: true; user: User } | { ok: false; reason: "emailTaken" | AccessProblem };

export interface NewAccount extends AccessInput {
  email: string;
  name: string;
  password: string;
  locale?: Locale | null;
}

export async function insertAccount(
  tx: Db,
  account: Omit<NewAccount, "password">,
  passwordHash: string,
): Promise<User> {
  const user = one(
    await tx
      .insert(users)
      .values({
        email: account.email,
        name: account.name,
        passwordHash,
        role: account.role,
        organisationId: account.organisationId ?? null,
        locale: account.locale ?? null,
      })
      .returning(),
  );
  await replaceScope(tx, user.id, scopeFor(account.role, account.municipalityIds));
  return user;
}

/** An account made by an operator (`npm run user:create`), with the same checks as the forms. */
export async function createAccount(db: Db, actor: Actor, input: NewAccount): Promise<CreateAccountResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      if (await findUserByEmail(tx, input.email)) return { ok: false, reason: "emailTaken" } as const;
      const problem = await accessProblem(tx, input);
      if (problem) return { ok: false, reason: problem } as const;
      const user = await insertAccount(tx, input, passwordHash);
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "user",
        entityId: user.id,
        after: { ...auditableUser(user), municipalityIds: scopeFor(user.role, input.municipalityIds) },
      });
      return { ok: true, user } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "emailTaken" };
    throw error;
  }
}

// --- administering users ------------------------------------------------------------------------------

export type UpdateUserResult =
  { ok: true; user: User } | { ok: false; reason: "notFound" | "stale" | "lastCoordinator" | AccessProblem };

/** Change a user's role, organisation and scope; refused on a stale version or for the last coordinator. */
export async function updateUserAccess(
  db: Db,
  actor: { id: string },
  userId: string,
  input: AccessInput & { version: number },
): Promise<UpdateUserResult> {
  return db.transaction(async (tx) => {
    const coordinators = await lockActiveCoordinators(tx);
    const before = await lockUser(tx, userId);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale" } as const;
    const problem = await accessProblem(tx, input);
    if (problem) return { ok: false, reason: problem } as const;
    if (isActiveCoordinator(before) && input.role !== "coordinator" && coordinators.length <= 1) {
      return { ok: false, reason: "lastCoordinator" } as const;
    }
    const scopeBefore = await scopeIds(tx, userId);
    const scopeAfter = scopeFor(input.role, input.municipalityIds).sort();
    const organisationId = input.organisationId ?? null;
    const unchanged =
      before.role === input.role &&
      before.organisationId === organisationId &&
      JSON.stringify(scopeBefore) === JSON.stringify(scopeAfter);
    if (unchanged) return { ok: true, user: before } as const;
    const after = one(
      await tx
        .update(users)
        .set({ role: input.role, organisationId, version: before.version + 1 })
        .where(eq(users.id, userId))
        .returning(),
    );
    await replaceScope(tx, userId, scopeAfter);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: userId,
      ...changedFields(
        { ...auditableUser(before), municipalityIds: scopeBefore },
        { ...auditableUser(after), municipalityIds: scopeAfter },
      ),
    });
    return { ok: true, user: after } as const;
  });
}

export type DisableResult = { ok: true; user: User } | { ok: false; reason: "notFound" | "lastCoordinator" };

/**
 * Disable a user (signed out everywhere at once) or enable them again. The last active coordinator
 * cannot be disabled: nobody could administer users any more.
 */
export async function setUserDisabled(
  db: Db,
  actor: { id: string },
  userId: string,
  disabled: boolean,
  now = new Date(),
): Promise<DisableResult> {
  return db.transaction(async (tx) => {
    const coordinators = disabled ? await lockActiveCoordinators(tx) : [];
    const before = await lockUser(tx, userId);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (Boolean(before.disabledAt) === disabled) return { ok: true, user: before } as const;
    if (disabled && isActiveCoordinator(before) && coordinators.length <= 1) {
      return { ok: false, reason: "lastCoordinator" } as const;
    }
    const after = one(
      await tx
        .update(users)
        .set({ disabledAt: disabled ? now : null, version: before.version + 1 })
        .where(eq(users.id, userId))
        .returning(),
    );
    if (disabled) await invalidateUserSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: userId,
      ...changedFields(auditableUser(before), auditableUser(after)),
    });
    return { ok: true, user: after } as const;
  });
}
