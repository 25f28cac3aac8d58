// Pilot projects: the header every pilot tab reads, the municipality page's list, and the record's
// changes (create, edit, archive, restore). Every change runs in one transaction with its audit
// entry; an edit carries the version read and is refused when it is stale.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { one } from "~/db/rows.server";
import { municipalities, partnershipMembers, partnerships, pilots, type Pilot } from "~/db/schema";
import type { OutcomePathway, PilotStatus, TargetGroup } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import type { PilotFields, PilotRefusal } from "~/lib/validation/pilots";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { currentMemberCondition } from "./owned-records.server";
import { isUuid } from "~/lib/uuid";
import { prepared, preparedPerDb } from "~/db/prepared-queries.server";

export type { Pilot } from "~/db/schema";

export interface PilotHeader {
  id: string;
  name: string;
  status: PilotStatus;
  municipalityId: string;
  municipalityName: string;
  partnershipId: string | null;
  partnershipName: string | null;
  archivedAt: Date | null;
  version: number;
  startsOn: string | null;
  endsOn: string | null;
  /** The pathways the pilot offers (the outcomes tab shows these first). */
  pathways: OutcomePathway[];
}

/** The columns the header and the lists share (the partnership's name joined). */
const summaryColumns = {
  id: pilots.id,
  name: pilots.name,
  status: pilots.status,
  municipalityId: pilots.municipalityId,
  partnershipId: pilots.partnershipId,
  partnershipName: partnerships.name,
  startsOn: pilots.startsOn,
  endsOn: pilots.endsOn,
  archivedAt: pilots.archivedAt,
};

/** The header's query, built once per database handle: every pilot tab's loader and action runs it. */
const headerQuery = preparedPerDb((db) =>
  prepared(
    db
      .select({
        ...summaryColumns,
        municipalityName: municipalities.name,
        version: pilots.version,
        pathways: pilots.pathways,
      })
      .from(pilots)
      .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
      .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
      .where(eq(pilots.id, sql.placeholder("id"))),
  ),
);

/** What every pilot tab shows above its content (null for an unknown or malformed id). */
export async function findPilotHeader(db: Db, id: string): Promise<PilotHeader | null> {
  if (!isUuid(id)) return null;
  const [row] = await headerQuery(db).execute({ id });
  return row ?? null;
}

export interface PilotListItem {
  id: string;
  name: string;
  status: PilotStatus;
  targetGroup: TargetGroup;
  municipalityId: string;
  partnershipId: string | null;
  partnershipName: string | null;
  startsOn: string | null;
  endsOn: string | null;
  capacity: number | null;
  archivedAt: Date | null;
}

/**
 * The pilots of these municipalities (one query whatever their number), archived ones excluded
 * unless asked for, grouped by municipality and sorted by name.
 */
export async function listPilotsOfMunicipalities(
  db: Db,
  municipalityIds: readonly string[],
  options: { includeArchived?: boolean } = {},
): Promise<Map<string, PilotListItem[]>> {
  const ids = municipalityIds.filter((id) => isUuid(id));
  const byMunicipality = new Map<string, PilotListItem[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byMunicipality;
  const rows = await db
    .select({ ...summaryColumns, targetGroup: pilots.targetGroup, capacity: pilots.capacity })
    .from(pilots)
    .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
    .where(
      and(
        inArray(pilots.municipalityId, ids),
        options.includeArchived ? undefined : isNull(pilots.archivedAt),
      ),
    )
    .orderBy(asc(pilots.name), asc(pilots.id));
  for (const row of rows) byMunicipality.get(row.municipalityId)?.push(row);
  return byMunicipality;
}

/** A pilot's own fields with its municipality's and partnership's names (the overview and the edit form). */
export async function findPilot(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      pilot: pilots,
      municipalityName: municipalities.name,
      partnershipName: partnerships.name,
    })
    .from(pilots)
    .innerJoin(municipalities, eq(municipalities.id, pilots.municipalityId))
    .leftJoin(partnerships, eq(partnerships.id, pilots.partnershipId))
    .where(eq(pilots.id, id));
  return row
    ? { ...row.pilot, municipalityName: row.municipalityName, partnershipName: row.partnershipName }
    : null;
}

/** The municipality a new pilot is created in (archived ones included: the caller decides). */
export async function findPilotMunicipality(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      organisationId: municipalities.organisationId,
      archivedAt: municipalities.archivedAt,
    })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row ?? null;
}

export interface PartnershipOption {
  id: string;
  name: string;
}

/**
 * The partnerships a pilot of this municipality may run under, in one query: first those its
 * local-authority organisation is a member of (not archived, not left), then every other one.
 * Archived partnerships are not offered, except `keep` (the pilot's current one).
 */
export async function pilotPartnershipOptions(
  db: Db,
  municipalityId: string,
  keep: string | null = null,
  today: string = todayIso(),
): Promise<{ member: PartnershipOption[]; other: PartnershipOption[] }> {
  const isMember = sql<boolean>`exists (${db
    .select({ one: sql`1` })
    .from(partnershipMembers)
    .innerJoin(municipalities, eq(municipalities.organisationId, partnershipMembers.organisationId))
    .where(
      and(
        eq(municipalities.id, municipalityId),
        eq(partnershipMembers.partnershipId, partnerships.id),
        currentMemberCondition(today),
      ),
    )})`;
  const rows = await db
    .select({ id: partnerships.id, name: partnerships.name, isMember })
    .from(partnerships)
    .where(
      keep
        ? sql`(${partnerships.archivedAt} is null or ${partnerships.id} = ${keep})`
        : isNull(partnerships.archivedAt),
    )
    .orderBy(asc(partnerships.name), asc(partnerships.id));
  const member: PartnershipOption[] = [];
  const other: PartnershipOption[] = [];
  for (const { isMember: inIt, ...option } of rows) (inIt ? member : other).push(option);
  return { member, other };
}

// ---------------------------------------------------------------------------------------------
// Creating, editing, archiving and restoring. One transaction each, the audit entry inside it.

export type PilotOutcome =
  | { ok: true; pilot: Pilot }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: Exclude<PilotRefusal, "notFound">; current?: Pilot };

function pilotValues(input: PilotFields) {
  return {
    name: input.name,
    description: input.description || null,
    partnershipId: input.partnershipId ?? null,
    targetGroup: input.targetGroup,
    pathways: input.pathways,
    status: input.status,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    capacity: input.capacity ?? null,
  };
}

/** A partnership may be chosen when it exists and is not archived (or is already the pilot's). */
async function partnershipAllowed(tx: Db, partnershipId: string | undefined, current: string | null) {
  if (!partnershipId || partnershipId === current) return true;
  const [row] = await tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(and(eq(partnerships.id, partnershipId), isNull(partnerships.archivedAt)));
  return row !== undefined;
}

async function lockPilot(tx: Db, id: string): Promise<Pilot | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(pilots).where(eq(pilots.id, id)).for("update");
  return row;
}

/** A new pilot in this municipality (which must exist and not be archived). */
export async function createPilot(
  db: Db,
  actor: Actor,
  municipalityId: string,
  input: PilotFields,
): Promise<PilotOutcome> {
  if (!isUuid(municipalityId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    const [municipality] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(eq(municipalities.id, municipalityId), isNull(municipalities.archivedAt)));
    if (!municipality) return { ok: false, reason: "notFound" } as const;
    if (!(await partnershipAllowed(tx, input.partnershipId, null))) {
      return { ok: false, reason: "unknownPartnership" } as const;
    }
    const pilot = one(
      await tx
        .insert(pilots)
        .values({ ...pilotValues(input), municipalityId })
        .returning(),
    );
    await recordAudit(tx, actor, { action: "create", entityType: "pilot", entityId: pilot.id, after: pilot });
    return { ok: true, pilot } as const;
  });
}

/** Edit a pilot with the version read (its municipality never changes). */
export async function updatePilot(
  db: Db,
  actor: Actor,
  id: string,
  input: PilotFields & { version: number },
): Promise<PilotOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPilot(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    if (before.archivedAt) return { ok: false, reason: "archived", current: before } as const;
    if (!(await partnershipAllowed(tx, input.partnershipId, before.partnershipId))) {
      return { ok: false, reason: "unknownPartnership" } as const;
    }
    const after = one(
      await tx
        .update(pilots)
        .set({ ...pilotValues(input), version: before.version + 1, updatedAt: new Date() })
        .where(eq(pilots.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "pilot",
      entityId: id,
      ...changedFields(before, after),
    });
    return { ok: true, pilot: after } as const;
  });
}

/** Archive (hide from lists) or restore a pilot, with the version read. */
export async function setPilotArchived(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  archived: boolean,
): Promise<PilotOutcome> {
  return db.transaction(async (tx) => {
    const before = await lockPilot(tx, id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (Boolean(before.archivedAt) === archived) return { ok: true, pilot: before } as const;
    const after = one(
      await tx
        .update(pilots)
        .set({ archivedAt: archived ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(pilots.id, id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "pilot",
      entityId: id,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, pilot: after } as const;
  });
}
