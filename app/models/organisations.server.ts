// Organisations: the list (search, filters, sorting, counts), an organisation's page (profile, its
// partnerships, relationships, the risks it owns; its follow-up actions: linked-actions.server.ts), and create, edit, archive and
// restore. Every change runs in one transaction with its audit entry; a stale version is refused.
import { alias } from "drizzle-orm/pg-core";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import {
  municipalities,
  organisations,
  partnershipMembers,
  partnerships,
  risks,
  type Organisation,
} from "~/db/schema";
import type {
  Level,
  MemberRole,
  OrganisationType,
  PartnershipStatus,
  RiskCategory,
  RiskStatus,
} from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { riskExposure } from "~/lib/signals";
import { similarNames } from "~/lib/similar-names";
import type { OrganisationFields, OrganisationFilters } from "~/lib/validation/organisations";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { relationshipsOf, type RelationshipView } from "./relationships.server";
import { one } from "~/db/rows.server";

// --- the list ---------------------------------------------------------------------------------------

export interface OrganisationListItem {
  id: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  level: Level;
  countryCode: string | null;
  /** Partnerships (not archived) it is a current member of. */
  partnershipsCount: number;
  archivedAt: Date | null;
  version: number;
}

export interface OrganisationList extends Page<OrganisationListItem> {
  /** How many match the other filters, per type: hints next to the type filter. */
  typeCounts: Partial<Record<OrganisationType, number>>;
}

/** `%`, `_` and `\` typed by the user match themselves, not any text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

// Written with its own aliases: in a one-table select drizzle leaves column names unqualified,
// which would be ambiguous inside the subquery.
const partnershipsCount = sql<number>`(
  select count(*)::int from partnership_members pm
  inner join partnerships p on p.id = pm.partnership_id
  where pm.organisation_id = "organisations"."id"
    and pm.archived_at is null
    and pm.left_on is null
    and p.archived_at is null
)`.mapWith(Number);

function listConditions(filters: Partial<OrganisationFilters>, withType: boolean): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filters.archived ? isNotNull(organisations.archivedAt) : isNull(organisations.archivedAt),
  ];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(or(ilike(organisations.name, pattern), ilike(organisations.acronym, pattern)));
  }
  if (withType && filters.type) conditions.push(eq(organisations.type, filters.type));
  if (filters.level) conditions.push(eq(organisations.level, filters.level));
  if (filters.country) conditions.push(eq(organisations.countryCode, filters.country));
  return and(...conditions);
}

function orderFor(filters: Partial<OrganisationFilters>): SQL[] {
  const direction = filters.dir === "desc" ? desc : asc;
  const byName = [direction(organisations.name), asc(organisations.id)];
  switch (filters.sort) {
    case "type":
      return [direction(organisations.type), ...byName];
    case "country":
      // Organisations without a country (international) come last either way.
      return [sql`${organisations.countryCode} is null`, direction(organisations.countryCode), ...byName];
    case "partnerships":
      return [direction(partnershipsCount), asc(organisations.name), asc(organisations.id)];
    default:
      return byName;
  }
}

/** Organisations matching the filters (current ones unless `archived`), one page at a time. */
export async function listOrganisations(
  db: Db,
  request: PageRequest,
  filters: Partial<OrganisationFilters> = {},
): Promise<OrganisationList> {
  const where = listConditions(filters, true);
  const [items, [totalRow], byType] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        acronym: organisations.acronym,
        type: organisations.type,
        level: organisations.level,
        countryCode: organisations.countryCode,
        partnershipsCount,
        archivedAt: organisations.archivedAt,
        version: organisations.version,
      })
      .from(organisations)
      .where(where)
      .orderBy(...orderFor(filters))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(organisations).where(where),
    db
      .select({ type: organisations.type, n: count() })
      .from(organisations)
      .where(listConditions(filters, false))
      .groupBy(organisations.type),
  ]);
  const typeCounts: Partial<Record<OrganisationType, number>> = {};
  for (const row of byType) typeCounts[row.type] = row.n;
  return { ...toPage(items, totalRow?.total ?? 0, request), typeCounts };
}

/** Countries that current organisations are in: the choices of the country filter. */
export async function organisationCountries(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ countryCode: organisations.countryCode })
    .from(organisations)
    .where(and(isNull(organisations.archivedAt), isNotNull(organisations.countryCode)))
    .orderBy(asc(organisations.countryCode));
  return rows.flatMap((row) => (row.countryCode ? [row.countryCode] : []));
}

// Organisations as choices in a form: organisation-options.server.ts.

// --- an organisation's page -----------------------------------------------------------------------

export interface OrganisationProfile extends Organisation {
  municipalityName: string | null;
  parentName: string | null;
}

export interface OrganisationMembership {
  partnershipId: string;
  partnershipName: string;
  status: PartnershipStatus;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

/** A risk the organisation owns, as the viewer may see it: the title only for members and coordinators. */
export type OwnedRisk = {
  id: string;
  partnershipId: string;
  partnershipName: string;
  category: RiskCategory;
  exposure: number;
  status: RiskStatus;
  reviewOn: string | null;
} & ({ confidential: false; title: string; mitigation: string | null } | { confidential: true });

export interface OrganisationPage {
  organisation: OrganisationProfile;
  partnerships: OrganisationMembership[];
  relationships: RelationshipView[];
  risks: OwnedRisk[];
}

const parent = alias(organisations, "parent");

/** The organisation (archived too) with its municipality's and parent's names. */
export async function findOrganisation(db: Db, organisationId: string): Promise<OrganisationProfile | null> {
  const [row] = await db
    .select({ organisation: organisations, municipalityName: municipalities.name, parentName: parent.name })
    .from(organisations)
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .leftJoin(parent, eq(parent.id, organisations.parentOrganisationId))
    .where(eq(organisations.id, organisationId));
  if (!row) return null;
  return { ...row.organisation, municipalityName: row.municipalityName, parentName: row.parentName };
}

/** Everything the organisation's page shows, as `viewer` may see it; null for an unknown id. */
export async function organisationPage(
  db: Db,
  viewer: AuthUser | null,
  organisationId: string,
): Promise<OrganisationPage | null> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) return null;
  const [memberships, relationships, riskRows] = await Promise.all([
    db
      .select({
        partnershipId: partnerships.id,
        partnershipName: partnerships.name,
        status: partnerships.status,
        role: partnershipMembers.role,
        mandate: partnershipMembers.mandate,
        contribution: partnershipMembers.contribution,
        joinedOn: partnershipMembers.joinedOn,
        leftOn: partnershipMembers.leftOn,
      })
      .from(partnershipMembers)
      .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
      .where(
        and(
          eq(partnershipMembers.organisationId, organisationId),
          isNull(partnershipMembers.archivedAt),
          isNull(partnerships.archivedAt),
        ),
      )
      .orderBy(asc(partnerships.name), asc(partnerships.id)),
    relationshipsOf(db, organisationId),
    db
      .select({
        id: risks.id,
        partnershipId: risks.partnershipId,
        partnershipName: partnerships.name,
        category: risks.category,
        title: risks.title,
        mitigation: risks.mitigation,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
        reviewOn: risks.reviewOn,
      })
      .from(risks)
      .innerJoin(partnerships, eq(partnerships.id, risks.partnershipId))
      .where(
        and(
          eq(risks.ownerOrganisationId, organisationId),
          isNull(risks.archivedAt),
          isNull(partnerships.archivedAt),
        ),
      )
      .orderBy(asc(partnerships.name), desc(sql`${risks.likelihood} * ${risks.impact}`), asc(risks.id)),
  ]);
  return {
    organisation,
    partnerships: memberships,
    relationships,
    risks: await visibleRisks(db, viewer, riskRows),
  };
}

/**
 * Risk titles and mitigations are partnership-confidential (DOMAIN.md): kept only where the viewer
 * may read that partnership's confidential fields. The members of every partnership concerned are
 * read in one query; the hidden fields are not copied into what the loader returns.
 */
async function visibleRisks(
  db: Db,
  viewer: AuthUser | null,
  rows: {
    id: string;
    partnershipId: string;
    partnershipName: string;
    category: RiskCategory;
    title: string;
    mitigation: string | null;
    likelihood: number;
    impact: number;
    status: RiskStatus;
    reviewOn: string | null;
  }[],
): Promise<OwnedRisk[]> {
  const partnershipIds = [...new Set(rows.map((row) => row.partnershipId))];
  const today = new Date().toISOString().slice(0, 10);
  const members =
    partnershipIds.length === 0 || !viewer?.organisationId
      ? []
      : await db
          .select({
            partnershipId: partnershipMembers.partnershipId,
            organisationId: partnershipMembers.organisationId,
          })
          .from(partnershipMembers)
          .where(
            and(
              inArray(partnershipMembers.partnershipId, partnershipIds),
              isNull(partnershipMembers.archivedAt),
              or(isNull(partnershipMembers.leftOn), sql`${partnershipMembers.leftOn} > ${today}`),
            ),
          );
  const membersOf = new Map<string, string[]>();
  for (const member of members) {
    membersOf.set(member.partnershipId, [
      ...(membersOf.get(member.partnershipId) ?? []),
      member.organisationId,
    ]);
  }
  return rows.map((row): OwnedRisk => {
    const shared = {
      id: row.id,
      partnershipId: row.partnershipId,
      partnershipName: row.partnershipName,
      category: row.category,
      exposure: riskExposure(row.likelihood, row.impact),
      status: row.status,
      reviewOn: row.reviewOn,
    };
    const full = canOn(viewer, "confidential:read", {
      memberOrganisationIds: membersOf.get(row.partnershipId) ?? [],
    });
    return full
      ? { ...shared, confidential: false, title: row.title, mitigation: row.mitigation }
      : { ...shared, confidential: true };
  });
}

// --- changes ------------------------------------------------------------------------------------------

export interface SimilarOrganisation {
  id: string;
  name: string;
  acronym: string | null;
  countryCode: string | null;
}

export type SaveOrganisationResult =
  | { ok: true; organisation: Organisation }
  | { ok: false; reason: "duplicate"; similar: SimilarOrganisation[] }
  | { ok: false; reason: "unknownParent" | "unknownMunicipality" | "parentSelf" | "notFound" }
  | { ok: false; reason: "stale"; current: Organisation };

/** The columns a form sets; an empty optional field is stored as null. */
function columnsOf(input: OrganisationFields) {
  return {
    name: input.name,
    acronym: input.acronym || null,
    type: input.type,
    level: input.level,
    countryCode: input.countryCode || null,
    municipalityId: input.municipalityId ?? null,
    parentOrganisationId: input.parentOrganisationId ?? null,
    mandate: input.mandate || null,
    description: input.description || null,
    website: input.website || null,
  };
}

/** Current organisations in the same country (or also without one) whose name is similar. */
export async function findSimilarOrganisations(
  tx: Db,
  name: string,
  acronym: string | null,
  countryCode: string | null,
  exceptId?: string,
): Promise<SimilarOrganisation[]> {
  const candidates = await tx
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      countryCode: organisations.countryCode,
    })
    .from(organisations)
    .where(
      and(
        isNull(organisations.archivedAt),
        countryCode === null ? isNull(organisations.countryCode) : eq(organisations.countryCode, countryCode),
        exceptId ? ne(organisations.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(organisations.name));
  return similarNames(name, candidates, acronym).slice(0, 10);
}

async function referenceProblem(
  tx: Db,
  columns: ReturnType<typeof columnsOf>,
  selfId?: string,
): Promise<"unknownParent" | "unknownMunicipality" | "parentSelf" | null> {
  if (columns.parentOrganisationId) {
    if (columns.parentOrganisationId === selfId) return "parentSelf";
    const [found] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, columns.parentOrganisationId), isNull(organisations.archivedAt)));
    if (!found) return "unknownParent";
  }
  if (columns.municipalityId) {
    const [found] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(eq(municipalities.id, columns.municipalityId), isNull(municipalities.archivedAt)));
    if (!found) return "unknownMunicipality";
  }
  return null;
}

/**
 * Create an organisation. A similar name in the same country is reported instead of saved, unless
 * `confirmDuplicate` says the user saw the warning and it is another organisation.
 */
export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: OrganisationFields,
  options: { confirmDuplicate?: boolean | undefined } = {},
): Promise<SaveOrganisationResult> {
  return db.transaction(async (tx) => {
    const columns = columnsOf(input);
    const problem = await referenceProblem(tx, columns);
    if (problem) return { ok: false, reason: problem } as const;
    if (!options.confirmDuplicate) {
      const similar = await findSimilarOrganisations(tx, columns.name, columns.acronym, columns.countryCode);
      if (similar.length > 0) return { ok: false, reason: "duplicate", similar } as const;
    }
    const organisation = one(await tx.insert(organisations).values(columns).returning());
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "organisation",
      entityId: organisation.id,
      after: organisation,
    });
    return { ok: true, organisation } as const;
  });
}

async function lockOrganisation(tx: Db, organisationId: string): Promise<Organisation | undefined> {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for("update");
  return row;
}

/**
 * Edit an organisation with the version read by the form: refused, with the current values, when
 * someone saved in between. A renaming to a similar name is flagged like a creation.
 */
export async function updateOrganisation(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: OrganisationFields & { version: number },
  options: { confirmDuplicate?: boolean | undefined } = {},
): Promise<SaveOrganisationResult> {
  return db.transaction(async (tx) => {
    const before = await lockOrganisation(tx, organisationId);
    if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
    if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    const columns = columnsOf(input);
    const problem = await referenceProblem(tx, columns, organisationId);
    if (problem) return { ok: false, reason: problem } as const;
    const renamed =
      before.name !== columns.name ||
      before.acronym !== columns.acronym ||
      before.countryCode !== columns.countryCode;
    if (renamed && !options.confirmDuplicate) {
      const similar = await findSimilarOrganisations(
        tx,
        columns.name,
        columns.acronym,
        columns.countryCode,
        organisationId,
      );
      if (similar.length > 0) return { ok: false, reason: "duplicate", similar } as const;
    }
    const after = one(
      await tx
        .update(organisations)
        .set({ ...columns, version: before.version + 1 })
        .where(eq(organisations.id, organisationId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "organisation",
      entityId: organisationId,
      ...changedFields(before, after),
    });
    return { ok: true, organisation: after } as const;
  });
}

export type ArchiveOrganisationResult =
  | { ok: true; organisation: Organisation }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "stale"; current: Organisation };

/** Archive (hide from lists, keep everything) or restore an organisation. */
export async function setOrganisationArchived(
  db: Db,
  actor: Actor,
  organisationId: string,
  version: number,
  archived: boolean,
  now = new Date(),
): Promise<ArchiveOrganisationResult> {
  return db.transaction(async (tx) => {
    const before = await lockOrganisation(tx, organisationId);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== version) return { ok: false, reason: "stale", current: before } as const;
    if (Boolean(before.archivedAt) === archived) return { ok: true, organisation: before } as const;
    const after = one(
      await tx
        .update(organisations)
        .set({ archivedAt: archived ? now : null, version: before.version + 1 })
        .where(eq(organisations.id, organisationId))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archived ? "archive" : "restore",
      entityType: "organisation",
      entityId: organisationId,
      before: { archivedAt: before.archivedAt, version: before.version },
      after: { archivedAt: after.archivedAt, version: after.version },
    });
    return { ok: true, organisation: after } as const;
  });
}
