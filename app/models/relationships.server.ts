// Direct relationships between two organisations outside any partnership (Net-Map style): typed and
// directed ("A funds B"). Read and changed from either organisation's page; every change is audited
// in its transaction and a stale version is refused.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { organisations, relationships, type Relationship } from "~/db/schema";
import type { RelationshipType } from "~/lib/enums";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { one } from "~/db/rows.server";

export interface RelationshipView {
  id: string;
  type: RelationshipType;
  /** outgoing: the organisation of the page does it to `other`; incoming: `other` does it to it. */
  direction: "outgoing" | "incoming";
  other: { id: string; name: string; acronym: string | null };
  startsOn: string | null;
  endsOn: string | null;
  notes: string | null;
  version: number;
}

/** The organisation's current relationships, both directions: one query, plus one for the names. */
export async function relationshipsOf(db: Db, organisationId: string): Promise<RelationshipView[]> {
  const rows = await db
    .select()
    .from(relationships)
    .where(
      and(
        or(
          eq(relationships.fromOrganisationId, organisationId),
          eq(relationships.toOrganisationId, organisationId),
        ),
        isNull(relationships.archivedAt),
      ),
    )
    .orderBy(asc(relationships.type), asc(relationships.id));
  const otherIds = [
    ...new Set(
      rows.map((row) =>
        row.fromOrganisationId === organisationId ? row.toOrganisationId : row.fromOrganisationId,
      ),
    ),
  ];
  const others =
    otherIds.length === 0
      ? []
      : await db
          .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
          .from(organisations)
          // A relationship with an archived organisation is hidden with it (and back on restore).
          .where(and(inArray(organisations.id, otherIds), isNull(organisations.archivedAt)));
  const byId = new Map(others.map((other) => [other.id, other]));
  return rows
    .flatMap((row): RelationshipView[] => {
      const outgoing = row.fromOrganisationId === organisationId;
      const other = byId.get(outgoing ? row.toOrganisationId : row.fromOrganisationId);
      if (!other) return [];
      return [
        {
          id: row.id,
          type: row.type,
          direction: outgoing ? "outgoing" : "incoming",
          other,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          notes: row.notes,
          version: row.version,
        },
      ];
    })
    .sort(
      (a, b) =>
        a.direction.localeCompare(b.direction) ||
        a.type.localeCompare(b.type) ||
        a.other.name.localeCompare(b.other.name),
    );
}

export interface RelationshipFields {
  otherOrganisationId: string;
  type: RelationshipType;
  direction: "outgoing" | "incoming";
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  notes?: string | undefined;
}

export type RelationshipProblem = "sameOrganisation" | "unknownOrganisation" | "endsBeforeStarts";

export type SaveRelationshipResult =
  | { ok: true; relationship: Relationship }
  | { ok: false; reason: RelationshipProblem | "notFound" }
  | { ok: false; reason: "stale"; current: Relationship };

function columnsOf(organisationId: string, input: RelationshipFields) {
  const outgoing = input.direction === "outgoing";
  return {
    fromOrganisationId: outgoing ? organisationId : input.otherOrganisationId,
    toOrganisationId: outgoing ? input.otherOrganisationId : organisationId,
    type: input.type,
    startsOn: input.startsOn || null,
    endsOn: input.endsOn || null,
    notes: input.notes || null,
  };
}

/** Both ends must be different, current organisations, and the dates in order. */
async function problemOf(tx: Db, columns: ReturnType<typeof columnsOf>): Promise<RelationshipProblem | null> {
  if (columns.fromOrganisationId === columns.toOrganisationId) return "sameOrganisation";
  if (columns.startsOn && columns.endsOn && columns.endsOn < columns.startsOn) return "endsBeforeStarts";
  const found = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        inArray(organisations.id, [columns.fromOrganisationId, columns.toOrganisationId]),
        isNull(organisations.archivedAt),
      ),
    );
  return found.length === 2 ? null : "unknownOrganisation";
}

/** Add a relationship of organisation `organisationId` with another one. */
export async function addRelationship(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: RelationshipFields,
): Promise<SaveRelationshipResult> {
  return db.transaction(async (tx) => {
    const columns = columnsOf(organisationId, input);
    const problem = await problemOf(tx, columns);
    if (problem) return { ok: false, reason: problem } as const;
    const relationship = one(await tx.insert(relationships).values(columns).returning());
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "relationship",
      entityId: relationship.id,
      after: relationship,
    });
    return { ok: true, relationship } as const;
  });
}

/** The relationship, locked, if it is one of `organisationId`'s (an id from a form is checked). */
async function lockRelationship(tx: Db, organisationId: string, relationshipId: string) {
  const [row] = await tx
    .select()
    .from(relationships)
    .where(
      and(
        eq(relationships.id, relationshipId),
        or(
          eq(relationships.fromOrganisationId, organisationId),
          eq(relationships.toOrganisationId, organisationId),
        ),
      ),
    )
    .for("update");
  return row;
}

export async function updateRelationship(
  db: Db,
  actor: Actor,
  organisationId: string,
  relationshipId: string,
  input: RelationshipFields & { version: number },
): Promise<SaveRelationshipResult> {
  return db.transaction(async (tx) => {
    const before = await lockRelationship(tx, organisationId, relationshipId);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    const columns = columnsOf(organisationId, input);
    const problem = await problemOf(tx, columns);
    if (problem) return { ok: false, reason: problem } as const;
    const after = one(
      await tx
        .update(relationships)
        .set({ ...columns, version: before.version + 1 })
        .where(eq(relationships.id, relationshipId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "relationship",
      entityId: relationshipId,
      ...changedFields(before, after),
    });
    return { ok: true, relationship: after } as const;
  });
}

export async function archiveRelationship(
  db: Db,
  actor: Actor,
  organisationId: string,
  relationshipId: string,
  version: number,
  now = new Date(),
): Promise<SaveRelationshipResult> {
  return db.transaction(async (tx) => {
    const before = await lockRelationship(tx, organisationId, relationshipId);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    const after = one(
      await tx
        .update(relationships)
        .set({ archivedAt: now, version: before.version + 1 })
        .where(eq(relationships.id, relationshipId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "archive",
      entityType: "relationship",
      entityId: relationshipId,
      before: { archivedAt: null, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, relationship: after } as const;
  });
}
