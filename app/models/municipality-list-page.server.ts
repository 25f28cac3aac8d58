// The /municipalities list in one statement, whatever its country filter, sort and page (decision
// 0032): one row with how many municipalities match, the country filter's choices, and the page as a
// JSON array (each with its pilots, overdue milestones, latest period end and next milestone). One
// prepared statement per sort and direction (6 x 2 = 12 at most, each built the first time it is
// asked for, once per database handle); the country and today are placeholders, so no SQL text
// depends on their values. The page used to read this through listMunicipalities and
// municipalityCountries (municipalities.server.ts: four statements in two waves, built by drizzle on
// every call). Those stay for the CSV export and the comparison view; this file repeats what they
// read (archived pilots, milestones and periods count for nothing; closed milestones are neither
// next nor overdue; unknown values sort last): tests/integration/municipality-list-page.test.ts
// checks that the two agree, and a change to either must be made to both.
import { count, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { oncePerKey, prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { municipalities } from "~/db/schema";
import { jsonRows } from "~/db/sql-fragments.server";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import type { MunicipalityFilters } from "~/lib/validation/municipalities";
import { CLOSED_MILESTONE_STATUSES, type MunicipalityListItem } from "./municipalities.server";

export interface MunicipalityListPage {
  municipalities: Page<MunicipalityListItem>;
  /** Countries that current municipalities are in: the choices of the country filter. */
  countries: string[];
}

type Sort = MunicipalityFilters["sort"];
type Direction = MunicipalityFilters["dir"];

const p = (name: string) => sql.placeholder(name);
const today = sql`${p("today")}::date`;
const closedStatuses = sql.raw(CLOSED_MILESTONE_STATUSES.map((s) => `'${s}'`).join(", "));

function filterWhere(): SQL {
  const m = municipalities;
  return sql`${m.archivedAt} is null and (${p("country")}::text is null or ${m.countryCode} = ${p("country")}::text)`;
}

// The figures of a municipality, by the SQL of its id (`municipalities.id` in the page's ordering,
// `page.id` for the page's rows). Written with their own aliases, as in municipalities.server.ts.
const pilotsCountOf = (id: SQL) =>
  sql`(select count(*)::int from pilots p where p.municipality_id = ${id} and p.archived_at is null)`;

const openMilestonesOf = (id: SQL, condition: SQL) =>
  sql`from milestones m inner join pilots p on p.id = m.pilot_id
    where p.municipality_id = ${id} and p.archived_at is null and m.archived_at is null
      and m.status not in (${closedStatuses}) and ${condition}`;

const overdueCountOf = (id: SQL) =>
  sql`(select count(*)::int ${openMilestonesOf(id, sql`m.due_on < ${today}`)})`;

const nextDueOnOf = (id: SQL) =>
  sql`(select min(m.due_on) ${openMilestonesOf(id, sql`m.due_on >= ${today}`)})`;

const latestPeriodEndOf = (id: SQL) =>
  sql`(select max(pp.period_end) from pilot_periods pp inner join pilots p on p.id = pp.pilot_id
    where p.municipality_id = ${id} and p.archived_at is null and pp.archived_at is null)`;

/** The next open milestone (earliest due today or later, then by position and id), or null. */
const nextMilestoneOf = (id: SQL) =>
  sql`(select json_build_object('id', m.id, 'title', m.title, 'dueOn', m.due_on, 'pilotId', p.id, 'pilotName', p.name)
    ${openMilestonesOf(id, sql`m.due_on >= ${today}`)}
    order by m.due_on asc, m.position asc, m.id asc limit 1)`;

/** listMunicipalities' order: the sorted column, unknown values last, then by name and id. */
function orderOf(sort: Sort, direction: Direction): SQL {
  const dir = sql.raw(direction === "desc" ? "desc" : "asc");
  const id = sql`${municipalities.id}`;
  const byName = sql`${municipalities.name} asc, ${municipalities.id} asc`;
  const nullsLast = (value: SQL) => sql`${value} is null, ${value} ${dir}, ${byName}`;
  switch (sort) {
    case "country":
      return sql`${municipalities.countryCode} ${dir}, ${byName}`;
    case "pilots":
      return sql`${pilotsCountOf(id)} ${dir}, ${byName}`;
    case "next":
      return nullsLast(nextDueOnOf(id));
    case "overdue":
      return sql`${overdueCountOf(id)} ${dir}, ${byName}`;
    case "latest":
      return nullsLast(latestPeriodEndOf(id));
    case "name":
      return sql`${municipalities.name} ${dir}, ${municipalities.id} asc`;
  }
}

/**
 * The page as a JSON array: the ids of the page's rows in the list's order (their position kept
 * with row_number, so the figures are computed for those rows only), then each row's fields.
 */
function pageItems(sort: Sort, direction: Direction): SQL<MunicipalityListItem[]> {
  const m = municipalities;
  const order = orderOf(sort, direction);
  const page = sql`(select ${m.id} as id, ${m.name} as name, ${m.countryCode} as country_code, ${m.region} as region,
      row_number() over (order by ${order}) as position
    from ${m} where ${filterWhere()}
    order by ${order}
    limit ${p("limit")} offset ${p("offset")}) page`;
  const id = sql`page.id`;
  return jsonRows<MunicipalityListItem>(
    sql`json_build_object('id', page.id, 'name', page.name, 'countryCode', page.country_code, 'region', page.region,
      'pilotsCount', ${pilotsCountOf(id)}, 'overdueMilestones', ${overdueCountOf(id)},
      'latestPeriodEnd', ${latestPeriodEndOf(id)}, 'nextMilestone', ${nextMilestoneOf(id)})`,
    sql`from ${page}`,
    sql`page.position`,
  );
}

/** The countries of current municipalities, in order (as municipalityCountries). */
function countries(): SQL<string[]> {
  const m = municipalities;
  return jsonRows<string>(
    sql`c.country_code`,
    sql`from (select distinct ${m.countryCode} as country_code from ${m} where ${m.archivedAt} is null) c`,
    sql`c.country_code asc`,
  );
}

function prepareList(db: Db, sort: Sort, direction: Direction) {
  return prepared(
    db
      .select({ total: count(), countries: countries(), items: pageItems(sort, direction) })
      .from(municipalities)
      .where(filterWhere()),
  );
}

const listQueries = preparedPerDb((db) => ({
  /** The statement of a sort and direction (at most twelve, each built once). */
  list: oncePerKey((sort: Sort, direction: Direction) => prepareList(db, sort, direction)),
}));

/**
 * What the /municipalities list shows: a page of municipalities (as listMunicipalities) and the
 * country filter's choices (as municipalityCountries). One query.
 */
export async function loadMunicipalityListPage(
  db: Db,
  request: PageRequest,
  filters: MunicipalityFilters,
  todayIso: string,
): Promise<MunicipalityListPage> {
  const [row] = await listQueries(db)
    .list(filters.sort, filters.dir)
    .execute({
      country: filters.country ?? null,
      today: todayIso,
      limit: request.pageSize,
      offset: offsetOf(request),
    });
  return {
    municipalities: toPage(row?.items ?? [], row?.total ?? 0, request),
    countries: row?.countries ?? [],
  };
}
