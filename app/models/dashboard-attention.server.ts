// Partnerships needing attention on the dashboard: the lowest trust index, the highest open-risk
// exposure, the biggest member disagreement. One query per list (ranked and capped in SQL, with the
// total), whatever the number of partnerships. The figures are the existing signals of
// app/lib/signals.ts computed in SQL (tests check they agree): only aggregates anyone may see
// (decision 0009), never a risk title or a member's own scores.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { rows } from "~/db/rows.server";
import { healthChecks, partnerships, risks } from "~/db/schema";
import { DASHBOARD_LIST_LIMIT } from "~/lib/dashboard";
import { healthDimensions, type HealthDimension } from "~/lib/enums";
import { DISAGREEMENT_SPREAD } from "~/lib/health";
import {
  EXPOSURE_HIGH_FROM,
  EXPOSURE_MEDIUM_FROM,
  SIGNAL_MIN_RESPONDENTS,
  trustBand,
  type HealthBand,
  type SignalLevel,
} from "~/lib/signals";
import { HEALTH_AGGREGATE_MIN_RESPONDENTS } from "./confidential.server";

export interface CappedList<T> {
  items: T[];
  /** How many there are in all (the list shows at most DASHBOARD_LIST_LIMIT). */
  total: number;
}

export interface TrustItem {
  id: string;
  name: string;
  /** The trust index (1-5, one decimal), as `trustSignal` computes it. */
  value: number;
  band: HealthBand;
}

export interface ExposureItem {
  id: string;
  name: string;
  /** Highest likelihood x impact among live risks (1-25), as `exposureSignal`. */
  value: number;
  level: SignalLevel;
  /** Risks not closed. */
  openRisks: number;
}

export interface DisagreementItem {
  id: string;
  name: string;
  /** max - min of the members' scores on `dimension` in the latest period. */
  spread: number;
  dimension: HealthDimension;
}

export interface AttentionLists {
  lowestTrust: CappedList<TrustItem>;
  highestExposure: CappedList<ExposureItem>;
  disagreement: CappedList<DisagreementItem>;
}

/**
 * Partnerships that can still need attention: not archived and current on `today`, the SQL twin of
 * `isCurrentPartnership` (status not ended, end date, its last day, none or not before today).
 */
const watched = (today: string) =>
  sql`${partnerships.archivedAt} is null and ${partnerships.status} <> 'ended' and (${partnerships.endDate} is null or ${partnerships.endDate} >= ${today})`;

/** Each partnership's latest period with any answer (trustSignal's `latestPeriod`). */
const latestPeriods = sql`latest as (select ${healthChecks.partnershipId} as partnership_id, max(${healthChecks.period}) as period from ${healthChecks} group by ${healthChecks.partnershipId})`;
const inLatestPeriod = sql`latest.partnership_id = ${healthChecks.partnershipId} and latest.period = ${healthChecks.period}`;

const dimensionColumns: Record<HealthDimension, PgColumn> = {
  objectives_clarity: healthChecks.objectivesClarity,
  mutual_understanding: healthChecks.mutualUnderstanding,
  trust: healthChecks.trust,
  recognition: healthChecks.recognition,
  power_balance: healthChecks.powerBalance,
  funding_stability: healthChecks.fundingStability,
  priority_alignment: healthChecks.priorityAlignment,
  communication: healthChecks.communication,
};

function capped<T>(list: T[], total: number | undefined): CappedList<T> {
  return { items: list, total: Number(total ?? 0) };
}

export async function lowestTrust(
  db: Db,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
): Promise<CappedList<TrustItem>> {
  const result = rows<{ id: string; name: string; value: number | string; total: number }>(
    await db.execute(sql`with ${latestPeriods},
      trust as (
        select ${healthChecks.partnershipId} as partnership_id,
          round(avg(${healthChecks.trust})::numeric, 1)::float8 as value,
          count(${healthChecks.trust})::int as answers
        from ${healthChecks} join latest on ${inLatestPeriod}
        group by ${healthChecks.partnershipId}
      )
      select ${partnerships.id} as id, ${partnerships.name} as name, trust.value as value,
        (count(*) over ())::int as total
      from trust join ${partnerships} on ${partnerships.id} = trust.partnership_id
      where ${watched(today)} and trust.answers >= ${SIGNAL_MIN_RESPONDENTS}
      order by trust.value asc, ${partnerships.name} asc, ${partnerships.id} asc
      limit ${limit}`),
  );
  return capped(
    result.map((r) => {
      const value = Number(r.value);
      return { id: r.id, name: r.name, value, band: trustBand(value) };
    }),
    result[0]?.total,
  );
}

export function exposureLevel(value: number): SignalLevel {
  return value >= EXPOSURE_HIGH_FROM ? "high" : value >= EXPOSURE_MEDIUM_FROM ? "medium" : "low";
}

export async function highestExposure(
  db: Db,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
): Promise<CappedList<ExposureItem>> {
  const result = rows<{ id: string; name: string; value: number; open_risks: number; total: number }>(
    await db.execute(sql`with exposure as (
        select ${risks.partnershipId} as partnership_id,
          max(${risks.likelihood} * ${risks.impact})::int as value, count(*)::int as open_risks
        from ${risks}
        where ${risks.archivedAt} is null and ${risks.status} <> 'closed'
        group by ${risks.partnershipId}
      )
      select ${partnerships.id} as id, ${partnerships.name} as name, exposure.value as value,
        exposure.open_risks as open_risks, (count(*) over ())::int as total
      from exposure join ${partnerships} on ${partnerships.id} = exposure.partnership_id
      where ${watched(today)}
      order by exposure.value desc, ${partnerships.name} asc, ${partnerships.id} asc
      limit ${limit}`),
  );
  return capped(
    result.map((r) => {
      const value = Number(r.value);
      return { id: r.id, name: r.name, value, level: exposureLevel(value), openRisks: Number(r.open_risks) };
    }),
    result[0]?.total,
  );
}

/**
 * The biggest spread between members' scores on one dimension in the latest period, among
 * dimensions scored by at least two members (what non-members may see) and from DISAGREEMENT_SPREAD
 * (the health tab's "members disagree"). Ties between dimensions go to the first in
 * `healthDimensions`.
 */
export async function biggestDisagreement(
  db: Db,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
): Promise<CappedList<DisagreementItem>> {
  const values: SQL = sql.join(
    healthDimensions.map((d, i) => sql`(${d}::text, ${i}::int, ${dimensionColumns[d]}::int)`),
    sql`, `,
  );
  const result = rows<{
    id: string;
    name: string;
    dimension: HealthDimension;
    spread: number;
    total: number;
  }>(
    await db.execute(sql`with ${latestPeriods},
      scores as (
        select ${healthChecks.partnershipId} as partnership_id, v.dimension, v.position, v.score
        from ${healthChecks} join latest on ${inLatestPeriod}
        cross join lateral (values ${values}) as v(dimension, position, score)
        where v.score is not null
      ),
      spreads as (
        select partnership_id, dimension, position, (max(score) - min(score))::int as spread
        from scores group by partnership_id, dimension, position
        having count(*) >= ${HEALTH_AGGREGATE_MIN_RESPONDENTS}
      ),
      biggest as (
        select distinct on (partnership_id) partnership_id, dimension, spread
        from spreads order by partnership_id, spread desc, position asc
      )
      select ${partnerships.id} as id, ${partnerships.name} as name, biggest.dimension as dimension,
        biggest.spread as spread, (count(*) over ())::int as total
      from biggest join ${partnerships} on ${partnerships.id} = biggest.partnership_id
      where ${watched(today)} and biggest.spread >= ${DISAGREEMENT_SPREAD}
      order by biggest.spread desc, ${partnerships.name} asc, ${partnerships.id} asc
      limit ${limit}`),
  );
  return capped(
    result.map((r) => ({ id: r.id, name: r.name, dimension: r.dimension, spread: Number(r.spread) })),
    result[0]?.total,
  );
}

/** The three lists, in parallel: three queries. */
export async function attentionLists(
  db: Db,
  today: string,
  limit = DASHBOARD_LIST_LIMIT,
): Promise<AttentionLists> {
  const [trust, exposure, disagreement] = await Promise.all([
    lowestTrust(db, today, limit),
    highestExposure(db, today, limit),
    biggestDisagreement(db, today, limit),
  ]);
  return { lowestTrust: trust, highestExposure: exposure, disagreement };
}
