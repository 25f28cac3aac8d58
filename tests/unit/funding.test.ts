import { describe, expect, test } from "vitest";
import {
  cofinancingAboveUsual,
  formatMoney,
  fromCents,
  fundingTotals,
  fundingWarnings,
  isVoluntaryReturnOnly,
  latestFundingEnd,
  toCents,
  type FundingLineFacts,
} from "~/lib/funding";
import { isOverdue, notClearlyDefined, progressPercent } from "~/lib/objectives";

function line(overrides: Partial<FundingLineFacts> = {}): FundingLineFacts {
  return {
    source: "amif",
    stage: "implementation",
    amount: "100.00",
    currency: "EUR",
    cofinancingRate: null,
    endsOn: null,
    pathwaysCovered: [],
    voluntaryReturnOnly: false,
    ...overrides,
  };
}

describe("amounts in cents", () => {
  test("decimal strings become integer cents and back", () => {
    expect(toCents("5139366.07")).toBe(513936607n);
    expect(toCents("0.1")).toBe(10n);
    expect(toCents("12")).toBe(1200n);
    expect(fromCents(513936607n)).toBe("5139366.07");
    expect(fromCents(5n)).toBe("0.05");
    expect(fromCents(0n)).toBe("0.00");
  });

  test("anything else is refused", () => {
    for (const bad of ["", "-1", "1.234", "abc", "1e3", "1,5"])
      expect(() => toCents(bad)).toThrow(RangeError);
  });

  test("sums far beyond float precision stay exact", () => {
    const huge = Array.from({ length: 1000 }, () => line({ amount: "999999999999.99" }));
    expect(fundingTotals(huge)[0]?.total).toBe("999999999999990.00");
  });
});

describe("fundingTotals", () => {
  test("0.10 + 0.20 is 0.30, not 0.30000000000000004", () => {
    const totals = fundingTotals([line({ amount: "0.10" }), line({ amount: "0.20" })]);
    expect(totals).toEqual([
      {
        currency: "EUR",
        total: "0.30",
        bySource: [{ source: "amif", amount: "0.30", lines: 2 }],
        byStage: [{ stage: "implementation", amount: "0.30", lines: 2 }],
      },
    ]);
  });

  test("never sums across currencies; sources and stages in their domain order", () => {
    const totals = fundingTotals([
      line({ amount: "3854524.55", source: "amif", stage: "implementation" }),
      line({ amount: "1284841.52", source: "national", stage: "implementation" }),
      line({ amount: "250000", source: "municipal", stage: "proposal" }),
      line({ amount: "1000.50", currency: "SEK", source: "private_foundation", stage: "closed" }),
      line({ amount: "0.50", currency: "SEK", source: "private_foundation", stage: "closed" }),
      line({ amount: null, currency: "USD" }),
    ]);
    expect(totals.map((t) => t.currency)).toEqual(["EUR", "SEK"]);
    const eur = totals[0]!;
    expect(eur.total).toBe("5389366.07");
    expect(eur.bySource).toEqual([
      { source: "amif", amount: "3854524.55", lines: 1 },
      { source: "national", amount: "1284841.52", lines: 1 },
      { source: "municipal", amount: "250000.00", lines: 1 },
    ]);
    expect(eur.byStage).toEqual([
      { stage: "proposal", amount: "250000.00", lines: 1 },
      { stage: "implementation", amount: "5139366.07", lines: 2 },
    ]);
    expect(totals[1]).toEqual({
      currency: "SEK",
      total: "1001.00",
      bySource: [{ source: "private_foundation", amount: "1001.00", lines: 2 }],
      byStage: [{ stage: "closed", amount: "1001.00", lines: 2 }],
    });
  });

  test("no lines, or only lines without amount: no totals", () => {
    expect(fundingTotals([])).toEqual([]);
    expect(fundingTotals([line({ amount: null })])).toEqual([]);
  });
});

describe("fundingWarnings", () => {
  test("all funding restricted to voluntary return (flagged, or paying for nothing else)", () => {
    const flagged = line({ voluntaryReturnOnly: true, pathwaysCovered: ["voluntary_return"] });
    const onlyPathway = line({ pathwaysCovered: ["voluntary_return"] });
    expect(isVoluntaryReturnOnly(flagged)).toBe(true);
    expect(isVoluntaryReturnOnly(onlyPathway)).toBe(true);
    expect(isVoluntaryReturnOnly(line())).toBe(false);
    expect(fundingWarnings([flagged, onlyPathway])).toEqual([{ kind: "allVoluntaryReturnOnly" }]);
    expect(
      fundingWarnings([flagged, line({ pathwaysCovered: ["voluntary_return", "residence_permit"] })]),
    ).toEqual([]);
    expect(fundingWarnings([])).toEqual([]);
  });

  test("funding that ends before the objectives still to reach are due", () => {
    const lines = [line({ endsOn: "2024-12-31" }), line({ endsOn: "2023-06-30" })];
    expect(latestFundingEnd(lines)).toBe("2024-12-31");
    expect(
      fundingWarnings(lines, [
        { dueDate: "2025-06-30", status: "on_track" },
        { dueDate: "2024-01-01", status: "at_risk" },
      ]),
    ).toEqual([{ kind: "endsBeforeObjectives", fundingEndsOn: "2024-12-31", objectivesDueOn: "2025-06-30" }]);
    // Achieved and dropped objectives do not count; undated ones neither.
    expect(
      fundingWarnings(lines, [
        { dueDate: "2026-01-01", status: "achieved" },
        { dueDate: "2026-01-01", status: "dropped" },
        { dueDate: null, status: "on_track" },
      ]),
    ).toEqual([]);
    // Funding up to the due date itself is enough.
    expect(fundingWarnings(lines, [{ dueDate: "2024-12-31", status: "on_track" }])).toEqual([]);
    // An open-ended line: the funding does not end.
    expect(
      fundingWarnings([...lines, line({ endsOn: null })], [{ dueDate: "2030-01-01", status: "on_track" }]),
    ).toEqual([]);
  });

  test("AMIF co-financing above 75% is a warning, other sources are not judged", () => {
    expect(cofinancingAboveUsual(line({ cofinancingRate: 75 }))).toBe(false);
    expect(cofinancingAboveUsual(line({ cofinancingRate: 90 }))).toBe(true);
    expect(cofinancingAboveUsual(line({ source: "national", cofinancingRate: 100 }))).toBe(false);
    expect(
      fundingWarnings([
        line({ cofinancingRate: 90 }),
        line({ cofinancingRate: 80 }),
        line({ cofinancingRate: 50 }),
      ]),
    ).toEqual([{ kind: "cofinancingAboveUsual", lines: 2 }]);
  });
});

describe("formatMoney", () => {
  test("formats the decimal string exactly in the reader's language", () => {
    expect(formatMoney("5139366.07", "EUR", "en")).toBe("€5,139,366.07");
    expect(formatMoney("999999999999990.01", "EUR", "en")).toBe("€999,999,999,999,990.01");
  });
});

describe("objectives", () => {
  test("an objective without an indicator is not clearly defined", () => {
    expect(notClearlyDefined({ indicator: null })).toBe(true);
    expect(notClearlyDefined({ indicator: "  " })).toBe(true);
    expect(notClearlyDefined({ indicator: "People informed" })).toBe(false);
  });

  test("overdue: due before today and neither achieved nor dropped", () => {
    expect(isOverdue({ dueDate: "2024-01-01", status: "on_track" }, "2024-01-02")).toBe(true);
    expect(isOverdue({ dueDate: "2024-01-02", status: "on_track" }, "2024-01-02")).toBe(false);
    expect(isOverdue({ dueDate: "2024-01-01", status: "achieved" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ dueDate: "2024-01-01", status: "dropped" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ dueDate: null, status: "at_risk" }, "2024-06-01")).toBe(false);
  });

  test("progress as a share of the target, capped", () => {
    expect(progressPercent({ target: 200, progress: 50 })).toBe(25);
    expect(progressPercent({ target: 10, progress: 30 })).toBe(100);
    expect(progressPercent({ target: 10, progress: null })).toBe(0);
    expect(progressPercent({ target: null, progress: 5 })).toBeNull();
    expect(progressPercent({ target: 0, progress: 5 })).toBeNull();
  });
});
