// The dashboard's partnerships needing attention in one statement (part of dashboard-page.server.ts's
// wave): the lowest trust index, the highest risk exposure and the biggest disagreement, with the
// read conditions of dashboard-attention.server.ts (tests/integration/dashboard-page.test.ts
// compares the two).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { healthChecks, partnerships, risks } from "~/db/schema";
import { cappedJsonList, sqlLiteral, subquery, type ListJson } from "~/db/sql-fragments.server";
import { DASHBOARD_LIST_LIMIT } from "~/lib/dashboard";
import { healthDimensions, type HealthDimension } from "~/lib/enums";
import { DISAGREEMENT_SPREAD } from "~/lib/health";
import { SIGNAL_MIN_RESPONDENTS, trustBand } from "~/lib/signals";
import { HEALTH_AGGREGATE_MIN_RESPONDENTS } from "./confidential.server";
import {
  exposureLevel,
  type AttentionLists,
  type DisagreementItem,
  type ExposureItem,
} from "./dashboard-attention.server";

/** Not archived and current on `today` (watched). */
function watched(today: SQL): SQL {
  return sql`${partnerships.archivedAt} is null and ${partnerships.status} <> 'ended' and (${partnerships.endDate} is null or ${partnerships.endDate} >= ${today})`;
}

const dimensionColumns: Record<HealthDimension, SQL> = {
  objectives_clarity: sql`${healthChecks.objectivesClarity}`,
  mutual_understanding: sql`${healthChecks.mutualUnderstanding}`,
  trust: sql`${healthChecks.trust}`,
  recognition: sql`${healthChecks.recognition}`,
  power_balance: sql`${healthChecks.powerBalance}`,
  funding_stability: sql`${healthChecks.fundingStability}`,
  priority_alignment: sql`${healthChecks.priorityAlignment}`,
  communication: sql`${healthChecks.communication}`,
};

export interface AttentionJson {
  lowestTrust: ListJson<{ id: string; name: string; value: number }>;
  highestExposure: ListJson<Omit<ExposureItem, "level">>;
  disagreement: ListJson<DisagreementItem>;
}

/**
 * The three lists in one statement. Each partnership's latest period with any answer is read once
 * (`latest`), and its answers once (`answers`): the trust index (average and number of trust scores,
 * as lowestTrust) and per dimension the spread and the number of scores (as biggestDisagreement's
 * `spreads`, without turning each answer into eight rows).
 */
export function selectAttention(db: Db, today: SQL) {
  const perDimension = sql.join(
    healthDimensions.map(
      (d, i) =>
        sql`(max(${dimensionColumns[d]}) - min(${dimensionColumns[d]}))::int as spread_${sql.raw(String(i))}, count(${dimensionColumns[d]})::int as scores_${sql.raw(String(i))}`,
    ),
    sql`, `,
  );
  const dimensionValues = sql.join(
    healthDimensions.map(
      (d, i) =>
        sql`(${sqlLiteral(d)}::text, ${sqlLiteral(i)}::int, answers.spread_${sql.raw(String(i))}, answers.scores_${sql.raw(String(i))})`,
    ),
    sql`, `,
  );
  const list = (object: SQL, from: SQL, order: SQL) =>
    cappedJsonList(object, from, order, DASHBOARD_LIST_LIMIT);
  return db
    .select({
      attention: subquery<AttentionJson>(sql`with latest as (
          select ${healthChecks.partnershipId} as partnership_id, max(${healthChecks.period}) as period
          from ${healthChecks} group by ${healthChecks.partnershipId}
        ),
        answers as (
          select ${healthChecks.partnershipId} as partnership_id,
            round(avg(${healthChecks.trust})::numeric, 1)::float8 as trust, count(${healthChecks.trust})::int as trust_answers,
            ${perDimension}
          from ${healthChecks} join latest on latest.partnership_id = ${healthChecks.partnershipId} and latest.period = ${healthChecks.period}
          group by ${healthChecks.partnershipId}
        ),
        biggest as (
          select distinct on (answers.partnership_id) answers.partnership_id, v.dimension, v.spread
          from answers cross join lateral (values ${dimensionValues}) as v(dimension, position, spread, scores)
          where v.scores >= ${sqlLiteral(HEALTH_AGGREGATE_MIN_RESPONDENTS)}
          order by answers.partnership_id, v.spread desc, v.position asc
        ),
        exposure as (
          select ${risks.partnershipId} as partnership_id,
            max(${risks.likelihood} * ${risks.impact})::int as value, count(*)::int as open_risks
          from ${risks}
          where ${risks.archivedAt} is null and ${risks.status} <> 'closed'
          group by ${risks.partnershipId}
        )
        select json_build_object(
          'lowestTrust', ${list(
            sql`json_build_object('id', ${partnerships.id}, 'name', ${partnerships.name}, 'value', answers.trust)`,
            sql`from answers join ${partnerships} on ${partnerships.id} = answers.partnership_id where ${watched(today)} and answers.trust_answers >= ${sqlLiteral(SIGNAL_MIN_RESPONDENTS)}`,
            sql`answers.trust asc, ${partnerships.name} asc, ${partnerships.id} asc`,
          )},
          'highestExposure', ${list(
            sql`json_build_object('id', ${partnerships.id}, 'name', ${partnerships.name}, 'value', exposure.value, 'openRisks', exposure.open_risks)`,
            sql`from exposure join ${partnerships} on ${partnerships.id} = exposure.partnership_id where ${watched(today)}`,
            sql`exposure.value desc, ${partnerships.name} asc, ${partnerships.id} asc`,
          )},
          'disagreement', ${list(
            sql`json_build_object('id', ${partnerships.id}, 'name', ${partnerships.name}, 'dimension', biggest.dimension, 'spread', biggest.spread)`,
            sql`from biggest join ${partnerships} on ${partnerships.id} = biggest.partnership_id where ${watched(today)} and biggest.spread >= ${sqlLiteral(DISAGREEMENT_SPREAD)}`,
            sql`biggest.spread desc, ${partnerships.name} asc, ${partnerships.id} asc`,
          )})`),
    })
    .from(sql`(select 1) as one`);
}

export function attentionFrom(json: AttentionJson): AttentionLists {
  return {
    lowestTrust: {
      items: json.lowestTrust.items.map((item) => ({ ...item, band: trustBand(item.value) })),
      total: json.lowestTrust.total,
    },
    highestExposure: {
      items: json.highestExposure.items.map((item) => ({ ...item, level: exposureLevel(item.value) })),
      total: json.highestExposure.total,
    },
    disagreement: json.disagreement,
  };
}
