// The /partnerships list in two statements sent together, whatever its filters, sort and page:
// - a page of the partnerships matching the filters, in the list's order (one prepared statement per
//   sort and direction: 6 x 2 = 12 at most, each built the first time it is asked for), each row with
//   its current members (role, organisation's name and acronym) and the inputs of its signals and of
//   its next due item (health checks, funding lines, risks and objectives not archived) as JSON arrays;
// - how many match.
// Both are built once per database handle (app/db/prepared-queries.server.ts): every filter value is
// a placeholder, an absent filter a null that its condition lets through, so no SQL text depends on
// what the user asks. The page used to read these through listPartnerships (partnership-list.server.ts:
// eleven statements in two waves, its page and count, its members, partnershipSignals' five and
// nextDueItems' three, each built by drizzle on every call). Those stay for the other callers (the
// export, the tests); what the page shows is computed by the same pure function
// (partnershipSignalsFrom of lib/signals.ts) and nextDueOf below, which picks as nextDueItems does.
// tests/integration/partnership-list-page.test.ts checks the two agree across filters, sorts and pages:
// a change to what listPartnerships, partnershipSignals or nextDueItems read must be made here too.
import { asc, count, desc, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { oncePerKey, prepared, preparedPerDb } from "~/db/prepared-queries.server";
import { jsonRows } from "~/db/sql-fragments.server";
import {
  fundingLines,
  healthChecks,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  risks,
} from "~/db/schema";
import { partnershipStatuses, type MemberRole, type RiskStatus } from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { todayIso } from "~/lib/partnership-status";
import {
  partnershipSignalsFrom,
  SIGNAL_MIN_RESPONDENTS,
  TRUST_HIGH_FROM,
  TRUST_LOW_BELOW,
} from "~/lib/signals";
import type { PartnershipListQuery } from "~/lib/validation/partnerships";
import {
  partnershipListColumns,
  type NextDueItem,
  type PartnershipListItem,
} from "./partnership-list.server";

const p = (name: string) => sql.placeholder(name);
const today = sql`${p("today")}::date`;

// ---------------------------------------------------------------------------------------------
// The conditions and orders of listPartnerships (partnership-list.server.ts), values as placeholders

/** How many current members (not archived, not left: a left day today or past means gone). */
const memberCountSql = sql`(select count(*)::int from ${partnershipMembers} m where m.partnership_id = ${partnerships.id} and m.archived_at is null and (m.left_on is null or m.left_on > ${today}))`;

/** Highest likelihood x impact among live risks (null when none): the exposure sort. */
const exposureSql = sql`(select max(r.likelihood * r.impact) from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed')`;

/** The trust index as app/lib/signals.ts computes it (latest period, enough answers, one decimal). */
const trustSql = sql`(select case when count(h.trust) >= ${sql.raw(String(SIGNAL_MIN_RESPONDENTS))} then round(avg(h.trust)::numeric, 1) end from ${healthChecks} h where h.partnership_id = ${partnerships.id} and h.period = (select max(h2.period) from ${healthChecks} h2 where h2.partnership_id = ${partnerships.id}))`;

/** healthBandSql of partnership-list.server.ts: whether the trust index is in the band `band` names. */
function healthBandSql(band: SQL): SQL {
  const low = sql.raw(String(TRUST_LOW_BELOW));
  const high = sql.raw(String(TRUST_HIGH_FROM));
  return sql`((${band} = 'none' and ${trustSql} is null) or (${band} = 'low' and ${trustSql} < ${low}) or (${band} = 'medium' and ${trustSql} >= ${low} and ${trustSql} < ${high}) or (${band} = 'high' and ${trustSql} >= ${high}))`;
}

const statusOrderSql = sql`case ${partnerships.status} ${sql.join(
  partnershipStatuses.map((status, i) => sql.raw(`when '${status}' then ${i}`)),
  sql` `,
)} end`;

/**
 * listConditions of partnership-list.server.ts with every value a placeholder: a condition holds
 * when its value is null. The casts give each placeholder its type.
 */
function filterWhere(): SQL {
  const text = (name: string) => sql`${p(name)}::text`;
  const equalsIfGiven = (column: SQL, name: string) =>
    sql`(${text(name)} is null or ${column} = ${text(name)})`;
  return sql.join(
    [
      sql`(${partnerships.archivedAt} is not null) = ${p("archived")}::boolean`,
      equalsIfGiven(sql`${partnerships.status}`, "status"),
      equalsIfGiven(sql`${partnerships.countryCode}`, "country"),
      equalsIfGiven(sql`${partnerships.scopeLevel}`, "level"),
      sql`(${text("riskCategory")} is null or exists (select 1 from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed' and r.category = ${text("riskCategory")}))`,
      sql`(${text("healthBand")} is null or ${healthBandSql(text("healthBand"))})`,
    ],
    sql` and `,
  );
}

function filterValues(query: PartnershipListQuery) {
  return {
    archived: query.archived,
    status: query.status ?? null,
    country: query.country ?? null,
    level: query.level ?? null,
    riskCategory: query.riskCategory ?? null,
    healthBand: query.healthBand ?? null,
  };
}

type Sort = PartnershipListQuery["sort"];
type Direction = PartnershipListQuery["direction"];

/** orderFor of partnership-list.server.ts. */
function listOrder(sort: Sort, direction: Direction): SQL[] {
  const dir = sql.raw(direction === "desc" ? "desc nulls last" : "asc nulls last");
  const by: Record<Sort, SQL | null> = {
    name: null,
    status: statusOrderSql,
    start: sql`${partnerships.startDate}`,
    members: memberCountSql,
    exposure: exposureSql,
    trust: trustSql,
  };
  const first = by[sort];
  const name = direction === "desc" && sort === "name" ? desc(partnerships.name) : asc(partnerships.name);
  return [...(first ? [sql`${first} ${dir}`] : []), name, asc(partnerships.id)];
}

// ---------------------------------------------------------------------------------------------
// The statements

interface MemberRow {
  organisationId: string;
  role: MemberRole;
  name: string;
  acronym: string | null;
}

/**
 * A page of partnerships with their members and the inputs of their signals and next due item. The
 * page's rows are chosen first (in a subquery, numbered in the list's order), so that the JSON arrays
 * are read for those rows only, not for the rows a later page skips.
 */
function selectPage(db: Db, sort: Sort, direction: Direction) {
  const order = listOrder(sort, direction);
  const page = db
    .select({
      ...partnershipListColumns,
      position: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as("position"),
    })
    .from(partnerships)
    .where(filterWhere())
    // The list's order itself, not "position": numbering stops at the page (see organisation-list-page).
    .orderBy(...order)
    .limit(p("limit"))
    .offset(p("offset"))
    .as("page");
  return db
    .select({
      id: page.id,
      name: page.name,
      status: page.status,
      countryCode: page.countryCode,
      scopeLevel: page.scopeLevel,
      startDate: page.startDate,
      endDate: page.endDate,
      archivedAt: page.archivedAt,
      members: jsonRows<MemberRow>(
        sql`json_build_object('organisationId', ${organisations.id}, 'role', ${partnershipMembers.role}, 'name', ${organisations.name}, 'acronym', ${organisations.acronym})`,
        sql`from ${partnershipMembers} inner join ${organisations} on ${organisations.id} = ${partnershipMembers.organisationId} where ${partnershipMembers.partnershipId} = ${page.id} and ${partnershipMembers.archivedAt} is null and (${partnershipMembers.leftOn} is null or ${partnershipMembers.leftOn} > ${today})`,
      ),
      // Every health check (archived ones too, as partnershipSignals reads them).
      healthChecks: jsonRows<{ period: string; trust: number | null; powerBalance: number | null }>(
        sql`json_build_object('period', ${healthChecks.period}, 'trust', ${healthChecks.trust}, 'powerBalance', ${healthChecks.powerBalance})`,
        sql`from ${healthChecks} where ${healthChecks.partnershipId} = ${page.id}`,
      ),
      // Amounts as text, as drizzle reads a numeric.
      fundingLines: jsonRows<{
        recipientOrganisationId: string | null;
        amount: string | null;
        currency: string;
        endsOn: string | null;
        reference: string | null;
      }>(
        sql`json_build_object('recipientOrganisationId', ${fundingLines.recipientOrganisationId}, 'amount', ${fundingLines.amount}::text, 'currency', ${fundingLines.currency}, 'endsOn', ${fundingLines.endsOn}, 'reference', ${fundingLines.reference})`,
        sql`from ${fundingLines} where ${fundingLines.partnershipId} = ${page.id} and ${fundingLines.archivedAt} is null`,
      ),
      risks: jsonRows<{ likelihood: number; impact: number; status: RiskStatus; reviewOn: string | null }>(
        sql`json_build_object('likelihood', ${risks.likelihood}, 'impact', ${risks.impact}, 'status', ${risks.status}, 'reviewOn', ${risks.reviewOn})`,
        sql`from ${risks} where ${risks.partnershipId} = ${page.id} and ${risks.archivedAt} is null`,
      ),
      objectives: jsonRows<{
        title: string;
        indicator: string | null;
        target: number | null;
        status: string;
        dueDate: string | null;
      }>(
        sql`json_build_object('title', ${objectives.title}, 'indicator', ${objectives.indicator}, 'target', ${objectives.target}, 'status', ${objectives.status}, 'dueDate', ${objectives.dueDate})`,
        sql`from ${objectives} where ${objectives.partnershipId} = ${page.id} and ${objectives.archivedAt} is null`,
      ),
    })
    .from(page)
    .orderBy(page.position);
}

const listQueries = preparedPerDb((db) => ({
  total: prepared(db.select({ total: count() }).from(partnerships).where(filterWhere())),
  /** The page statement of a sort and direction (at most twelve, each built once). */
  page: oncePerKey((sort: Sort, direction: Direction) => prepared(selectPage(db, sort, direction))),
}));

// ---------------------------------------------------------------------------------------------
// The page

type PageRow = Awaited<ReturnType<ReturnType<ReturnType<typeof listQueries>["page"]>["execute"]>>[number];

/**
 * The nearest item due today or later, as nextDueItems (partnership-list.server.ts) picks it: an open
 * objective's due date, a funding line's end, or a live risk's review date; on a tie the first of
 * objectives, funding lines, risks (each in the order the database gives them).
 */
function nextDueOf(row: PageRow, today: string): NextDueItem | null {
  const candidates: NextDueItem[] = [
    ...row.objectives
      .filter((o) => o.status !== "achieved" && o.status !== "dropped")
      .map((o) => ({ kind: "objective" as const, date: o.dueDate, label: o.title })),
    ...row.fundingLines.map((f) => ({ kind: "funding" as const, date: f.endsOn, label: f.reference })),
    ...row.risks
      .filter((r) => r.status !== "closed")
      .map((r) => ({ kind: "riskReview" as const, date: r.reviewOn, label: null })),
  ].flatMap(({ kind, date, label }) => (date !== null && date >= today ? [{ kind, date, label }] : []));
  let best: NextDueItem | null = null;
  for (const item of candidates) if (!best || item.date < best.date) best = item;
  return best;
}

/**
 * What /partnerships shows: a page of the partnerships matching the query, sorted, with member
 * count, lead, signals and next due item (as listPartnerships). Two queries.
 */
export async function loadPartnershipListPage(
  db: Db,
  request: PageRequest,
  query: PartnershipListQuery,
  todayValue: string = todayIso(),
): Promise<Page<PartnershipListItem>> {
  const queries = listQueries(db);
  const values = filterValues(query);
  const [[totalRow], rows] = await Promise.all([
    queries.total.execute(values),
    queries.page(query.sort, query.direction).execute({
      ...values,
      today: todayValue,
      limit: request.pageSize,
      offset: offsetOf(request),
    }),
  ]);
  const items = rows.map((row): PartnershipListItem => {
    const { members, healthChecks, fundingLines, risks, objectives, ...fields } = row;
    const lead = members.find((m) => m.role === "lead");
    return {
      ...fields,
      memberCount: members.length,
      lead: lead ? { id: lead.organisationId, name: lead.name, acronym: lead.acronym } : null,
      signals: partnershipSignalsFrom({
        memberOrganisationIds: members.map((m) => m.organisationId),
        healthChecks,
        fundingLines,
        risks,
        objectives,
      }),
      nextDue: nextDueOf(row, todayValue),
    };
  });
  return toPage(items, totalRow?.total ?? 0, request);
}
