// Accounts at model level (app/models/accounts.server.ts): invitations, the last-coordinator rule,
// disabling, password resets, the own account, and the audit entries written with each change.
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { createSession, validateSessionToken, type AuthUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  invitations,
  passwordResets,
  sessions,
  userMunicipalities,
  users,
  type User,
} from "~/db/schema";
import { rows } from "~/db/rows.server";
import { createAccount, listUsers, setUserDisabled, updateUserAccess } from "~/models/accounts.server";
import {
  acceptInvitation,
  createInvitation,
  findInvitation,
  INVITATION_LIFETIME_MS,
  listPendingInvitations,
} from "~/models/invitations.server";
import {
  findPasswordReset,
  issuePasswordReset,
  PASSWORD_RESET_LIFETIME_MS,
  resetPassword,
} from "~/models/password-resets.server";
import { changeOwnPassword, updateOwnName } from "~/models/own-account.server";
import { setLocalePreference } from "~/models/preferences.server";
import { authenticate } from "~/models/users.server";
import { createMunicipality, createOrganisation, createUser, uniqueEmail } from "../factories";
import { testDb } from "../helpers/db";

const { db } = await testDb();
// The last-coordinator rule counts every coordinator in the database: those tests get their own.
const { db: coordinatorDb } = await testDb();

const HOUR = 60 * 60 * 1000;
const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase here";
let passwordHash: string;
let admin: User;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  admin = await createUser(db, { role: "coordinator", name: "Admin" });
});

function authUser(user: User, sessionId = "no-session"): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: user.locale,
    municipalityIds: [],
    sessionId,
  };
}

async function auditFor(database: Db, entityId: string) {
  return database.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

async function auditCount(database: Db): Promise<number> {
  const [row] = await database.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

async function userRow(database: Db, id: string): Promise<User> {
  const [row] = await database.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error(`no user ${id}`);
  return row;
}

async function scopeOf(database: Db, userId: string): Promise<string[]> {
  const list = await database
    .select({ id: userMunicipalities.municipalityId })
    .from(userMunicipalities)
    .where(eq(userMunicipalities.userId, userId));
  return list.map((r) => r.id).sort();
}

async function sessionCount(database: Db, userId: string): Promise<number> {
  const [row] = await database.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

/** Every text of every row of a table, for "this secret is stored nowhere in clear". */
async function tableText(database: Db, table: "invitations" | "password_resets" | "audit_log" | "users") {
  const result = await database.execute(sql.raw(`select t::text as text from "${table}" t`));
  return rows<{ text: string }>(result)
    .map((r) => r.text)
    .join("\n");
}

function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error("expected a value");
  return value;
}

// ---------------------------------------------------------------------------------------------

describe("invitations", () => {
  it("store only the token's hash, valid 7 days, with an audit entry without the hash", async () => {
    const organisation = await createOrganisation(db);
    const now = new Date();
    const email = uniqueEmail("invitee");
    const outcome = await createInvitation(
      db,
      admin,
      { email, role: "organiser", organisationId: organisation.id, municipalityIds: [] },
      now,
    );
    if (!outcome.ok) throw new Error(outcome.reason);
    const { token, invitation } = outcome;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(invitation.tokenHash).toBe(hashToken(token));
    expect(invitation.expiresAt.getTime()).toBe(now.getTime() + INVITATION_LIFETIME_MS);
    expect(invitation.invitedBy).toBe(admin.id);
    for (const table of ["invitations", "audit_log"] as const) {
      expect(await tableText(db, table)).not.toContain(token);
    }
    const [entry, ...more] = await auditFor(db, invitation.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: "create", entityType: "invitation", userId: admin.id });
    expect(entry?.after).toMatchObject({ email, role: "organiser", organisationId: organisation.id });
    expect(entry?.after).not.toHaveProperty("tokenHash");
    expect(JSON.stringify(entry)).not.toContain(invitation.tokenHash);

    const listed = await listPendingInvitations(db);
    expect(listed.find((i) => i.id === invitation.id)).toMatchObject({
      email,
      expired: false,
      invitedByName: "Admin",
    });
  });

  it("keep the scope only for a municipal official, who needs at least one existing municipality", async () => {
    const before = await auditCount(db);
    const missing = await createInvitation(db, admin, {
      email: uniqueEmail(),
      role: "municipal_official",
      municipalityIds: [],
    });
    expect(missing).toEqual({ ok: false, reason: "scopeRequired" });
    const unknown = await createInvitation(db, admin, {
      email: uniqueEmail(),
      role: "municipal_official",
      municipalityIds: [crypto.randomUUID()],
    });
    expect(unknown).toEqual({ ok: false, reason: "unknownMunicipality" });
    const archived = await createMunicipality(db, { archivedAt: new Date() });
    expect(
      await createInvitation(db, admin, {
        email: uniqueEmail(),
        role: "municipal_official",
        municipalityIds: [archived.id],
      }),
    ).toEqual({ ok: false, reason: "unknownMunicipality" });
    expect(
      await createInvitation(db, admin, {
        email: uniqueEmail(),
        role: "viewer",
        organisationId: crypto.randomUUID(),
        municipalityIds: [],
      }),
    ).toEqual({ ok: false, reason: "unknownOrganisation" });
    expect(await auditCount(db)).toBe(before);

    const municipality = await createMunicipality(db);
    const viewer = await createInvitation(db, admin, {
      email: uniqueEmail(),
      role: "viewer",
      municipalityIds: [municipality.id],
    });
    expect(viewer.ok && viewer.invitation.municipalityIds).toEqual([]);
  });

  it("are refused for an email that already has an account, whatever its case", async () => {
    const existing = await createUser(db, { email: uniqueEmail("Taken") });
    const before = await auditCount(db);
    const outcome = await createInvitation(db, admin, {
      email: existing.email.toUpperCase(),
      role: "viewer",
      municipalityIds: [],
    });
    expect(outcome).toEqual({ ok: false, reason: "emailTaken" });
    expect(await auditCount(db)).toBe(before);
  });

  it("accepted: the account gets role, organisation and scope; the invitation is used up", async () => {
    const organisation = await createOrganisation(db);
    const [m1, m2] = [await createMunicipality(db), await createMunicipality(db)];
    const email = uniqueEmail("official");
    const created = await createInvitation(db, admin, {
      email,
      role: "municipal_official",
      organisationId: organisation.id,
      municipalityIds: [m1.id, m2.id],
    });
    if (!created.ok) throw new Error(created.reason);
    const found = await findInvitation(db, created.token);
    expect(found).toMatchObject({ ok: true, invitation: { email, role: "municipal_official" } });

    const outcome = await acceptInvitation(db, created.token, {
      name: "Official",
      password: PASSWORD,
      locale: "fr",
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const user = outcome.user;
    expect(user).toMatchObject({
      email,
      name: "Official",
      role: "municipal_official",
      organisationId: organisation.id,
      locale: "fr",
    });
    expect(await scopeOf(db, user.id)).toEqual([m1.id, m2.id].sort());
    expect(await authenticate(db, email, PASSWORD)).toMatchObject({ id: user.id });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, created.invitation.id));
    expect(invitation?.acceptedAt).toBeInstanceOf(Date);

    const userAudit = await auditFor(db, user.id);
    expect(userAudit).toHaveLength(1);
    expect(userAudit[0]).toMatchObject({ action: "create", entityType: "user", userId: user.id });
    expect(userAudit[0]?.after).toMatchObject({
      email,
      municipalityIds: expect.arrayContaining([m1.id, m2.id]),
    });
    expect(userAudit[0]?.after).not.toHaveProperty("passwordHash");
    const invitationAudit = await auditFor(db, created.invitation.id);
    expect(invitationAudit.map((e) => e.action)).toEqual(["create", "update"]);

    // Once only.
    expect(await acceptInvitation(db, created.token, { name: "Again", password: PASSWORD })).toEqual({
      ok: false,
      reason: "used",
    });
    expect(await findInvitation(db, created.token)).toEqual({ ok: false, reason: "used" });
    const [same] = await db
      .select({ n: count() })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    expect(same?.n).toBe(1);
  });

  it("accepted twice at the same moment: one account, one refusal", async () => {
    const email = uniqueEmail("race");
    const created = await createInvitation(db, admin, { email, role: "viewer", municipalityIds: [] });
    if (!created.ok) throw new Error(created.reason);
    const outcomes = await Promise.all([
      acceptInvitation(db, created.token, { name: "One", password: PASSWORD }),
      acceptInvitation(db, created.token, { name: "Two", password: PASSWORD }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "used" }]);
    const [same] = await db
      .select({ n: count() })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    expect(same?.n).toBe(1);
  });

  it("expired after 7 days: refused, nothing created", async () => {
    const email = uniqueEmail("late");
    const longAgo = new Date(Date.now() - INVITATION_LIFETIME_MS - HOUR);
    const created = await createInvitation(
      db,
      admin,
      { email, role: "viewer", municipalityIds: [] },
      longAgo,
    );
    if (!created.ok) throw new Error(created.reason);
    expect(await findInvitation(db, created.token)).toEqual({ ok: false, reason: "expired" });
    expect(await acceptInvitation(db, created.token, { name: "Late", password: PASSWORD })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    const listed = await listPendingInvitations(db);
    expect(listed.find((i) => i.id === created.invitation.id)?.expired).toBe(true);
  });

  it("refused when an account with the email in another case appeared since", async () => {
    const email = uniqueEmail("variant");
    const created = await createInvitation(db, admin, { email, role: "viewer", municipalityIds: [] });
    if (!created.ok) throw new Error(created.reason);
    await createUser(db, { email: email.toUpperCase() });
    const before = await auditCount(db);
    expect(await acceptInvitation(db, created.token, { name: "Variant", password: PASSWORD })).toEqual({
      ok: false,
      reason: "emailTaken",
    });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, created.invitation.id));
    expect(invitation?.acceptedAt).toBeNull();
    expect(await auditCount(db)).toBe(before);
  });

  it("an unknown or malformed token is unknown", async () => {
    expect(await findInvitation(db, "abcdefghijklmnopqrstuvwxyz234567")).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await findInvitation(db, "../../etc/passwd")).toEqual({ ok: false, reason: "unknown" });
    expect(await acceptInvitation(db, "NOT-A-TOKEN", { name: "X", password: PASSWORD })).toEqual({
      ok: false,
      reason: "unknown",
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("role, organisation and scope", () => {
  it("are changed with the version read, and the audit keeps before and after", async () => {
    const user = await createUser(db, { role: "viewer" });
    const organisation = await createOrganisation(db);
    const municipality = await createMunicipality(db);
    const outcome = await updateUserAccess(db, admin, user.id, {
      role: "municipal_official",
      organisationId: organisation.id,
      municipalityIds: [municipality.id],
      version: user.version,
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.user).toMatchObject({
      role: "municipal_official",
      organisationId: organisation.id,
      version: user.version + 1,
    });
    expect(await scopeOf(db, user.id)).toEqual([municipality.id]);
    const [entry] = await auditFor(db, user.id);
    expect(entry).toMatchObject({ action: "update", entityType: "user", userId: admin.id });
    expect(entry?.before).toMatchObject({ role: "viewer", organisationId: null, municipalityIds: [] });
    expect(entry?.after).toMatchObject({
      role: "municipal_official",
      organisationId: organisation.id,
      municipalityIds: [municipality.id],
    });
    expect(entry?.after).not.toHaveProperty("passwordHash");

    // Back to viewer: the scope goes with the role.
    const back = await updateUserAccess(db, admin, user.id, {
      role: "viewer",
      organisationId: organisation.id,
      municipalityIds: [municipality.id],
      version: user.version + 1,
    });
    expect(back.ok).toBe(true);
    expect(await scopeOf(db, user.id)).toEqual([]);
  });

  it("a stale version is refused and nothing is written", async () => {
    const user = await createUser(db, { role: "viewer" });
    const first = await updateUserAccess(db, admin, user.id, {
      role: "organiser",
      municipalityIds: [],
      version: user.version,
    });
    expect(first.ok).toBe(true);
    const before = await auditCount(db);
    const stale = await updateUserAccess(db, admin, user.id, {
      role: "coordinator",
      municipalityIds: [],
      version: user.version,
    });
    expect(stale).toEqual({ ok: false, reason: "stale" });
    expect(await userRow(db, user.id)).toMatchObject({ role: "organiser", version: user.version + 1 });
    expect(await auditCount(db)).toBe(before);
  });

  it("an unknown user is not found", async () => {
    expect(
      await updateUserAccess(db, admin, crypto.randomUUID(), {
        role: "viewer",
        municipalityIds: [],
        version: 1,
      }),
    ).toEqual({ ok: false, reason: "notFound" });
  });

  it("the list shows organisation and scope", async () => {
    const organisation = await createOrganisation(db, { name: "Listed Org" });
    const municipality = await createMunicipality(db, { name: "Listed Town" });
    const user = await createUser(db, { role: "municipal_official", organisationId: organisation.id });
    await db.insert(userMunicipalities).values({ userId: user.id, municipalityId: municipality.id });
    const listed = (await listUsers(db)).find((u) => u.id === user.id);
    expect(listed).toMatchObject({
      organisationName: "Listed Org",
      municipalities: [{ id: municipality.id, name: "Listed Town" }],
      disabledAt: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the last active coordinator", () => {
  let actor: User;

  beforeEach(async () => {
    // Start every test with no coordinator at all.
    await coordinatorDb.update(users).set({ role: "viewer" }).where(eq(users.role, "coordinator"));
    actor = await createUser(coordinatorDb, { role: "coordinator" });
  });

  it("cannot be demoted or disabled; nothing is written", async () => {
    const before = await auditCount(coordinatorDb);
    expect(
      await updateUserAccess(coordinatorDb, actor, actor.id, {
        role: "viewer",
        municipalityIds: [],
        version: actor.version,
      }),
    ).toEqual({ ok: false, reason: "lastCoordinator" });
    expect(await setUserDisabled(coordinatorDb, actor, actor.id, true)).toEqual({
      ok: false,
      reason: "lastCoordinator",
    });
    expect(await userRow(coordinatorDb, actor.id)).toMatchObject({
      role: "coordinator",
      disabledAt: null,
      version: actor.version,
    });
    expect(await auditCount(coordinatorDb)).toBe(before);
    // Changing something else about them is fine.
    const organisation = await createOrganisation(coordinatorDb);
    const other = await updateUserAccess(coordinatorDb, actor, actor.id, {
      role: "coordinator",
      organisationId: organisation.id,
      municipalityIds: [],
      version: actor.version,
    });
    expect(other.ok).toBe(true);
  });

  it("a disabled coordinator does not count", async () => {
    await createUser(coordinatorDb, { role: "coordinator", disabledAt: new Date() });
    expect(
      await updateUserAccess(coordinatorDb, actor, actor.id, {
        role: "organiser",
        municipalityIds: [],
        version: actor.version,
      }),
    ).toEqual({ ok: false, reason: "lastCoordinator" });
  });

  it("with two coordinators, one may be demoted or disabled, then not the other", async () => {
    const second = await createUser(coordinatorDb, { role: "coordinator" });
    const demoted = await updateUserAccess(coordinatorDb, actor, second.id, {
      role: "viewer",
      municipalityIds: [],
      version: second.version,
    });
    expect(demoted.ok).toBe(true);
    expect(await setUserDisabled(coordinatorDb, actor, actor.id, true)).toEqual({
      ok: false,
      reason: "lastCoordinator",
    });

    const third = await createUser(coordinatorDb, { role: "coordinator" });
    const disabled = await setUserDisabled(coordinatorDb, actor, third.id, true);
    expect(disabled.ok).toBe(true);
    expect(
      await updateUserAccess(coordinatorDb, actor, actor.id, {
        role: "viewer",
        municipalityIds: [],
        version: actor.version,
      }),
    ).toEqual({ ok: false, reason: "lastCoordinator" });
  });

  it("two coordinators demoting each other at the same moment: one of them stays", async () => {
    const other = await createUser(coordinatorDb, { role: "coordinator" });
    const outcomes = await Promise.all([
      updateUserAccess(coordinatorDb, actor, other.id, {
        role: "viewer",
        municipalityIds: [],
        version: other.version,
      }),
      updateUserAccess(coordinatorDb, other, actor.id, {
        role: "viewer",
        municipalityIds: [],
        version: actor.version,
      }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "lastCoordinator" }]);
    const [left] = await coordinatorDb
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "coordinator")));
    expect(left?.n).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("disabling", () => {
  it("deletes every session of the user at once; enabling does not bring them back", async () => {
    const user = await createUser(db, { role: "organiser" });
    const one = await createSession(db, user.id);
    const two = await createSession(db, user.id);
    expect(await validateSessionToken(db, one.token)).not.toBeNull();

    const outcome = await setUserDisabled(db, admin, user.id, true);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.user.disabledAt).toBeInstanceOf(Date);
    expect(outcome.user.version).toBe(user.version + 1);
    expect(await sessionCount(db, user.id)).toBe(0);
    expect(await validateSessionToken(db, one.token)).toBeNull();
    expect(await validateSessionToken(db, two.token)).toBeNull();
    const [entry] = await auditFor(db, user.id);
    expect(entry).toMatchObject({ action: "update", entityType: "user", before: { disabledAt: null } });
    expect(entry?.after).toHaveProperty("disabledAt");

    // Disabling again changes nothing and writes nothing.
    expect((await setUserDisabled(db, admin, user.id, true)).ok).toBe(true);
    expect(await auditFor(db, user.id)).toHaveLength(1);

    const enabled = await setUserDisabled(db, admin, user.id, false);
    if (!enabled.ok) throw new Error(enabled.reason);
    expect(enabled.user.disabledAt).toBeNull();
    expect(await validateSessionToken(db, one.token)).toBeNull();
    expect(await auditFor(db, user.id)).toHaveLength(2);
  });

  it("an unknown user is not found", async () => {
    expect(await setUserDisabled(db, admin, crypto.randomUUID(), true)).toEqual({
      ok: false,
      reason: "notFound",
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("password resets", () => {
  it("store only the hash, valid 24 hours, and replace the link issued before", async () => {
    const user = await createUser(db, { passwordHash });
    const now = new Date();
    const first = await issuePasswordReset(db, admin, user.id, now);
    if (!first.ok) throw new Error(first.reason);
    expect(first.reset.tokenHash).toBe(hashToken(first.token));
    expect(first.reset.expiresAt.getTime()).toBe(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
    expect(first.reset.createdBy).toBe(admin.id);
    for (const table of ["password_resets", "audit_log"] as const) {
      expect(await tableText(db, table)).not.toContain(first.token);
    }
    const [entry] = await auditFor(db, first.reset.id);
    expect(entry).toMatchObject({ action: "create", entityType: "password_reset", userId: admin.id });
    expect(entry?.after).not.toHaveProperty("tokenHash");

    const second = await issuePasswordReset(db, admin, user.id);
    if (!second.ok) throw new Error(second.reason);
    expect(await findPasswordReset(db, first.token)).toEqual({ ok: false, reason: "expired" });
    expect(await findPasswordReset(db, second.token)).toMatchObject({
      ok: true,
      reset: { email: user.email },
    });
  });

  it("set a new password once, and end every session of the user", async () => {
    const user = await createUser(db, { passwordHash });
    const session = await createSession(db, user.id);
    const issued = await issuePasswordReset(db, admin, user.id);
    if (!issued.ok) throw new Error(issued.reason);

    const outcome = await resetPassword(db, issued.token, NEW_PASSWORD);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(await sessionCount(db, user.id)).toBe(0);
    expect(await validateSessionToken(db, session.token)).toBeNull();
    expect(await authenticate(db, user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });
    expect(await authenticate(db, user.email, PASSWORD)).toBeNull();
    const [reset] = await db.select().from(passwordResets).where(eq(passwordResets.id, issued.reset.id));
    expect(reset?.usedAt).toBeInstanceOf(Date);
    const userAudit = await auditFor(db, user.id);
    expect(userAudit.at(-1)).toMatchObject({ action: "update", after: { passwordChanged: true } });

    expect(await resetPassword(db, issued.token, "yet another passphrase")).toEqual({
      ok: false,
      reason: "used",
    });
    expect(await findPasswordReset(db, issued.token)).toEqual({ ok: false, reason: "used" });
    expect(await authenticate(db, user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });
  });

  it("expire after 24 hours", async () => {
    const user = await createUser(db, { passwordHash });
    const issued = await issuePasswordReset(db, admin, user.id, new Date(Date.now() - 25 * HOUR));
    if (!issued.ok) throw new Error(issued.reason);
    expect(await findPasswordReset(db, issued.token)).toEqual({ ok: false, reason: "expired" });
    expect(await resetPassword(db, issued.token, NEW_PASSWORD)).toEqual({ ok: false, reason: "expired" });
    expect(await authenticate(db, user.email, PASSWORD)).toMatchObject({ id: user.id });
    // Just inside the 24 hours: still valid.
    const recent = await issuePasswordReset(db, admin, user.id, new Date(Date.now() - 23 * HOUR));
    expect(recent.ok && (await findPasswordReset(db, recent.token)).ok).toBe(true);
  });

  it("are not issued for, nor usable by, a disabled user", async () => {
    const user = await createUser(db, { passwordHash });
    const issued = await issuePasswordReset(db, admin, user.id);
    if (!issued.ok) throw new Error(issued.reason);
    await setUserDisabled(db, admin, user.id, true);
    expect(await issuePasswordReset(db, admin, user.id)).toEqual({ ok: false, reason: "disabled" });
    expect(await findPasswordReset(db, issued.token)).toEqual({ ok: false, reason: "unknown" });
    expect(await resetPassword(db, issued.token, NEW_PASSWORD)).toEqual({ ok: false, reason: "unknown" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the own account", () => {
  it("a wrong current password is refused and changes nothing", async () => {
    const user = await createUser(db, { passwordHash });
    const current = await createSession(db, user.id);
    const other = await createSession(db, user.id);
    const before = await auditCount(db);
    expect(
      await changeOwnPassword(db, authUser(user, current.sessionId), {
        currentPassword: "not the password at all",
        password: NEW_PASSWORD,
      }),
    ).toEqual({ ok: false, reason: "wrongPassword" });
    expect((await userRow(db, user.id)).passwordHash).toBe(passwordHash);
    expect(await validateSessionToken(db, other.token)).not.toBeNull();
    expect(await auditCount(db)).toBe(before);
  });

  it("a new password ends the other sessions and keeps the current one", async () => {
    const user = await createUser(db, { passwordHash });
    const current = await createSession(db, user.id);
    const other = await createSession(db, user.id);
    const outcome = await changeOwnPassword(db, authUser(user, current.sessionId), {
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
    });
    expect(outcome).toEqual({ ok: true });
    expect(await validateSessionToken(db, current.token)).not.toBeNull();
    expect(await validateSessionToken(db, other.token)).toBeNull();
    expect(await sessionCount(db, user.id)).toBe(1);
    expect(await authenticate(db, user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });
    const [entry] = await auditFor(db, user.id);
    expect(entry).toMatchObject({ action: "update", userId: user.id, after: { passwordChanged: true } });
  });

  it("name and language are saved with their audit entries", async () => {
    const user = await createUser(db, { name: "Old Name" });
    const renamed = await updateOwnName(db, authUser(user), "New Name");
    expect(renamed).toMatchObject({ name: "New Name", version: user.version + 1 });
    await setLocalePreference(db, authUser(user), "fr");
    expect(await userRow(db, user.id)).toMatchObject({ name: "New Name", locale: "fr" });
    const entries = await auditFor(db, user.id);
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [{ name: "Old Name" }, { name: "New Name" }],
      [{ locale: null }, { locale: "fr" }],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("accounts made by an operator (npm run user:create)", () => {
  it("are created with a null actor; an existing email in any case is refused", async () => {
    const email = uniqueEmail("operator");
    const outcome = await createAccount(db, null, {
      email,
      name: "Operator Made",
      password: PASSWORD,
      role: "coordinator",
      municipalityIds: [],
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    const [entry] = await auditFor(db, outcome.user.id);
    expect(entry).toMatchObject({ action: "create", entityType: "user", userId: null });
    expect(await authenticate(db, email, PASSWORD)).toMatchObject({ role: "coordinator" });
    expect(
      await createAccount(db, null, {
        email: email.toUpperCase(),
        name: "Twice",
        password: PASSWORD,
        role: "viewer",
        municipalityIds: [],
      }),
    ).toEqual({ ok: false, reason: "emailTaken" });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the audit trail", () => {
  beforeAll(async () => {
    // A test-only trigger: an audit insert for a listed entity fails, as any error after the change would.
    await db.execute(sql`create table test_failing_audit (entity_id text primary key)`);
    await db.execute(
      sql.raw(`create function test_fail_audit() returns trigger language plpgsql as $$
        begin
          if exists (select 1 from test_failing_audit where entity_id = new.entity_id) then
            raise exception 'forced failure after the change';
          end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql`create trigger test_fail_audit before insert on audit_log for each row execute function test_fail_audit()`,
    );
  });

  async function failAuditOf(entityId: string) {
    await db.execute(sql`insert into test_failing_audit (entity_id) values (${entityId})`);
  }

  it("a failing update leaves neither the change nor an audit row", async () => {
    const user = await createUser(db, { role: "viewer" });
    const municipality = await createMunicipality(db);
    await failAuditOf(user.id);
    const before = await auditCount(db);
    await expect(
      updateUserAccess(db, admin, user.id, {
        role: "municipal_official",
        municipalityIds: [municipality.id],
        version: user.version,
      }),
    ).rejects.toThrow();
    expect(await userRow(db, user.id)).toMatchObject({ role: "viewer", version: user.version });
    expect(await scopeOf(db, user.id)).toEqual([]);
    expect(await auditCount(db)).toBe(before);
  });

  it("a failing disable keeps the user enabled and their sessions", async () => {
    const user = await createUser(db, { role: "viewer" });
    const session = await createSession(db, user.id);
    await failAuditOf(user.id);
    await expect(setUserDisabled(db, admin, user.id, true)).rejects.toThrow();
    expect((await userRow(db, user.id)).disabledAt).toBeNull();
    expect(await validateSessionToken(db, session.token)).not.toBeNull();
    expect(await auditFor(db, user.id)).toEqual([]);
  });

  it("a failing acceptance creates no account and leaves the invitation open", async () => {
    const created = await createInvitation(db, admin, {
      email: uniqueEmail(),
      role: "viewer",
      municipalityIds: [],
    });
    if (!created.ok) throw new Error(created.reason);
    await failAuditOf(created.invitation.id);
    await expect(
      acceptInvitation(db, created.token, { name: "Nobody", password: PASSWORD }),
    ).rejects.toThrow();
    expect(await db.select().from(users).where(eq(users.email, created.invitation.email))).toEqual([]);
    expect(await findInvitation(db, created.token)).toMatchObject({ ok: true });
  });

  it("never holds a password hash or a token hash", async () => {
    const audit = await tableText(db, "audit_log");
    expect(audit.length).toBeGreaterThan(1000);
    expect(audit).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|calendarTokenHash|scrypt\$/);
    const secrets = [
      ...(await db.select({ v: users.passwordHash }).from(users)).map((r) => r.v),
      ...(await db.select({ v: invitations.tokenHash }).from(invitations)).map((r) => r.v),
      ...(await db.select({ v: passwordResets.tokenHash }).from(passwordResets)).map((r) => r.v),
    ];
    expect(secrets.length).toBeGreaterThan(10);
    // The jsonb, searched by the database itself too.
    for (const secret of secrets) {
      const [hit] = await db
        .select({ n: count() })
        .from(auditLog)
        .where(
          sql`coalesce(${auditLog.before}::text, '') || coalesce(${auditLog.after}::text, '') like ${`%${secret}%`}`,
        );
      expect(hit?.n, secret).toBe(0);
    }
    expect(must(secrets[0]).length).toBeGreaterThan(0);
  });
});
