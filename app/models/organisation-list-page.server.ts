// The /organisations page in one statement, whatever its filters, sort and page (decision 0032): one
// row with how many organisations match, how many match the other filters per type (the type filter's
// hints), the countries of current organisations (the country filter's choices) and the page of
// organisations as a JSON array, each with its partnerships count. One prepared statement per sort and
// direction (4 x 2 = 8 at most, each built the first time it is asked for), built once per database
// handle (app/db/prepared-queries.server.ts): every filter value is a placeholder, an absent filter a
// null that its condition lets through, so no SQL text depends on what the user asks. The page used to
// read this through listOrganisations and organisationCountries (organisations.server.ts: four
// statements, built by drizzle on every call). Those stay for the CSV export and the network page;
// they and this file must read the same (conditions, order, partnerships count, countries):
// tests/integration/organisation-list-page.test.ts checks that they agree.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { oncePerKey, prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { organisations, partnershipMembers, partnerships } from "~/db/schema";
import { jsonRows, subquery } from "~/db/sql-fragments.server";
import type { OrganisationType } from "~/lib/enums";
import { todayIso } from "~/lib/objectives";
import { offsetOf, toPage, type PageRequest } from "~/lib/pagination";
import type { OrganisationFilters, OrganisationSort } from "~/lib/validation/organisations";
import { escapeLike, type OrganisationList, type OrganisationListItem } from "./organisations.server";

const p = (name: string) => sql.placeholder(name);
const text = (name: string) => sql`${p(name)}::text`;

type Direction = OrganisationFilters["dir"];

/**
 * listConditions of organisations.server.ts with every value a typed placeholder: a condition holds
 * when its value is null. `pattern` is the search already made a LIKE pattern (`%...%`, escaped).
 */
function filterWhere(withType: boolean): SQL {
  const o = organisations;
  const equalsIfGiven = (column: SQL, name: string) =>
    sql`(${text(name)} is null or ${column} = ${text(name)})`;
  return sql.join(
    [
      sql`(${o.archivedAt} is not null) = ${p("archived")}::boolean`,
      sql`(${text("pattern")} is null or ${o.name} ilike ${text("pattern")} or ${o.acronym} ilike ${text("pattern")})`,
      ...(withType ? [equalsIfGiven(sql`${o.type}`, "type")] : []),
      equalsIfGiven(sql`${o.level}`, "level"),
      equalsIfGiven(sql`${o.countryCode}`, "country"),
    ],
    sql` and `,
  );
}

/**
 * partnershipsCountOn of organisations.server.ts: current memberships (not archived, not left: a left
 * day today or past means gone) of partnerships not archived.
 */
function partnershipsCountOf(organisationId: SQL): SQL<number> {
  const m = partnershipMembers;
  return sql<number>`(select count(*)::int from ${m} inner join ${partnerships} on ${partnerships.id} = ${m.partnershipId}
    where ${m.organisationId} = ${organisationId} and ${m.archivedAt} is null
    and (${m.leftOn} is null or ${m.leftOn} > ${p("today")}::date)
    and ${partnerships.archivedAt} is null)`;
}

/** orderFor of organisations.server.ts. */
function listOrder(sort: OrganisationSort, direction: Direction): SQL {
  const o = organisations;
  const dir = sql.raw(direction === "desc" ? "desc" : "asc");
  const byName = [sql`${o.name} ${dir}`, sql`${o.id} asc`];
  const by: Record<OrganisationSort, SQL[]> = {
    name: byName,
    type: [sql`${o.type} ${dir}`, ...byName],
    // Organisations without a country (international) come last either way.
    country: [sql`${o.countryCode} is null`, sql`${o.countryCode} ${dir}`, ...byName],
    partnerships: [sql`${partnershipsCountOf(sql`${o.id}`)} ${dir}`, sql`${o.name} asc`, sql`${o.id} asc`],
  };
  return sql.join(by[sort], sql`, `);
}

/** An item as the statement gives it: archivedAt as the driver's text of a timestamptz. */
type RawItem = Omit<OrganisationListItem, "archivedAt"> & { archivedAt: string | null };

/**
 * The page's organisations in the list's order. The page's rows are chosen first (in a subquery,
 * numbered in the list's order), so that the partnerships count is read for those rows only.
 */
function pageItems(sort: OrganisationSort, direction: Direction): SQL<RawItem[]> {
  const o = organisations;
  const order = listOrder(sort, direction);
  // Ordered by the list's order itself, not by `position`: the planner then stops numbering (and
  // reading) rows once it has the page, instead of numbering every matching row and sorting them
  // again by their number (about half the statement's time at 2,000 organisations).
  const page = sql`(select ${o.id} as id, ${o.name} as name, ${o.acronym} as acronym, ${o.type} as type,
    ${o.level} as level, ${o.countryCode} as country_code, ${o.archivedAt} as archived_at, ${o.version} as version,
    row_number() over (order by ${order}) as position
    from ${o} where ${filterWhere(true)}
    order by ${order} limit ${p("limit")} offset ${p("offset")}) page`;
  return jsonRows<RawItem>(
    sql`json_build_object('id', page.id, 'name', page.name, 'acronym', page.acronym, 'type', page.type,
      'level', page.level, 'countryCode', page.country_code,
      'partnershipsCount', ${partnershipsCountOf(sql`page.id`)},
      'archivedAt', page.archived_at::text, 'version', page.version)`,
    sql`from ${page}`,
    sql`page.position`,
  );
}

/** organisationCountries of organisations.server.ts: the countries of current organisations, in order. */
function countries(): SQL<string[]> {
  const o = organisations;
  return sql<string[]>`coalesce(${subquery(
    sql`select json_agg(distinct ${o.countryCode} order by ${o.countryCode} asc) from ${o}
      where ${o.archivedAt} is null and ${o.countryCode} is not null`,
  )}, '[]'::json)`;
}

function selectPage(db: Db, sort: OrganisationSort, direction: Direction) {
  // How many match every filter but the type, per type: the hints, and (summed over the type asked
  // for, or all) the total.
  const byType = db
    .select({ type: organisations.type, n: sql<number>`count(*)::int`.as("n") })
    .from(organisations)
    .where(filterWhere(false))
    .groupBy(organisations.type)
    .as("by_type");
  return db
    .select({
      total: sql<number>`coalesce(sum(${byType.n}) filter (where ${text("type")} is null or ${byType.type} = ${text("type")}), 0)::int`,
      typeCounts: sql<
        Partial<Record<OrganisationType, number>>
      >`coalesce(json_object_agg(${byType.type}, ${byType.n}), '{}'::json)`,
      countries: countries(),
      items: pageItems(sort, direction),
    })
    .from(byType);
}

/** The statement of a sort and direction (at most eight, each built once). */
const listQueries = preparedPerDb((db) =>
  oncePerKey((sort: OrganisationSort, direction: Direction) => prepared(selectPage(db, sort, direction))),
);

export interface OrganisationListPage {
  /** As listOrganisations gives it. */
  organisations: OrganisationList;
  /** As organisationCountries gives them. */
  countries: string[];
}

/** What /organisations shows: listOrganisations' page and organisationCountries' choices, in one query. */
export async function loadOrganisationListPage(
  db: Db,
  request: PageRequest,
  filters: OrganisationFilters,
  today: string = todayIso(),
): Promise<OrganisationListPage> {
  const [row] = await listQueries(db)(filters.sort, filters.dir).execute({
    archived: filters.archived === true,
    pattern: filters.q ? `%${escapeLike(filters.q)}%` : null,
    type: filters.type ?? null,
    level: filters.level ?? null,
    country: filters.country ?? null,
    limit: request.pageSize,
    offset: offsetOf(request),
    today,
  });
  const items = (row?.items ?? []).map((item): OrganisationListItem => ({
    ...item,
    // As drizzle maps a timestamptz column: the driver's text, read by Date.
    archivedAt: item.archivedAt === null ? null : new Date(item.archivedAt),
  }));
  return {
    organisations: { ...toPage(items, row?.total ?? 0, request), typeCounts: row?.typeCounts ?? {} },
    countries: row?.countries ?? [],
  };
}
