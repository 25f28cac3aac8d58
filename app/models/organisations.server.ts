// Organisations: the list (search, filters, sorting, counts), and create, edit, archive and restore.
// Every change runs in one transaction with its audit entry; a stale version is refused. An
// organisation's page: organisation-page.server.ts; organisations as choices in a form:
// organisation-options.server.ts.
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { municipalities, organisations, type Organisation } from "~/db/schema";
import type { Level, OrganisationType } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { similarNames } from "~/lib/similar-names";
import type { OrganisationFields, OrganisationFilters } from "~/lib/validation/organisations";
import { recordAudit, type Actor, changedFields } from "./audit.server";
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
// which would be ambiguous inside the subquery. Current memberships: not archived, and not left (a
// left day today or past means gone, one still to come counts), of partnerships not archived.
const partnershipsCountOn = (today: string) =>
  sql<number>`(
  select count(*)::int from partnership_members pm
  inner join partnerships p on p.id = pm.partnership_id
  where pm.organisation_id = "organisations"."id"
    and pm.archived_at is null
    and (pm.left_on is null or pm.left_on > ${today}::date)
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

function orderFor(filters: Partial<OrganisationFilters>, today: string): SQL[] {
  const direction = filters.dir === "desc" ? desc : asc;
  const byName = [direction(organisations.name), asc(organisations.id)];
  switch (filters.sort) {
    case "type":
      return [direction(organisations.type), ...byName];
    case "country":
      // Organisations without a country (international) come last either way.
      return [sql`${organisations.countryCode} is null`, direction(organisations.countryCode), ...byName];
    case "partnerships":
      return [direction(partnershipsCountOn(today)), asc(organisations.name), asc(organisations.id)];
    default:
      return byName;
  }
}

/** Organisations matching the filters (current ones unless `archived`), one page at a time. */
export async function listOrganisations(
  db: Db,
  request: PageRequest,
  filters: Partial<OrganisationFilters> = {},
  today: string = todayIso(),
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
        partnershipsCount: partnershipsCountOn(today),
        archivedAt: organisations.archivedAt,
        version: organisations.version,
      })
      .from(organisations)
      .where(where)
      .orderBy(...orderFor(filters, today))
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
