// A partnership's members: list, add, edit, remove (the rules of an active partnership checked in
// the same transaction). The organisations that can still be added are the add-member form's
// choices (memberCandidateChoices, organisation-options.server.ts).
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers, type PartnershipMember } from "~/db/schema";
import { memberRoles, type MemberRole } from "~/lib/enums";
import { membershipChangeProblem, todayIso } from "~/lib/partnership-status";
import type { PartnershipRefusal } from "~/lib/validation/partnerships";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { one } from "~/db/rows.server";
import { isUuid } from "~/lib/uuid";
import { continuingMembers, lockPartnership } from "./partnerships.server";

// ---------------------------------------------------------------------------------------------
// Members

export interface MemberRow {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationAcronym: string | null;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  version: number;
  /** Not left on `today` (a left day today or past means gone). */
  current: boolean;
}

/** The partnership's members (archived rows left out): current ones first, the lead first, then by name. */
export async function listMembers(
  db: Db,
  partnershipId: string,
  today: string = todayIso(),
): Promise<MemberRow[]> {
  if (!isUuid(partnershipId)) return [];
  const rows = await db
    .select({
      id: partnershipMembers.id,
      organisationId: partnershipMembers.organisationId,
      organisationName: organisations.name,
      organisationAcronym: organisations.acronym,
      role: partnershipMembers.role,
      mandate: partnershipMembers.mandate,
      contribution: partnershipMembers.contribution,
      joinedOn: partnershipMembers.joinedOn,
      leftOn: partnershipMembers.leftOn,
      version: partnershipMembers.version,
    })
    .from(partnershipMembers)
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(eq(partnershipMembers.partnershipId, partnershipId), isNull(partnershipMembers.archivedAt)));
  const roleOrder = (role: MemberRole) => memberRoles.indexOf(role);
  return rows
    .map((row) => ({ ...row, current: row.leftOn === null || row.leftOn > today }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        roleOrder(a.role) - roleOrder(b.role) ||
        a.organisationName.localeCompare(b.organisationName) ||
        a.id.localeCompare(b.id),
    );
}

export type MemberOutcome =
  | { ok: true; member: PartnershipMember }
  | { ok: false; reason: PartnershipRefusal; current?: PartnershipMember };

interface MemberFields {
  role: MemberRole;
  mandate?: string | undefined;
  contribution?: string | undefined;
  joinedOn?: string | undefined;
}

/** Add an organisation to a partnership (at most one lead). An organisation is a member once. */
export async function addMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: MemberFields & { organisationId: string },
): Promise<MemberOutcome> {
  return db.transaction(async (tx) => {
    const partnership = await lockPartnership(tx, partnershipId);
    if (!partnership) return { ok: false, reason: "notFound" } as const;
    if (partnership.archivedAt) return { ok: false, reason: "archived" } as const;
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), isNull(organisations.archivedAt)));
    if (!organisation) return { ok: false, reason: "unknownOrganisation" } as const;
    const [existing] = await tx
      .select({ id: partnershipMembers.id })
      .from(partnershipMembers)
      .where(
        and(
          eq(partnershipMembers.partnershipId, partnershipId),
          eq(partnershipMembers.organisationId, input.organisationId),
        ),
      );
    if (existing) return { ok: false, reason: "alreadyMember" } as const;
    const before = await continuingMembers(tx, partnershipId);
    const problem = membershipChangeProblem(partnership.status, before, [...before, { role: input.role }]);
    if (problem) return { ok: false, reason: problem } as const;
    const member = one(
      await tx
        .insert(partnershipMembers)
        .values({
          partnershipId,
          organisationId: input.organisationId,
          role: input.role,
          mandate: input.mandate ?? null,
          contribution: input.contribution ?? null,
          joinedOn: input.joinedOn ?? null,
        })
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "partnership_member",
      entityId: member.id,
      after: member,
    });
    return { ok: true, member } as const;
  });
}

async function lockMember(tx: Db, partnershipId: string, memberId: string) {
  if (!isUuid(memberId)) return undefined;
  const [row] = await tx
    .select()
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.id, memberId),
        eq(partnershipMembers.partnershipId, partnershipId),
        isNull(partnershipMembers.archivedAt),
      ),
    )
    .for("update");
  return row;
}

/**
 * Change a member's row (role, mandate, contribution, dates) with the version read, or remove it:
 * removing sets its left date, so the row stays for the "as of" view and the history.
 */
async function changeMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  memberId: string,
  version: number,
  changes: Partial<Pick<PartnershipMember, "role" | "mandate" | "contribution" | "joinedOn" | "leftOn">>,
): Promise<MemberOutcome> {
  return db.transaction(async (tx) => {
    const partnership = await lockPartnership(tx, partnershipId);
    if (!partnership) return { ok: false, reason: "notFound" } as const;
    const before = await lockMember(tx, partnershipId, memberId);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (partnership.archivedAt) return { ok: false, reason: "archived" } as const;
    const others = (await continuingMembers(tx, partnershipId)).filter((m) => m.id !== memberId);
    const next = { ...before, ...changes };
    const problem = membershipChangeProblem(
      partnership.status,
      before.leftOn === null ? [...others, before] : others,
      next.leftOn === null ? [...others, next] : others,
    );
    if (problem) return { ok: false, reason: problem } as const;
    const after = one(
      await tx
        .update(partnershipMembers)
        .set({ ...changes, version: before.version + 1 })
        .where(eq(partnershipMembers.id, memberId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "partnership_member",
      entityId: memberId,
      ...changedFields(before, after),
    });
    return { ok: true, member: after } as const;
  });
}

export function updateMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: MemberFields & { memberId: string; version: number; leftOn?: string | undefined },
): Promise<MemberOutcome> {
  return changeMember(db, actor, partnershipId, input.memberId, input.version, {
    role: input.role,
    mandate: input.mandate ?? null,
    contribution: input.contribution ?? null,
    joinedOn: input.joinedOn ?? null,
    leftOn: input.leftOn ?? null,
  });
}

/** Remove a member: it left the partnership on `leftOn`. */
export function removeMember(
  db: Db,
  actor: Actor,
  partnershipId: string,
  input: { memberId: string; version: number; leftOn: string },
): Promise<MemberOutcome> {
  return changeMember(db, actor, partnershipId, input.memberId, input.version, { leftOn: input.leftOn });
}
