// The partnership signals computed from risks and health checks. Pure: no I/O, so the same
// numbers are shown on lists, pages and the network map, and unit-tested once.
import {
  healthDimensions,
  riskCategories,
  type HealthDimension,
  type RiskCategory,
  type RiskStatus,
} from "./enums";

// ---------------------------------------------------------------------------------------------
// Risks

/** Exposure = likelihood x impact, each scored 1-5, so 1-25. */
export function riskExposure(likelihood: number, impact: number): number {
  if (!isScore(likelihood) || !isScore(impact)) {
    throw new RangeError(
      `likelihood and impact are whole numbers from 1 to 5 (got ${likelihood}, ${impact})`,
    );
  }
  return likelihood * impact;
}

/** Closed risks count for nothing: open and mitigating risks are still live. */
export function isLiveRisk(risk: { status: RiskStatus }): boolean {
  return risk.status !== "closed";
}

/** The highest exposure among risks that are not closed; 0 when none is. */
export function highestExposure(
  risks: readonly { likelihood: number; impact: number; status: RiskStatus }[],
): number {
  let highest = 0;
  for (const risk of risks) {
    if (isLiveRisk(risk)) highest = Math.max(highest, riskExposure(risk.likelihood, risk.impact));
  }
  return highest;
}

/** Counts of risks that are not closed, per category; every category is present (0 when none). */
export function risksByCategory(
  risks: readonly { category: RiskCategory; status: RiskStatus }[],
): Record<RiskCategory, number> {
  const counts = Object.fromEntries(riskCategories.map((category) => [category, 0])) as Record<
    RiskCategory,
    number
  >;
  for (const risk of risks) {
    if (isLiveRisk(risk)) counts[risk.category] += 1;
  }
  return counts;
}

/** What anyone may know of a risk register: no title, description, mitigation or owner. */
export interface RiskSummary {
  /** Risks that are not closed, per category. */
  byCategory: Record<RiskCategory, number>;
  /** Highest likelihood x impact among risks that are not closed (0 when none). */
  highestExposure: number;
  /** Risks that are not closed (open or mitigating). */
  openCount: number;
}

export function riskSummary(
  risks: readonly { category: RiskCategory; likelihood: number; impact: number; status: RiskStatus }[],
): RiskSummary {
  return {
    byCategory: risksByCategory(risks),
    highestExposure: highestExposure(risks),
    openCount: risks.filter(isLiveRisk).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Health checks

/** One member's answer: a 1-5 score per dimension, or null where the dimension was left empty. */
export type HealthScores = Record<HealthDimension, number | null>;

export interface HealthDimensionSummary {
  /** Mean of the scores given, rounded to one decimal; null when nobody scored the dimension. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max - min: how far the members' answers are apart (a signal in itself). */
  spread: number | null;
  /** How many answers scored this dimension (empty scores are not counted). */
  respondents: number;
}

export interface HealthSummary {
  /** How many answers were summarised. */
  respondents: number;
  dimensions: Record<HealthDimension, HealthDimensionSummary>;
  /** The mean of the trust dimension, or null when nobody scored it. */
  trustIndex: number | null;
}

/** Members "disagree" on a dimension when their scores are this far apart or more. */
export const DISAGREEMENT_SPREAD = 2;

/** Mean, min, max and spread per dimension over the answers of one period; empty scores are ignored. */
export function healthSummary(answers: readonly Partial<HealthScores>[]): HealthSummary {
  const dimensions = Object.fromEntries(
    healthDimensions.map((dimension) => [
      dimension,
      summariseScores(answers.map((answer) => answer[dimension])),
    ]),
  ) as Record<HealthDimension, HealthDimensionSummary>;
  return { respondents: answers.length, dimensions, trustIndex: dimensions.trust.mean };
}

/** The dimensions whose spread reaches DISAGREEMENT_SPREAD, in the order of `healthDimensions`. */
export function disagreements(
  dimensions: Readonly<Record<HealthDimension, { spread: number | null }>>,
): HealthDimension[] {
  return healthDimensions.filter((dimension) => (dimensions[dimension].spread ?? 0) >= DISAGREEMENT_SPREAD);
}

function summariseScores(values: readonly (number | null | undefined)[]): HealthDimensionSummary {
  const scores = values.filter((value): value is number => typeof value === "number");
  if (scores.length === 0) return { mean: null, min: null, max: null, spread: null, respondents: 0 };
  const sum = scores.reduce((total, score) => total + score, 0);
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  return {
    // Scores are whole numbers, so sum * 10 is exact: no 2.25 -> 2.2 floating-point surprises.
    mean: Math.round((sum * 10) / scores.length) / 10,
    min,
    max,
    spread: max - min,
    respondents: scores.length,
  };
}

function isScore(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}
