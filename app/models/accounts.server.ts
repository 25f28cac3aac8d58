// User administration (invitations, role/organisation/scope, disabling, reset links) and the own
// account (name, password; the language preference is in preferences.server.ts). Every mutation
// runs in one transaction with its audit entry; tokens are returned once to the caller and only
// their SHA-256 is stored.
import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { invalidateUserSessions, type AuthUser } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db/client.server";
import {
  invitations,
  municipalities,
  organisations,
  passwordResets,
  userMunicipalities,
  users,
  type Invitation,
  type PasswordReset,
  type User,
} from "~/db/schema";
import type { Locale, UserRole } from "~/lib/enums";
import { scopeFor } from "~/lib/validation/users";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { auditableUser, findUserByEmail } from "./users.server";
import { one } from "~/db/rows.server";

const HOUR_MS = 60 * 60 * 1000;
export const INVITATION_LIFETIME_MS = 7 * 24 * HOUR_MS;
export const PASSWORD_RESET_LIFETIME_MS = 24 * HOUR_MS;
/** Expired invitations stay listed this long, so a coordinator sees who never accepted. */
const EXPIRED_INVITATIONS_SHOWN_MS = 30 * 24 * HOUR_MS;

/** Tokens are base32 (see tokens.server.ts): anything else is not ours, and needs no query. */
const TOKEN_SHAPE = /^[a-z2-7]{20,64}$/;

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

export interface PendingInvitation {
  id: string;
  email: string;
  role: UserRole;
  organisationName: string | null;
  expiresAt: Date;
  createdAt: Date;
  invitedByName: string | null;
  expired: boolean;
}

/** Invitations not accepted yet, newest first; expired ones only for a while. */
export async function listPendingInvitations(db: Db, now = new Date()): Promise<PendingInvitation[]> {
  const inviter = sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${invitations.invitedBy})`;
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organisationName: organisations.name,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: inviter,
    })
    .from(invitations)
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date(now.getTime() - EXPIRED_INVITATIONS_SHOWN_MS)),
      ),
    )
    .orderBy(desc(invitations.createdAt), asc(invitations.id))
    .limit(200);
  return rows.map((row) => ({ ...row, expired: row.expiresAt.getTime() <= now.getTime() }));
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

/** What an invitation row looks like in the audit log: never the token hash. */
export function auditableInvitation(invitation: Invitation) {
  const { tokenHash: _tokenHash, ...rest } = invitation;
  return rest;
}

/** What a reset row looks like in the audit log: never the token hash. */
export function auditablePasswordReset(reset: PasswordReset) {
  const { tokenHash: _tokenHash, ...rest } = reset;
  return rest;
}

export type AccessProblem = "unknownOrganisation" | "unknownMunicipality" | "scopeRequired";

export interface AccessInput {
  role: UserRole;
  organisationId?: string | null | undefined;
  municipalityIds: readonly string[];
}

/** The organisation and the municipalities must exist (and not be archived). */
async function accessProblem(tx: Db, access: AccessInput): Promise<AccessProblem | null> {
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

async function scopeIds(tx: Db, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: userMunicipalities.municipalityId })
    .from(userMunicipalities)
    .where(eq(userMunicipalities.userId, userId));
  return rows.map((r) => r.id).sort();
}

async function replaceScope(tx: Db, userId: string, ids: readonly string[]): Promise<void> {
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
async function lockActiveCoordinators(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(activeCoordinator)
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}

function isActiveCoordinator(user: User): boolean {
  return user.role === "coordinator" && !user.disabledAt && !user.archivedAt;
}

async function lockUser(tx: Db, userId: string): Promise<User | undefined> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.archivedAt)))
    .for("update");
  return user;
}

/** A unique index refused the row (e.g. two accounts for one email, created at the same time). */
function isUniqueViolation(error: unknown): boolean {
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

async function insertAccount(
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

// --- invitations ------------------------------------------------------------------------------------

export type InviteResult =
  { ok: true; token: string; invitation: Invitation } | { ok: false; reason: "emailTaken" | AccessProblem };

/** Invite someone: the returned token goes into the link shown once; only its hash is stored. */
export async function createInvitation(
  db: Db,
  actor: { id: string },
  input: AccessInput & { email: string },
  now = new Date(),
): Promise<InviteResult> {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) return { ok: false, reason: "emailTaken" } as const;
    const problem = await accessProblem(tx, input);
    if (problem) return { ok: false, reason: problem } as const;
    const token = generateToken();
    const invitation = one(
      await tx
        .insert(invitations)
        .values({
          tokenHash: hashToken(token),
          email: input.email,
          role: input.role,
          organisationId: input.organisationId ?? null,
          municipalityIds: scopeFor(input.role, input.municipalityIds),
          invitedBy: actor.id,
          expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        })
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "invitation",
      entityId: invitation.id,
      after: auditableInvitation(invitation),
    });
    return { ok: true, token, invitation } as const;
  });
}

export type TokenProblem = "unknown" | "expired" | "used";

export interface InvitationView {
  id: string;
  email: string;
  role: UserRole;
  organisationName: string | null;
  expiresAt: Date;
}

export type InvitationLookup = { ok: true; invitation: InvitationView } | { ok: false; reason: TokenProblem };

/** The invitation behind a link, if it can still be accepted. */
export async function findInvitation(db: Db, token: string, now = new Date()): Promise<InvitationLookup> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organisationName: organisations.name,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.acceptedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  const { acceptedAt: _acceptedAt, ...invitation } = row;
  return { ok: true, invitation };
}

export type AcceptResult = { ok: true; user: User } | { ok: false; reason: TokenProblem | "emailTaken" };

/**
 * The invitee sets name and password: the account gets the invitation's role, organisation and
 * scope, and the invitation is used up. The invitation row is locked, so two submissions of one
 * link cannot both create an account.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string; locale?: Locale },
  now = new Date(),
): Promise<AcceptResult> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "unknown" };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, hashToken(token)))
        .for("update");
      if (!invitation) return { ok: false, reason: "unknown" } as const;
      if (invitation.acceptedAt) return { ok: false, reason: "used" } as const;
      if (invitation.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" } as const;
      if (await findUserByEmail(tx, invitation.email)) return { ok: false, reason: "emailTaken" } as const;
      // A municipality archived since the invitation is left out of the scope.
      const scope =
        invitation.role === "municipal_official" && invitation.municipalityIds.length > 0
          ? (
              await tx
                .select({ id: municipalities.id })
                .from(municipalities)
                .where(
                  and(
                    inArray(municipalities.id, invitation.municipalityIds),
                    isNull(municipalities.archivedAt),
                  ),
                )
            ).map((m) => m.id)
          : [];
      const user = await insertAccount(
        tx,
        {
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          organisationId: invitation.organisationId,
          municipalityIds: scope,
          locale: input.locale ?? null,
        },
        passwordHash,
      );
      const accepted = one(
        await tx
          .update(invitations)
          .set({ acceptedAt: now })
          .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
          .returning(),
      );
      const actor = { id: user.id };
      await recordAudit(tx, actor, [
        {
          action: "create",
          entityType: "user",
          entityId: user.id,
          after: { ...auditableUser(user), municipalityIds: scope, invitationId: invitation.id },
        },
        {
          action: "update",
          entityType: "invitation",
          entityId: invitation.id,
          before: { acceptedAt: invitation.acceptedAt },
          after: { acceptedAt: accepted.acceptedAt, userId: user.id },
        },
      ]);
      return { ok: true, user } as const;
    });
  } catch (error) {
    // Another invitation for the same address was accepted at the same instant.
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
