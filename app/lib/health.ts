// A partnership's health check summarised: per dimension the members' mean, range and spread, and
// where they disagree. Pure, like the signals built on it (signals.ts).
import { healthDimensions, type HealthDimension } from "./enums";

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
