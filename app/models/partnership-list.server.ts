// The partnership list (filters, sorts, pages) and each listed partnership's next due item.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  fundingLines,
  healthChecks,
  objectives,
  organisations,
  partnershipMembers,
  partnerships,
  risks,
} from "~/db/schema";
import { partnershipStatuses, type Level, type PartnershipStatus } from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { todayIso } from "~/lib/partnership-status";
import {
  SIGNAL_MIN_RESPONDENTS,
  TRUST_HIGH_FROM,
  TRUST_LOW_BELOW,
  type HealthBand,
  type PartnershipSignals,
} from "~/lib/signals";
import { parsePartnershipListQuery, type PartnershipListQuery } from "~/lib/validation/partnerships";
import { partnershipSignals } from "./signals.server";
import {} from "~/db/rows.server";

export interface NextDueItem {
  kind: "objective" | "funding" | "riskReview";
  date: string;
  /** The objective's title, or the funding line's reference; none for a risk (its title is confidential). */
  label: string | null;
}

export interface PartnershipListItem {
  id: string;
  name: string;
  status: PartnershipStatus;
  countryCode: string | null;
  scopeLevel: Level | null;
  startDate: string | null;
  endDate: string | null;
  archivedAt: Date | null;
  memberCount: number;
  lead: { id: string; name: string; acronym: string | null } | null;
  signals: PartnershipSignals;
  nextDue: NextDueItem | null;
}

/** Current members on `today`: not archived, not left (a left day today or past means gone). */
function currentMemberSql(today: string) {
  return sql`m.archived_at is null and (m.left_on is null or m.left_on > ${today})`;
}

function memberCountSql(today: string) {
  return sql<number>`(select count(*)::int from ${partnershipMembers} m where m.partnership_id = ${partnerships.id} and ${currentMemberSql(today)})`;
}

/** Highest likelihood x impact among live risks (null when none): the exposure signal, in SQL. */
const exposureSql = sql`(select max(r.likelihood * r.impact) from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed')`;

/** The trust index in SQL, as app/lib/signals.ts computes it (latest period, enough answers, one decimal). */
const trustSql = sql`(select case when count(h.trust) >= ${SIGNAL_MIN_RESPONDENTS} then round(avg(h.trust)::numeric, 1) end from ${healthChecks} h where h.partnership_id = ${partnerships.id} and h.period = (select max(h2.period) from ${healthChecks} h2 where h2.partnership_id = ${partnerships.id}))`;

function healthBandSql(band: HealthBand): SQL {
  switch (band) {
    case "none":
      return sql`${trustSql} is null`;
    case "low":
      return sql`${trustSql} < ${TRUST_LOW_BELOW}`;
    case "medium":
      return sql`${trustSql} >= ${TRUST_LOW_BELOW} and ${trustSql} < ${TRUST_HIGH_FROM}`;
    case "high":
      return sql`${trustSql} >= ${TRUST_HIGH_FROM}`;
  }
}

const statusOrderSql = sql`case ${partnerships.status} ${sql.join(
  partnershipStatuses.map((status, i) => sql.raw(`when '${status}' then ${i}`)),
  sql` `,
)} end`;

function orderFor(query: PartnershipListQuery, today: string): SQL[] {
  const dir = sql.raw(query.direction === "desc" ? "desc nulls last" : "asc nulls last");
  const by: Record<PartnershipListQuery["sort"], SQL | null> = {
    name: null,
    status: statusOrderSql,
    start: sql`${partnerships.startDate}`,
    members: memberCountSql(today),
    exposure: exposureSql,
    trust: trustSql,
  };
  const first = by[query.sort];
  const name =
    query.direction === "desc" && query.sort === "name" ? desc(partnerships.name) : asc(partnerships.name);
  return [...(first ? [sql`${first} ${dir}`] : []), name, asc(partnerships.id)];
}

function listConditions(query: PartnershipListQuery): SQL[] {
  const conditions: SQL[] = [
    query.archived ? isNotNull(partnerships.archivedAt) : isNull(partnerships.archivedAt),
  ];
  if (query.status) conditions.push(eq(partnerships.status, query.status));
  if (query.country) conditions.push(eq(partnerships.countryCode, query.country));
  if (query.level) conditions.push(eq(partnerships.scopeLevel, query.level));
  if (query.riskCategory) {
    conditions.push(
      sql`exists (select 1 from ${risks} r where r.partnership_id = ${partnerships.id} and r.archived_at is null and r.status <> 'closed' and r.category = ${query.riskCategory})`,
    );
  }
  if (query.healthBand) conditions.push(healthBandSql(query.healthBand));
  return conditions;
}

/**
 * Partnerships matching the filters, one page at a time, sorted, with member count, lead, signals
 * and next due item. A handful of queries per page, whatever its size.
 */
/** The columns of a partnership the list shows (also read by partnership-list-page.server.ts). */
export const partnershipListColumns = {
  id: partnerships.id,
  name: partnerships.name,
  status: partnerships.status,
  countryCode: partnerships.countryCode,
  scopeLevel: partnerships.scopeLevel,
  startDate: partnerships.startDate,
  endDate: partnerships.endDate,
  archivedAt: partnerships.archivedAt,
};

export async function listPartnerships(
  db: Db,
  request: PageRequest,
  query: PartnershipListQuery = parsePartnershipListQuery(new URLSearchParams()),
  today: string = todayIso(),
): Promise<Page<PartnershipListItem>> {
  const where = and(...listConditions(query));
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(partnershipListColumns)
      .from(partnerships)
      .where(where)
      .orderBy(...orderFor(query, today))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(partnerships).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [members, signals, nextDue] = await Promise.all([
    ids.length
      ? db
          .select({
            partnershipId: partnershipMembers.partnershipId,
            role: partnershipMembers.role,
            organisationId: organisations.id,
            name: organisations.name,
            acronym: organisations.acronym,
          })
          .from(partnershipMembers)
          .innerJoin(organisations, eq(organisations.id, partnershipMembers.organisationId))
          .where(
            and(
              inArray(partnershipMembers.partnershipId, ids),
              isNull(partnershipMembers.archivedAt),
              or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, today)),
            ),
          )
      : Promise.resolve([]),
    partnershipSignals(db, ids, today),
    nextDueItems(db, ids, today),
  ]);
  const items = rows.map((row): PartnershipListItem => {
    const own = members.filter((m) => m.partnershipId === row.id);
    const lead = own.find((m) => m.role === "lead");
    const rowSignals = signals.get(row.id);
    if (!rowSignals) throw new Error("signals missing for a listed partnership");
    return {
      ...row,
      memberCount: own.length,
      lead: lead ? { id: lead.organisationId, name: lead.name, acronym: lead.acronym } : null,
      signals: rowSignals,
      nextDue: nextDue.get(row.id) ?? null,
    };
  });
  return toPage(items, totalRow?.total ?? 0, request);
}

/**
 * The nearest item due today or later for each partnership: an open objective's due date, a funding
 * line's end, or a live risk's review date. Three queries for all ids.
 */
export async function nextDueItems(
  db: Db,
  ids: readonly string[],
  today: string = todayIso(),
): Promise<Map<string, NextDueItem>> {
  const result = new Map<string, NextDueItem>();
  if (ids.length === 0) return result;
  const list = [...ids];
  const [objectiveRows, fundingRows, riskRows] = await Promise.all([
    db
      .select({ partnershipId: objectives.partnershipId, date: objectives.dueDate, label: objectives.title })
      .from(objectives)
      .where(
        and(
          inArray(objectives.partnershipId, list),
          isNull(objectives.archivedAt),
          notInArray(objectives.status, ["achieved", "dropped"]),
          gte(objectives.dueDate, today),
        ),
      ),
    db
      .select({
        partnershipId: fundingLines.partnershipId,
        date: fundingLines.endsOn,
        label: fundingLines.reference,
      })
      .from(fundingLines)
      .where(
        and(
          inArray(fundingLines.partnershipId, list),
          isNull(fundingLines.archivedAt),
          gte(fundingLines.endsOn, today),
        ),
      ),
    db
      .select({ partnershipId: risks.partnershipId, date: risks.reviewOn })
      .from(risks)
      .where(
        and(
          inArray(risks.partnershipId, list),
          isNull(risks.archivedAt),
          ne(risks.status, "closed"),
          gte(risks.reviewOn, today),
        ),
      ),
  ]);
  const candidates: { partnershipId: string | null; item: NextDueItem }[] = [
    ...objectiveRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "objective" as const,
      date: r.date,
      label: r.label,
    })),
    ...fundingRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "funding" as const,
      date: r.date,
      label: r.label,
    })),
    ...riskRows.map((r) => ({
      partnershipId: r.partnershipId,
      kind: "riskReview" as const,
      date: r.date,
      label: null,
    })),
  ].flatMap(({ partnershipId, kind, date, label }) =>
    date === null ? [] : [{ partnershipId, item: { kind, date, label } }],
  );
  for (const { partnershipId, item } of candidates) {
    if (partnershipId === null) continue;
    const best = result.get(partnershipId);
    if (!best || item.date < best.date) result.set(partnershipId, item);
  }
  return result;
}
