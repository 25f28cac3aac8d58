// Partnership-confidential information (DOMAIN.md): risk titles, descriptions and mitigations, and
// each member's own health-check scores and comments, reach only coordinators and users whose
// organisation is a current member of the partnership. Everyone else gets aggregates.
//
// The rule is enforced here, in the data a loader receives, not in the page: the aggregate variants
// are built field by field from numbers, and their queries do not even select the confidential
// columns, so nothing hidden can reach a browser through a spread row or a forgotten key.
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { canOn } from "~/auth/permissions.server";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { healthChecks, healthScoreKeys, organisations, partnershipMembers, risks } from "~/db/schema";
import { healthDimensions, type HealthDimension, type RiskCategory, type RiskStatus } from "~/lib/enums";
import { healthSummary, type HealthScores, type HealthSummary } from "~/lib/health";
import { isLiveRisk, riskExposure, riskSummary, type RiskSummary } from "~/lib/signals";

export type { HealthScores } from "~/lib/health";
export type { RiskSummary } from "~/lib/signals";

/** "full": every field; "aggregate": the aggregates only. */
export type ConfidentialAccess = "full" | "aggregate";

/**
 * Below this many scores on a dimension, non-members get neither its mean nor its spread: the mean of
 * one answer is that member's own score.
 */
export const HEALTH_AGGREGATE_MIN_RESPONDENTS = 2;

// ---------------------------------------------------------------------------------------------
// Who may see

/** Today as 'YYYY-MM-DD' (UTC), the default "as of" day of membership. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Organisations that are members of the partnership today: not archived, and not left (a `leftOn`
 * day that is today or past means the organisation has left).
 */
export async function partnershipMemberOrganisationIds(
  db: Db,
  partnershipId: string,
  asOf: string = today(),
): Promise<string[]> {
  const members = await db
    .select({ organisationId: partnershipMembers.organisationId })
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.partnershipId, partnershipId),
        isNull(partnershipMembers.archivedAt),
        or(isNull(partnershipMembers.leftOn), gt(partnershipMembers.leftOn, asOf)),
      ),
    );
  return members.map((member) => member.organisationId);
}

/** Whether the viewer gets the partnership's confidential fields ("full") or the aggregates only. */
export async function confidentialAccess(
  db: Db,
  viewer: AuthUser | null,
  partnershipId: string,
): Promise<ConfidentialAccess> {
  if (!viewer) return "aggregate";
  // Coordinators read every partnership's confidential fields: no need to look at its members.
  if (canOn(viewer, "confidential:read", { memberOrganisationIds: [] })) return "full";
  // Without an organisation nobody can be a member.
  if (viewer.organisationId === null) return "aggregate";
  const memberOrganisationIds = await partnershipMemberOrganisationIds(db, partnershipId);
  return canOn(viewer, "confidential:read", { memberOrganisationIds }) ? "full" : "aggregate";
}

// ---------------------------------------------------------------------------------------------
// Risk register

/** A risk with every field: only for viewers with full access. */
export interface RiskDetail {
  id: string;
  category: RiskCategory;
  title: string;
  description: string | null;
  likelihood: number;
  impact: number;
  /** likelihood x impact (1-25); shown even for a closed risk, which counts for nothing in the summary. */
  exposure: number;
  status: RiskStatus;
  ownerOrganisationId: string | null;
  ownerName: string | null;
  mitigation: string | null;
  reviewOn: string | null;
  version: number;
}

export type RiskRegister =
  | { access: "full"; risks: RiskDetail[]; summary: RiskSummary }
  | { access: "aggregate"; summary: RiskSummary };

/**
 * The partnership's risk register (archived risks left out) as the viewer may see it: every risk
 * with all its fields, sorted with live risks first and then by exposure, or the summary only.
 */
export async function riskRegisterFor(
  db: Db,
  viewer: AuthUser | null,
  partnershipId: string,
): Promise<RiskRegister> {
  const access = await confidentialAccess(db, viewer, partnershipId);
  const ofPartnership = and(eq(risks.partnershipId, partnershipId), isNull(risks.archivedAt));

  if (access === "aggregate") {
    const rows = await db
      .select({
        category: risks.category,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
      })
      .from(risks)
      .where(ofPartnership);
    return { access, summary: riskSummary(rows) };
  }

  const rows = await db
    .select({
      id: risks.id,
      category: risks.category,
      title: risks.title,
      description: risks.description,
      likelihood: risks.likelihood,
      impact: risks.impact,
      status: risks.status,
      ownerOrganisationId: risks.ownerOrganisationId,
      ownerName: organisations.name,
      mitigation: risks.mitigation,
      reviewOn: risks.reviewOn,
      version: risks.version,
    })
    .from(risks)
    .leftJoin(organisations, eq(organisations.id, risks.ownerOrganisationId))
    .where(ofPartnership);
  const details: RiskDetail[] = rows
    .map((row) => ({ ...row, exposure: riskExposure(row.likelihood, row.impact) }))
    .sort(
      (a, b) =>
        Number(isLiveRisk(b)) - Number(isLiveRisk(a)) ||
        b.exposure - a.exposure ||
        a.title.localeCompare(b.title) ||
        a.id.localeCompare(b.id),
    );
  return { access, risks: details, summary: riskSummary(rows) };
}

// ---------------------------------------------------------------------------------------------
// Health checks

/** One member's answer for a period: only for viewers with full access. */
export interface HealthAnswer {
  respondentOrganisationId: string;
  respondentName: string;
  period: string;
  scores: HealthScores;
  comment: string | null;
}

export interface HealthDimensionAggregate {
  /** Mean score, one decimal; null when nobody scored the dimension, or when withheld. */
  mean: number | null;
  /** max - min of the scores; null when nobody scored the dimension, or when withheld. */
  spread: number | null;
  /** How many answers scored this dimension. */
  respondents: number;
  /**
   * True when there are scores but fewer than HEALTH_AGGREGATE_MIN_RESPONDENTS and the viewer has
   * aggregate access only: mean and spread would give away a member's own score.
   */
  withheld: boolean;
}

export interface HealthPeriodSummary {
  /** 'YYYY-Qn' */
  period: string;
  /** How many members answered in the period. */
  respondents: number;
  dimensions: Record<HealthDimension, HealthDimensionAggregate>;
  /** Mean of the trust dimension (null when nobody scored it, or when withheld). */
  trustIndex: number | null;
}

export interface HealthOverview {
  /** The period shown: the one asked for, else the latest with answers; null when there are none. */
  period: string | null;
  /** Periods with answers, newest first. */
  periods: string[];
  /** The summary of `period` (no respondents when the period asked for has no answers). */
  current: HealthPeriodSummary | null;
  /** One summary per period with answers, oldest first (for the trend chart). */
  trend: HealthPeriodSummary[];
}

export type HealthChecksView =
  | { access: "full"; answers: HealthAnswer[]; summary: HealthOverview }
  | { access: "aggregate"; summary: HealthOverview };

const PERIOD = /^[0-9]{4}-Q[1-4]$/;

/** The health_checks columns of the scores, keyed by dimension. */
const scoreColumns = Object.fromEntries(
  healthDimensions.map((dimension) => [dimension, healthChecks[healthScoreKeys[dimension]]]),
) as { [D in HealthDimension]: (typeof healthChecks)[(typeof healthScoreKeys)[D]] };

function scoresOf(row: Readonly<Record<HealthDimension, number | null>>): HealthScores {
  return Object.fromEntries(healthDimensions.map((dimension) => [dimension, row[dimension]])) as HealthScores;
}

/**
 * The partnership's health checks as the viewer may see them: the summary of one period (`period`,
 * 'YYYY-Qn', else the latest; a malformed period is ignored), the periods available and the trend;
 * with full access also each member's answer of that period, with its scores and comment.
 */
export async function healthChecksFor(
  db: Db,
  viewer: AuthUser | null,
  partnershipId: string,
  period?: string | null,
): Promise<HealthChecksView> {
  const access = await confidentialAccess(db, viewer, partnershipId);
  const ofPartnership = eq(healthChecks.partnershipId, partnershipId);

  if (access === "aggregate") {
    // Neither the respondent nor the comment is read: the scores leave this function only as aggregates.
    const rows = await db
      .select({ period: healthChecks.period, ...scoreColumns })
      .from(healthChecks)
      .where(ofPartnership);
    const answers = rows.map((row) => ({ period: row.period, scores: scoresOf(row) }));
    return { access, summary: overview(answers, period, access) };
  }

  const rows = await db
    .select({
      respondentOrganisationId: healthChecks.respondentOrganisationId,
      respondentName: organisations.name,
      period: healthChecks.period,
      comment: healthChecks.comment,
      ...scoreColumns,
    })
    .from(healthChecks)
    .innerJoin(organisations, eq(organisations.id, healthChecks.respondentOrganisationId))
    .where(ofPartnership);
  const answers: HealthAnswer[] = rows.map((row) => ({
    respondentOrganisationId: row.respondentOrganisationId,
    respondentName: row.respondentName,
    period: row.period,
    scores: scoresOf(row),
    comment: row.comment,
  }));
  const summary = overview(answers, period, access);
  return {
    access,
    answers: answers
      .filter((answer) => answer.period === summary.period)
      .sort((a, b) => a.respondentName.localeCompare(b.respondentName)),
    summary,
  };
}

function overview(
  answers: readonly { period: string; scores: HealthScores }[],
  requested: string | null | undefined,
  access: ConfidentialAccess,
): HealthOverview {
  const byPeriod = new Map<string, HealthScores[]>();
  for (const answer of answers) {
    const list = byPeriod.get(answer.period) ?? [];
    list.push(answer.scores);
    byPeriod.set(answer.period, list);
  }
  // 'YYYY-Qn' sorts chronologically as text.
  const oldestFirst = [...byPeriod.keys()].sort();
  const trend = oldestFirst.map((p) => periodSummary(p, healthSummary(byPeriod.get(p) ?? []), access));
  const period = requested && PERIOD.test(requested) ? requested : (oldestFirst.at(-1) ?? null);
  const current =
    period === null
      ? null
      : (trend.find((summary) => summary.period === period) ??
        periodSummary(period, healthSummary([]), access));
  return { period, periods: [...oldestFirst].reverse(), current, trend };
}

/** Keep mean, spread and counts only; withhold what would reveal one member's score. */
function periodSummary(
  period: string,
  summary: HealthSummary,
  access: ConfidentialAccess,
): HealthPeriodSummary {
  const dimensions = Object.fromEntries(
    healthDimensions.map((dimension): [HealthDimension, HealthDimensionAggregate] => {
      const { mean, spread, respondents } = summary.dimensions[dimension];
      const withheld =
        access === "aggregate" && respondents > 0 && respondents < HEALTH_AGGREGATE_MIN_RESPONDENTS;
      return [
        dimension,
        withheld
          ? { mean: null, spread: null, respondents, withheld }
          : { mean, spread, respondents, withheld },
      ];
    }),
  ) as Record<HealthDimension, HealthDimensionAggregate>;
  return { period, respondents: summary.respondents, dimensions, trustIndex: dimensions.trust.mean };
}
