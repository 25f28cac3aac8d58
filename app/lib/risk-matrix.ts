// The 5x5 likelihood x impact matrix of a risk register and its colour bands. Pure: no I/O.
import { isLiveRisk } from "./signals";
import type { RiskStatus } from "./enums";

export const exposureBands = ["low", "medium", "high", "critical"] as const;
export type ExposureBand = (typeof exposureBands)[number];

/** The exposures (likelihood x impact, 1-25) each band covers, for the legend. */
export const exposureBandRanges: Record<ExposureBand, { from: number; to: number }> = {
  low: { from: 1, to: 4 },
  medium: { from: 5, to: 9 },
  high: { from: 10, to: 14 },
  critical: { from: 15, to: 25 },
};

export function exposureBand(exposure: number): ExposureBand {
  if (exposure >= exposureBandRanges.critical.from) return "critical";
  if (exposure >= exposureBandRanges.high.from) return "high";
  if (exposure >= exposureBandRanges.medium.from) return "medium";
  return "low";
}

const SCORES = [1, 2, 3, 4, 5] as const;

export interface MatrixCell<R> {
  likelihood: number;
  impact: number;
  exposure: number;
  band: ExposureBand;
  risks: R[];
}

/**
 * Rows from likelihood 5 down to 1 (the usual reading: most likely on top), cells from impact 1
 * to 5; each cell holds the risks that are not closed (closed risks count for nothing).
 */
export function riskMatrix<R extends { likelihood: number; impact: number; status: RiskStatus }>(
  risks: readonly R[],
): { likelihood: number; cells: MatrixCell<R>[] }[] {
  return [...SCORES].reverse().map((likelihood) => ({
    likelihood,
    cells: SCORES.map((impact) => ({
      likelihood,
      impact,
      exposure: likelihood * impact,
      band: exposureBand(likelihood * impact),
      risks: risks.filter((r) => isLiveRisk(r) && r.likelihood === likelihood && r.impact === impact),
    })),
  }));
}

/** A review date that has passed while the risk is still live. `today` is 'YYYY-MM-DD'. */
export function isReviewOverdue(
  risk: { reviewOn: string | null; status: RiskStatus },
  today: string,
): boolean {
  return risk.reviewOn !== null && risk.reviewOn < today && isLiveRisk(risk);
}
