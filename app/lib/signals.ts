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
function isPursued(objective: { status: string }): boolean {
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

// ---------------------------------------------------------------------------------------------
// What needs attention on a partnership's overview

export type AttentionItem =
  | { kind: "objectiveOverdue"; title: string; dueDate: string }
  | { kind: "objectiveNotClearlyDefined"; title: string }
  | { kind: "riskReviewsOverdue"; count: number; titles: string[] | null }
  | { kind: "fundingEndsBeforeObjectives"; fundingEnds: string; objectivesDue: string }
  | { kind: "missingLead" }
  | { kind: "tooFewMembers"; count: number };

export interface AttentionInputs {
  status: string;
  members: readonly { role: string }[];
  objectives: readonly {
    title: string;
    indicator: string | null;
    dueDate: string | null;
    status: string;
  }[];
  /** Titles only with confidential access (null otherwise). */
  risks: readonly { title: string | null; status: RiskStatus; reviewOn: string | null }[];
  fundingLines: readonly { endsOn: string | null }[];
}

/** Open objectives: neither achieved nor dropped. */
function isOpenObjective(objective: { status: string }): boolean {
  return objective.status !== "achieved" && objective.status !== "dropped";
}

/** The partnership's problems on `today` ('YYYY-MM-DD'), most pressing kinds first. */
export function needsAttention(inputs: AttentionInputs, today: string): AttentionItem[] {
  const items: AttentionItem[] = [];
  if (inputs.status === "active" && inputs.members.length < 2) {
    items.push({ kind: "tooFewMembers", count: inputs.members.length });
  }
  if (
    inputs.status !== "ended" &&
    inputs.status !== "exploring" &&
    !inputs.members.some((m) => m.role === "lead")
  ) {
    items.push({ kind: "missingLead" });
  }
  for (const objective of inputs.objectives) {
    if (isOpenObjective(objective) && objective.dueDate !== null && objective.dueDate < today) {
      items.push({ kind: "objectiveOverdue", title: objective.title, dueDate: objective.dueDate });
    }
  }
  for (const objective of inputs.objectives) {
    if (isPursued(objective) && !objective.indicator?.trim()) {
      items.push({ kind: "objectiveNotClearlyDefined", title: objective.title });
    }
  }
  const overdue = inputs.risks.filter((r) => isLiveRisk(r) && r.reviewOn !== null && r.reviewOn < today);
  if (overdue.length > 0) {
    const titles = overdue.map((r) => r.title).filter((t): t is string => t !== null);
    items.push({
      kind: "riskReviewsOverdue",
      count: overdue.length,
      titles: titles.length === overdue.length ? titles : null,
    });
  }
  // Funding with no end date is open-ended: only when every line ends can the money run out first.
  const ends = inputs.fundingLines.map((line) => line.endsOn);
  const dues = inputs.objectives
    .filter(isOpenObjective)
    .map((o) => o.dueDate)
    .filter((d): d is string => d !== null);
  if (ends.length > 0 && dues.length > 0 && ends.every((e) => e !== null)) {
    const fundingEnds = (ends as string[]).reduce((a, b) => (a > b ? a : b));
    const objectivesDue = dues.reduce((a, b) => (a > b ? a : b));
    if (fundingEnds < objectivesDue)
      items.push({ kind: "fundingEndsBeforeObjectives", fundingEnds, objectivesDue });
  }
  return items;
}
