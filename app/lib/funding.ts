// Funding lines of a partnership or a pilot: totals and warnings. Pure: no I/O.
//
// Amounts are decimal strings ("5139366.07", as numeric(14,2) comes out of the database) and are
// summed as integer cents in BigInt, never as floats: 0.1 + 0.2 must stay 0.30. Totals are kept
// per currency and never summed across currencies (DOMAIN.md).
import {
  fundingSources,
  fundingStages,
  type FundingSource,
  type FundingStage,
  type OutcomePathway,
} from "./enums";
import { numberFormat } from "./format";

/** AMIF co-financing: usually at most 75%, up to 90% for specific actions (Reg. (EU) 2021/1147, Art. 15). */
export const AMIF_USUAL_MAX_COFINANCING = 75;

const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n cents; throws on anything that is not a non-negative decimal with ≤ 2 decimals. */
export function toCents(amount: string): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new RangeError(`not an amount: ${amount}`);
  const [, whole = "0", fraction = ""] = match;
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
}

/** 123450n cents → "1234.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole.toString()}.${fraction}`;
}

export interface FundingLineFacts {
  source: FundingSource;
  stage: FundingStage;
  /** Decimal string, or null when the amount is not known yet. */
  amount: string | null;
  currency: string;
  cofinancingRate?: number | null;
  endsOn?: string | null;
  pathwaysCovered: readonly OutcomePathway[];
  voluntaryReturnOnly: boolean;
}

export interface CurrencyTotals {
  currency: string;
  total: string;
  /** In the order of `fundingSources`; only sources with at least one line. */
  bySource: { source: FundingSource; amount: string; lines: number }[];
  /** In project-cycle order; only stages with at least one line. */
  byStage: { stage: FundingStage; amount: string; lines: number }[];
}

/** Totals by source and by stage, one block per currency (alphabetical). Lines without an amount are skipped. */
export function fundingTotals(lines: readonly FundingLineFacts[]): CurrencyTotals[] {
  const byCurrency = new Map<
    string,
    {
      total: bigint;
      source: Map<FundingSource, [bigint, number]>;
      stage: Map<FundingStage, [bigint, number]>;
    }
  >();
  for (const line of lines) {
    if (line.amount === null) continue;
    const cents = toCents(line.amount);
    const currency = line.currency.toUpperCase();
    let entry = byCurrency.get(currency);
    if (!entry) {
      entry = { total: 0n, source: new Map(), stage: new Map() };
      byCurrency.set(currency, entry);
    }
    entry.total += cents;
    const s = entry.source.get(line.source) ?? [0n, 0];
    entry.source.set(line.source, [s[0] + cents, s[1] + 1]);
    const g = entry.stage.get(line.stage) ?? [0n, 0];
    entry.stage.set(line.stage, [g[0] + cents, g[1] + 1]);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, entry]) => ({
      currency,
      total: fromCents(entry.total),
      bySource: fundingSources.flatMap((source) => {
        const found = entry.source.get(source);
        return found ? [{ source, amount: fromCents(found[0]), lines: found[1] }] : [];
      }),
      byStage: fundingStages.flatMap((stage) => {
        const found = entry.stage.get(stage);
        return found ? [{ stage, amount: fromCents(found[0]), lines: found[1] }] : [];
      }),
    }));
}

/** Restricted to voluntary return: flagged so, or paying for no other pathway than voluntary return. */
export function isVoluntaryReturnOnly(
  line: Pick<FundingLineFacts, "pathwaysCovered" | "voluntaryReturnOnly">,
) {
  return (
    line.voluntaryReturnOnly ||
    (line.pathwaysCovered.length > 0 && line.pathwaysCovered.every((p) => p === "voluntary_return"))
  );
}

/** An AMIF line above the usual co-financing ceiling: a warning, not an error (specific actions go to 90%). */
export function cofinancingAboveUsual(line: Pick<FundingLineFacts, "source" | "cofinancingRate">): boolean {
  return (
    line.source === "amif" &&
    line.cofinancingRate !== null &&
    line.cofinancingRate !== undefined &&
    line.cofinancingRate > AMIF_USUAL_MAX_COFINANCING
  );
}

export interface ObjectiveDue {
  dueDate: string | null;
  status: string;
}

export type FundingWarning =
  | { kind: "allVoluntaryReturnOnly" }
  | { kind: "endsBeforeObjectives"; fundingEndsOn: string; objectivesDueOn: string }
  | { kind: "cofinancingAboveUsual"; lines: number };

/**
 * What needs attention in an owner's funding:
 * - all of it is restricted to voluntary return (the seminar asked for funding beyond it);
 * - it ends before the objectives are due: the latest funding end is before the latest due date of
 *   the objectives still to reach (achieved and dropped ones do not count). A line without an end
 *   date is open-ended, so the funding does not end;
 * - AMIF lines above the usual co-financing rate.
 */
export function fundingWarnings(
  lines: readonly FundingLineFacts[],
  objectives: readonly ObjectiveDue[] = [],
): FundingWarning[] {
  const warnings: FundingWarning[] = [];
  if (lines.length > 0 && lines.every(isVoluntaryReturnOnly))
    warnings.push({ kind: "allVoluntaryReturnOnly" });
  const latestEnd = latestFundingEnd(lines);
  const latestDue = objectives
    .filter((o) => o.status !== "achieved" && o.status !== "dropped")
    .map((o) => o.dueDate)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  if (latestEnd && latestDue && latestEnd < latestDue) {
    warnings.push({ kind: "endsBeforeObjectives", fundingEndsOn: latestEnd, objectivesDueOn: latestDue });
  }
  const above = lines.filter(cofinancingAboveUsual).length;
  if (above > 0) warnings.push({ kind: "cofinancingAboveUsual", lines: above });
  return warnings;
}

/** The day the last funding line ends; null when there is none, or one of them has no end (open-ended). */
export function latestFundingEnd(lines: readonly Pick<FundingLineFacts, "endsOn">[]): string | null {
  if (lines.length === 0) return null;
  let latest = "";
  for (const line of lines) {
    if (!line.endsOn) return null;
    if (line.endsOn > latest) latest = line.endsOn;
  }
  return latest;
}

/** A decimal amount in its currency, in the reader's language, without going through a float. */
export function formatMoney(amount: string, currency: string, locale: string): string {
  try {
    return numberFormat(locale, { style: "currency", currency }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}
