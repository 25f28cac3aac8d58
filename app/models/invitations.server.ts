// Invitations: a coordinator invites someone by a link shown once (only the token's SHA-256 is
// stored); accepting it creates the account with the access the invitation carries.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db/client.server";
import { invitations, municipalities, organisations, users, type Invitation, type User } from "~/db/schema";
import type { Locale, UserRole } from "~/lib/enums";
import { scopeFor } from "~/lib/validation/users";
import { recordAudit } from "./audit.server";
import { auditableUser, findUserByEmail } from "./users.server";
import { one } from "~/db/rows.server";

import {
  accessProblem,
  insertAccount,
  isUniqueViolation,
  TOKEN_SHAPE,
  type AccessInput,
  type AccessProblem,
  type TokenProblem,
} from "./accounts.server";

const HOUR_MS = 60 * 60 * 1000;
export const INVITATION_LIFETIME_MS = 7 * 24 * HOUR_MS;
/** Expired invitations stay listed this long, so a coordinator sees who never accepted. */
const EXPIRED_INVITATIONS_SHOWN_MS = 30 * 24 * HOUR_MS;

/** What an invitation row looks like in the audit log: never the token hash. */
export function auditableInvitation(invitation: Invitation) {
  const { tokenHash: _tokenHash, ...rest } = invitation;
  return rest;
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
