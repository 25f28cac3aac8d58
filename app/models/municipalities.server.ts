// Municipalities: the list (country filter, sorting, pages) with each one's pilots, next and overdue
// milestones and latest outcome period; and a municipality's page (its local authority, the
// partnerships that authority is in, its pilots, upcoming and overdue milestones across them).
// Set-based: a fixed number of queries whatever the number of municipalities, pilots or milestones.
// The comparison of pilots lives in municipalities-comparison.server.ts.
import { and, asc, count, desc, eq, gte, inArray, isNull, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  milestones,
  municipalities,
  organisations,
  partnershipMembers,
  partnerships,
  pilots,
} from "~/db/schema";
import type { MemberRole, MilestoneStatus, PartnershipStatus } from "~/lib/enums";
import { offsetOf, toPage, type Page, type PageRequest } from "~/lib/pagination";
import { todayIso } from "~/lib/objectives";
import type { MunicipalityFilters } from "~/lib/validation/municipalities";
import { loadAlerts, type PilotAlert } from "./alerts.server";
import { milestonesForPilots, type MilestoneAcrossPilots } from "./milestones.server";
import { isUuid } from "~/lib/uuid";
import { listPilotsOfMunicipalities, type PilotListItem } from "./pilots.server";

/** Milestones in the statuses that no longer need anything: neither upcoming nor overdue. */
export const CLOSED_MILESTONE_STATUSES: readonly MilestoneStatus[] = ["done", "cancelled"];

/** The municipality page lists open milestones due within this many days (today included). */
export const UPCOMING_DAYS = 60;

/** At most this many overdue, and this many upcoming, milestones on the page ("and N more" past it). */
export const MILESTONES_SHOWN = 200;

// --- the list ---------------------------------------------------------------------------------

export interface NextMilestone {
  id: string;
  title: string;
  dueOn: string;
  pilotId: string;
  pilotName: string;
}

export interface MunicipalityListItem {
  id: string;
  name: string;
  countryCode: string;
  region: string | null;
  /** Pilots that are not archived. */
  pilotsCount: number;
  /** The earliest open milestone (not done or cancelled) due today or later, across its pilots. */
  nextMilestone: NextMilestone | null;
  /** Open milestones due before today, across its pilots. */
  overdueMilestones: number;
  /** The latest end of a reporting period across its pilots. */
  latestPeriodEnd: string | null;
}

// Correlated subqueries over "municipalities"."id": written with their own aliases because drizzle
// leaves column names unqualified in a one-table select. Archived pilots, milestones and periods count
// for nothing.
const closedStatuses = sql.raw(CLOSED_MILESTONE_STATUSES.map((s) => `'${s}'`).join(", "));

const pilotsCount = sql<number>`(
  select count(*)::int from pilots p
  where p.municipality_id = "municipalities"."id" and p.archived_at is null
)`.mapWith(Number);

function openMilestonesOf(condition: SQL): SQL {
  return sql`from milestones m inner join pilots p on p.id = m.pilot_id
  where p.municipality_id = "municipalities"."id" and p.archived_at is null and m.archived_at is null
    and m.status not in (${closedStatuses}) and ${condition}`;
}

function overdueCount(today: string) {
  return sql<number>`(select count(*)::int ${openMilestonesOf(sql`m.due_on < ${today}::date`)})`.mapWith(
    Number,
  );
}

function nextDueOn(today: string) {
  return sql<
    string | null
  >`(select min(m.due_on)::text ${openMilestonesOf(sql`m.due_on >= ${today}::date`)})`;
}

const latestPeriodEnd = sql<string | null>`(
  select max(pp.period_end)::text from pilot_periods pp inner join pilots p on p.id = pp.pilot_id
  where p.municipality_id = "municipalities"."id" and p.archived_at is null and pp.archived_at is null
)`;

function listWhere(filters: Partial<MunicipalityFilters>): SQL | undefined {
  return and(
    isNull(municipalities.archivedAt),
    filters.country ? eq(municipalities.countryCode, filters.country) : undefined,
  );
}

function orderFor(filters: Partial<MunicipalityFilters>, today: string): SQL[] {
  const direction = filters.dir === "desc" ? desc : asc;
  const byName = [asc(municipalities.name), asc(municipalities.id)];
  // Unknown values (no milestone, no period) come last either way.
  const nullsLast = (value: SQL) => [sql`${value} is null`, direction(value)];
  switch (filters.sort) {
    case "country":
      return [direction(municipalities.countryCode), ...byName];
    case "pilots":
      return [direction(pilotsCount), ...byName];
    case "next":
      return [...nullsLast(nextDueOn(today)), ...byName];
    case "overdue":
      return [direction(overdueCount(today)), ...byName];
    case "latest":
      return [...nullsLast(latestPeriodEnd), ...byName];
    default:
      return [direction(municipalities.name), asc(municipalities.id)];
  }
}

/** Municipalities (not archived) matching the filters, one page at a time: 3 queries. */
export async function listMunicipalities(
  db: Db,
  request: PageRequest,
  filters: Partial<MunicipalityFilters> = {},
  today: string = todayIso(),
): Promise<Page<MunicipalityListItem>> {
  const where = listWhere(filters);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: municipalities.id,
        name: municipalities.name,
        countryCode: municipalities.countryCode,
        region: municipalities.region,
        pilotsCount,
        overdueMilestones: overdueCount(today),
        latestPeriodEnd,
      })
      .from(municipalities)
      .where(where)
      .orderBy(...orderFor(filters, today))
      .limit(request.pageSize)
      .offset(offsetOf(request)),
    db.select({ total: count() }).from(municipalities).where(where),
  ]);
  const next = await nextMilestones(
    db,
    rows.map((row) => row.id),
    today,
  );
  const items = rows.map((row) => ({ ...row, nextMilestone: next.get(row.id) ?? null }));
  return toPage(items, totalRow?.total ?? 0, request);
}

/** The next open milestone of each municipality (one query, DISTINCT ON the municipality). */
async function nextMilestones(
  db: Db,
  municipalityIds: string[],
  today: string,
): Promise<Map<string, NextMilestone>> {
  if (municipalityIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([pilots.municipalityId], {
      municipalityId: pilots.municipalityId,
      id: milestones.id,
      title: milestones.title,
      dueOn: milestones.dueOn,
      pilotId: pilots.id,
      pilotName: pilots.name,
    })
    .from(milestones)
    .innerJoin(pilots, eq(pilots.id, milestones.pilotId))
    .where(
      and(
        inArray(pilots.municipalityId, municipalityIds),
        isNull(pilots.archivedAt),
        isNull(milestones.archivedAt),
        notInArray(milestones.status, [...CLOSED_MILESTONE_STATUSES]),
        gte(milestones.dueOn, today),
      ),
    )
    .orderBy(pilots.municipalityId, asc(milestones.dueOn), asc(milestones.position), asc(milestones.id));
  const byMunicipality = new Map<string, NextMilestone>();
  for (const { municipalityId, dueOn, ...rest } of rows) {
    if (dueOn !== null) byMunicipality.set(municipalityId, { ...rest, dueOn });
  }
  return byMunicipality;
}

/** Countries that current municipalities are in: the choices of the country filter. */
export async function municipalityCountries(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ countryCode: municipalities.countryCode })
    .from(municipalities)
    .where(isNull(municipalities.archivedAt))
    .orderBy(asc(municipalities.countryCode));
  return rows.map((row) => row.countryCode);
}

// --- a municipality's page ----------------------------------------------------------------------

export interface MunicipalityHeader {
  id: string;
  name: string;
  countryCode: string;
  region: string | null;
  archivedAt: Date | null;
  organisationId: string | null;
  organisationName: string | null;
}

export interface MunicipalityPartnership {
  id: string;
  name: string;
  status: PartnershipStatus;
  role: MemberRole;
  /** Set when the local authority has left the partnership. */
  leftOn: string | null;
}

export interface MunicipalityPage {
  municipality: MunicipalityHeader;
  partnerships: MunicipalityPartnership[];
  pilots: PilotListItem[];
  /** Open milestones due before today, oldest first (at most MILESTONES_SHOWN). */
  overdue: MilestoneAcrossPilots[];
  /** Open milestones due from today to UPCOMING_DAYS later, earliest first (at most MILESTONES_SHOWN). */
  upcoming: MilestoneAcrossPilots[];
  /** How many there are of each, shown or not. */
  overdueTotal: number;
  upcomingTotal: number;
  /** The alerts of its pilots (lib/alerts.ts), pilot by pilot in the order of `pilots`. */
  alerts: PilotAlert[];
}

/** The municipality and its local authority, or null for an unknown (or malformed) id. */
export async function findMunicipality(db: Db, id: string): Promise<MunicipalityHeader | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      countryCode: municipalities.countryCode,
      region: municipalities.region,
      archivedAt: municipalities.archivedAt,
      organisationId: municipalities.organisationId,
      organisationName: organisations.name,
    })
    .from(municipalities)
    .leftJoin(organisations, eq(organisations.id, municipalities.organisationId))
    .where(eq(municipalities.id, id));
  return row ?? null;
}

/** What the municipality page shows (8 queries whatever the number of pilots), or null for an unknown id. */
export async function loadMunicipalityPage(
  db: Db,
  id: string,
  today: string = todayIso(),
  limit: number = MILESTONES_SHOWN,
): Promise<MunicipalityPage | null> {
  const municipality = await findMunicipality(db, id);
  if (!municipality) return null;
  const [partnershipsOf, pilotsOf] = await Promise.all([
    municipality.organisationId ? partnershipsOfOrganisation(db, municipality.organisationId) : [],
    listPilotsOfMunicipalities(db, [municipality.id]),
  ]);
  const pilotList = pilotsOf.get(municipality.id) ?? [];
  const pilotIds = pilotList.map((pilot) => pilot.id);
  const [open, alertsByPilot] = await Promise.all([
    milestonesForPilots(db, pilotIds, { today, withinDays: UPCOMING_DAYS, limit }),
    loadAlerts(db, pilotIds, today),
  ]);
  return {
    municipality,
    partnerships: partnershipsOf,
    pilots: pilotList,
    ...open,
    alerts: pilotIds.flatMap((pilotId) => alertsByPilot.get(pilotId) ?? []),
  };
}

async function partnershipsOfOrganisation(
  db: Db,
  organisationId: string,
): Promise<MunicipalityPartnership[]> {
  return db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      status: partnerships.status,
      role: partnershipMembers.role,
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
    .orderBy(sql`${partnershipMembers.leftOn} is not null`, asc(partnerships.name), asc(partnerships.id));
}
