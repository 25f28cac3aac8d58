// The partnership signals computed from risks and health checks. Pure: no I/O, so the same
// numbers are shown on lists, pages and the network map, and unit-tested once. A health check's
// summary: health.ts; what needs attention on a partnership: attention.ts.
import { riskCategories, type RiskCategory, type RiskStatus } from "./enums";

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

function isScore(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

// ---------------------------------------------------------------------------------------------
// The four partnership signals (docs/decisions/0010-partnership-signals.md has every formula and
// threshold). Each carries a level, whether it flags the partnership, and one sentence (an i18n key
// with its values) that says why, so a user can see on the page why a partnership is flagged.

/** Fewer answers than this in a period give no trust index and no balance-of-power score: one answer's "mean" is that member's own (confidential) score. */
export const SIGNAL_MIN_RESPONDENTS = 2;
/** Trust index bands (mean 1-5 score): low below 2.5, high from 3.5. */
export const TRUST_LOW_BELOW = 2.5;
export const TRUST_HIGH_FROM = 3.5;
/** Power-imbalance index (0-100) flagged from this value. */
export const POWER_IMBALANCE_FLAG_FROM = 50;
export const POWER_IMBALANCE_MEDIUM_FROM = 25;
/** Weights of the power-imbalance components (renormalised over the components that exist). */
export const POWER_IMBALANCE_WEIGHTS = { lowBalance: 0.5, spread: 0.25, fundingConcentration: 0.25 } as const;
/** Risk exposure bands (likelihood x impact, 1-25). */
export const EXPOSURE_HIGH_FROM = 15;
export const EXPOSURE_MEDIUM_FROM = 8;
/** Clarity (share of objectives with an indicator and a target) flagged below this share. */
export const CLARITY_FLAG_BELOW = 0.75;

export type SignalLevel = "none" | "low" | "medium" | "high";
export type HealthBand = "none" | "low" | "medium" | "high";
export const healthBands = ["low", "medium", "high", "none"] as const;

/** One sentence explaining the value: an i18n key under "signals" and its interpolation values. */
export interface SignalExplanation {
  key: string;
  values: Record<string, string | number>;
}

export interface Signal<V> {
  /** null when there is nothing to compute it from. */
  value: V | null;
  level: SignalLevel;
  /** Whether this signal marks the partnership as fragile. */
  flagged: boolean;
  why: SignalExplanation;
}

export interface PowerImbalanceParts {
  /** Mean balance-of-power score (1-5) of the latest period, or null. */
  balanceMean: number | null;
  /** max - min of those scores, or null. */
  balanceSpread: number | null;
  /** Highest share (0-1) of a currency's funding received by one member, or null without funding. */
  largestRecipientShare: number | null;
  /** The currency of that share. */
  currency: string | null;
}

export interface PartnershipSignals {
  trust: Signal<number> & { period: string | null; band: HealthBand };
  powerImbalance: Signal<number> & { parts: PowerImbalanceParts };
  exposure: Signal<number>;
  clarity: Signal<number> & { objectives: number; clear: number; notClearlyDefined: number };
}

export interface SignalInputs {
  /** Current members (organisation ids). */
  memberOrganisationIds: readonly string[];
  healthChecks: readonly { period: string; trust: number | null; powerBalance: number | null }[];
  fundingLines: readonly {
    recipientOrganisationId: string | null;
    amount: string | number | null;
    currency: string;
  }[];
  risks: readonly { likelihood: number; impact: number; status: RiskStatus }[];
  objectives: readonly {
    indicator: string | null;
    target: number | null;
    status: string;
  }[];
}

/** The latest period ('YYYY-Qn' sorts as text) with any answer, and that period's answers. */
export function latestPeriod<T extends { period: string }>(
  checks: readonly T[],
): { period: string | null; answers: T[] } {
  let period: string | null = null;
  for (const check of checks) if (period === null || check.period > period) period = check.period;
  return { period, answers: checks.filter((check) => check.period === period) };
}

function mean1(scores: readonly number[]): number {
  // Scores are whole numbers: sum * 10 keeps the rounding exact (as in healthSummary).
  return Math.round((scores.reduce((a, b) => a + b, 0) * 10) / scores.length) / 10;
}

function scoresOf(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => typeof v === "number");
}

export function trustBand(trustIndex: number | null): HealthBand {
  if (trustIndex === null) return "none";
  if (trustIndex < TRUST_LOW_BELOW) return "low";
  return trustIndex >= TRUST_HIGH_FROM ? "high" : "medium";
}

/** Trust index: mean trust score (1-5) of the latest period, from at least two answers. */
export function trustSignal(checks: SignalInputs["healthChecks"]): PartnershipSignals["trust"] {
  const { period, answers } = latestPeriod(checks);
  const scores = scoresOf(answers.map((a) => a.trust));
  if (period === null || scores.length < SIGNAL_MIN_RESPONDENTS) {
    return {
      value: null,
      level: "none",
      band: "none",
      flagged: false,
      period,
      why: { key: period === null ? "signals.trust.why.none" : "signals.trust.why.tooFew", values: {} },
    };
  }
  const value = mean1(scores);
  const band = trustBand(value);
  return {
    value,
    level: band,
    band,
    flagged: band === "low",
    period,
    why: { key: `signals.trust.why.${band}`, values: { value, period, count: scores.length } },
  };
}

/**
 * The highest share of one currency's funding received by a single recipient (0-1). Amounts in
 * different currencies are never added: the share is computed within each currency, and the most
 * concentrated currency counts. Lines without a recipient or a positive amount are left out.
 */
export function largestRecipientShare(
  lines: SignalInputs["fundingLines"],
): { share: number; currency: string } | null {
  const byCurrency = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const amount = Number(line.amount);
    if (!line.recipientOrganisationId || !Number.isFinite(amount) || amount <= 0) continue;
    const recipients = byCurrency.get(line.currency) ?? new Map<string, number>();
    recipients.set(
      line.recipientOrganisationId,
      (recipients.get(line.recipientOrganisationId) ?? 0) + amount,
    );
    byCurrency.set(line.currency, recipients);
  }
  let best: { share: number; currency: string } | null = null;
  for (const currency of [...byCurrency.keys()].sort()) {
    const amounts = [...(byCurrency.get(currency)?.values() ?? [])];
    const total = amounts.reduce((a, b) => a + b, 0);
    const share = Math.max(...amounts) / total;
    if (best === null || share > best.share) best = { share, currency };
  }
  return best;
}

/**
 * Power-imbalance index, 0-100 (higher = more lopsided): the weighted mean of
 * - low balance of power: (5 - mean balance-of-power score) / 4,
 * - disagreement about it: spread of those scores / 4,
 * - funding concentration: how far the largest recipient's share is above an equal split among the
 *   current members, (share - 1/n) / (1 - 1/n), at least 0 (n = current members, at least 2),
 * over the components that can be computed (weights POWER_IMBALANCE_WEIGHTS, renormalised).
 */
export function powerImbalanceSignal(
  inputs: Pick<SignalInputs, "healthChecks" | "fundingLines" | "memberOrganisationIds">,
): PartnershipSignals["powerImbalance"] {
  const { answers } = latestPeriod(inputs.healthChecks);
  const balance = scoresOf(answers.map((a) => a.powerBalance));
  const hasBalance = balance.length >= SIGNAL_MIN_RESPONDENTS;
  const balanceMean = hasBalance ? mean1(balance) : null;
  const balanceSpread = hasBalance ? Math.max(...balance) - Math.min(...balance) : null;
  const funding = largestRecipientShare(inputs.fundingLines);
  const parts: PowerImbalanceParts = {
    balanceMean,
    balanceSpread,
    largestRecipientShare: funding ? Math.round(funding.share * 1000) / 1000 : null,
    currency: funding?.currency ?? null,
  };
  const components: [number, number][] = [];
  if (balanceMean !== null && balanceSpread !== null) {
    components.push([POWER_IMBALANCE_WEIGHTS.lowBalance, (5 - balanceMean) / 4]);
    components.push([POWER_IMBALANCE_WEIGHTS.spread, balanceSpread / 4]);
  }
  if (funding) {
    const n = Math.max(2, inputs.memberOrganisationIds.length);
    const concentration = Math.max(0, (funding.share - 1 / n) / (1 - 1 / n));
    components.push([POWER_IMBALANCE_WEIGHTS.fundingConcentration, concentration]);
  }
  if (components.length === 0) {
    return {
      value: null,
      level: "none",
      flagged: false,
      parts,
      why: { key: "signals.power.why.none", values: {} },
    };
  }
  const weight = components.reduce((total, [w]) => total + w, 0);
  const value = Math.round((100 * components.reduce((total, [w, c]) => total + w * c, 0)) / weight);
  const level: SignalLevel =
    value >= POWER_IMBALANCE_FLAG_FROM ? "high" : value >= POWER_IMBALANCE_MEDIUM_FROM ? "medium" : "low";
  const values: Record<string, string | number> = { value };
  if (balanceMean !== null) values.balance = balanceMean;
  if (balanceSpread !== null) values.spread = balanceSpread;
  if (funding) {
    values.share = Math.round(funding.share * 100);
    values.currency = funding.currency;
  }
  const which = hasBalance && funding ? "both" : hasBalance ? "balance" : "funding";
  return {
    value,
    level,
    flagged: level === "high",
    parts,
    why: { key: `signals.power.why.${which}`, values },
  };
}

/** Risk exposure: the highest likelihood x impact among risks that are not closed. */
export function exposureSignal(risks: SignalInputs["risks"]): PartnershipSignals["exposure"] {
  const live = risks.filter(isLiveRisk).length;
  if (live === 0) {
    return {
      value: null,
      level: "none",
      flagged: false,
      why: { key: "signals.exposure.why.none", values: {} },
    };
  }
  const value = highestExposure(risks);
  const level: SignalLevel =
    value >= EXPOSURE_HIGH_FROM ? "high" : value >= EXPOSURE_MEDIUM_FROM ? "medium" : "low";
  return {
    value,
    level,
    flagged: level === "high",
    why: { key: `signals.exposure.why.${level}`, values: { value, count: live } },
  };
}

/** An objective is measurable when it has an indicator and a target. */
export function isClearlyDefined(objective: { indicator: string | null; target: number | null }): boolean {
  return Boolean(objective.indicator?.trim()) && objective.target !== null;
}

/** Dropped objectives are no longer pursued: they count for neither clarity nor attention. */
export function isPursued(objective: { status: string }): boolean {
  return objective.status !== "dropped";
}

/**
 * Clarity: the share (0-1, shown as a percentage) of pursued objectives with an indicator and a
 * target. Objectives without an indicator are "not clearly defined".
 */
export function claritySignal(objectives: SignalInputs["objectives"]): PartnershipSignals["clarity"] {
  const pursued = objectives.filter(isPursued);
  const clear = pursued.filter(isClearlyDefined).length;
  const notClearlyDefined = pursued.filter((o) => !o.indicator?.trim()).length;
  if (pursued.length === 0) {
    return {
      value: null,
      level: "none",
      flagged: false,
      objectives: 0,
      clear: 0,
      notClearlyDefined: 0,
      why: { key: "signals.clarity.why.none", values: {} },
    };
  }
  const value = Math.round((clear / pursued.length) * 100) / 100;
  const level: SignalLevel = value >= 1 ? "high" : value >= CLARITY_FLAG_BELOW ? "medium" : "low";
  return {
    value,
    level,
    flagged: level === "low",
    objectives: pursued.length,
    clear,
    notClearlyDefined,
    why: {
      key: `signals.clarity.why.${level}`,
      values: { percent: Math.round(value * 100), clear, count: pursued.length, unclear: notClearlyDefined },
    },
  };
}

/** All four signals of one partnership. */
export function partnershipSignalsFrom(inputs: SignalInputs): PartnershipSignals {
  return {
    trust: trustSignal(inputs.healthChecks),
    powerImbalance: powerImbalanceSignal(inputs),
    exposure: exposureSignal(inputs.risks),
    clarity: claritySignal(inputs.objectives),
  };
}
