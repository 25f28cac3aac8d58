// What the records hanging off a partnership or a pilot (objectives, funding lines, documents)
// share: their owner, the owner's existence check, and how an update is written to the audit log.
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, partnershipMembers, partnerships, pilots } from "~/db/schema";
import { todayIso } from "~/lib/objectives";

/** Funding lines and documents belong to a partnership or to a pilot (never both). */
export type RecordOwner = { partnershipId: string } | { pilotId: string };

/** The owner's columns of a row to insert: exactly one of them set. */
export function ownerColumns(owner: RecordOwner): { partnershipId: string | null; pilotId: string | null } {
  return "partnershipId" in owner
    ? { partnershipId: owner.partnershipId, pilotId: null }
    : { partnershipId: null, pilotId: owner.pilotId };
}

/** Whether a row belongs to this owner. */
export function ownedBy(row: { partnershipId: string | null; pilotId: string | null }, owner: RecordOwner) {
  return "partnershipId" in owner ? row.partnershipId === owner.partnershipId : row.pilotId === owner.pilotId;
}

export interface OwnerFacts {
  /** The partnership whose members may receive funding: the owner, or the pilot's partnership. */
  partnershipId: string | null;
}

/** The owner as stored (archived owners included: their records stay readable), or null. */
export async function findOwner(db: Db, owner: RecordOwner): Promise<OwnerFacts | null> {
  if ("partnershipId" in owner) {
    const [row] = await db
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(eq(partnerships.id, owner.partnershipId));
    return row ? { partnershipId: row.id } : null;
  }
  const [row] = await db
    .select({ partnershipId: pilots.partnershipId })
    .from(pilots)
    .where(eq(pilots.id, owner.pilotId));
  return row ? { partnershipId: row.partnershipId } : null;
}

/** A member now: not archived, and has not left (a member leaving today is still one today). */
export function currentMemberCondition(today = todayIso()) {
  return and(
    isNull(partnershipMembers.archivedAt),
    or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
  );
}

/** The current members of a partnership, by name: who can receive its funding. */
export async function currentMemberOptions(db: Db, partnershipId: string, today = todayIso()) {
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
    .from(partnershipMembers)
    .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
    .where(and(eq(partnershipMembers.partnershipId, partnershipId), currentMemberCondition(today)))
    .orderBy(organisations.name, organisations.id);
}

export async function isCurrentMember(
  db: Db,
  partnershipId: string,
  organisationId: string,
  today = todayIso(),
): Promise<boolean> {
  const [row] = await db
    .select({ id: partnershipMembers.id })
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.partnershipId, partnershipId),
        eq(partnershipMembers.organisationId, organisationId),
        currentMemberCondition(today),
      ),
    );
  return row !== undefined;
}

export async function organisationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, id), isNull(organisations.archivedAt)));
  return row !== undefined;
}

/** Empty optional form fields arrive as undefined: store them as null. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/** Why a save or an archive was refused. `stale` carries the current row, to show its values. */
export type Refusal<T, Extra extends string = never> =
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "stale"; current: T }
  | { ok: false; reason: Extra };

export type Outcome<T, Extra extends string = never> = { ok: true; record: T } | Refusal<T, Extra>;
