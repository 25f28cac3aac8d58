// The comparison as a user sees it (lib/comparison.ts) and funding per participant: exact or
// suppressed figures, totals, sorting that never reveals a suppressed count.
import { describe, expect, test } from "vitest";
import {
  fundingPerParticipant,
  showComparison,
  showPilotFigures,
  sortComparison,
  type ComparedPilotFacts,
} from "~/lib/comparison";
import type { PathwayCounts, PeriodCounts } from "~/lib/outcomes";
import { showCumulative } from "~/lib/suppression";

function period(newParticipants: number, outcomes: PathwayCounts, start = "2025-01-01"): PeriodCounts {
  return { periodStart: start, periodEnd: "2025-12-31", newParticipants, participantsAtEnd: 50, outcomes };
}

/** One period: `durable` residence permits, `semi` new asylum applications, `none` departed unknown. */
function periods(newParticipants: number, durable: number, semi: number, none: number): PeriodCounts[] {
  return [
    period(newParticipants, {
      residence_permit: durable,
      new_asylum_application: semi,
      departed_unknown: none,
    }),
  ];
}

function pilot(name: string, facts: Partial<ComparedPilotFacts> = {}): ComparedPilotFacts {
  return {
    id: name,
    name,
    status: "running",
    municipalityId: `m-${name}`,
    municipalityName: `M ${name}`,
    countryCode: "NL",
    periods: periods(100, 10, 20, 20),
    milestonesDue: 0,
    milestonesOnTime: 0,
    funding: { kind: "unknown", reason: "none" },
    ...facts,
  };
}

describe("showPilotFigures", () => {
  test("exact: every count and every share over those who left", () => {
    expect(showPilotFigures(periods(8, 1, 0, 2), true)).toEqual({
      participants: { kind: "exact", value: 8 },
      left: { kind: "exact", value: 3 },
      groups: {
        durable: { kind: "exact", value: 1 },
        semi_durable: { kind: "exact", value: 0 },
        no_solution: { kind: "exact", value: 2 },
      },
      shares: { durable: 33, semi_durable: 0, no_solution: 67 },
    });
  });

  test("suppressed: <5, secondary suppression, rounded total, no share under 10 who left", () => {
    expect(showPilotFigures(periods(3, 2, 9, 0), false)).toEqual({
      participants: { kind: "suppressed" },
      left: { kind: "rounded", value: 10 },
      groups: {
        durable: { kind: "suppressed" },
        // 9 is hidden by secondary suppression, so its group is rounded as on the outcomes page.
        semi_durable: { kind: "rounded", value: 10 },
        no_solution: { kind: "exact", value: 0 },
      },
      shares: { durable: 18, semi_durable: 82, no_solution: 0 },
    });
    expect(showPilotFigures(periods(30, 2, 3, 1), false).shares).toEqual({
      durable: null,
      semi_durable: null,
      no_solution: null,
    });
  });

  test("shows a pilot exactly as its outcomes page does (showCumulative decides)", () => {
    // One period: permit 3 (<5), independent return 20, new asylum application 6 (secondary).
    const one = [period(40, { residence_permit: 3, voluntary_return: 20, new_asylum_application: 6 })];
    const page = showCumulative(one, false);
    expect(page.groups.durable).toEqual({ kind: "rounded", value: 25 });
    const figures = showPilotFigures(one, false);
    // Not "23", which would give the permits away (23 - 20 = 3).
    expect(figures.groups).toEqual(page.groups);
    expect(figures.left).toEqual(page.left);
    expect(figures.shares).toEqual(page.shares);
    expect(figures.participants).toEqual(page.newParticipants);
  });

  test("participants that include a period's hidden count are rounded, and funding is withheld", () => {
    const two = [period(3, {}, "2025-01-01"), period(20, {}, "2025-07-01")];
    expect(showPilotFigures(two, false).participants).toEqual({ kind: "rounded", value: 25 });
    const known = { kind: "known", currency: "EUR", total: "2300.00", perParticipant: "100.00" } as const;
    const view = showComparison([pilot("a", { periods: two, funding: known })], () => false);
    expect(view.rows[0]?.participants).toEqual({ kind: "rounded", value: 25 });
    expect(view.rows[0]?.funding).toEqual({ kind: "unknown", reason: "suppressed" });
  });
});

describe("showComparison", () => {
  test("hides funding per participant when the participants are suppressed, and adds a total", () => {
    const known = { kind: "known", currency: "EUR", total: "300.00", perParticipant: "100.00" } as const;
    const view = showComparison(
      [pilot("a", { periods: periods(3, 1, 1, 1), funding: known }), pilot("b", { funding: known })],
      () => false,
    );
    expect(view.rows[0]?.funding).toEqual({ kind: "unknown", reason: "suppressed" });
    expect(view.rows[1]?.funding).toEqual(known);
    expect(view.total).toMatchObject({
      pilots: 2,
      exact: false,
      // 103 would give away pilot a's "<5" participants.
      participants: { kind: "rounded", value: 105 },
    });
    expect(
      showComparison([pilot("a", { periods: periods(3, 1, 1, 1), funding: known })], () => true).rows[0]
        ?.funding,
    ).toEqual(known);
  });

  test("the total of a '<5' row and a large row is never exact", () => {
    const view = showComparison(
      [
        pilot("small", { periods: periods(2, 1, 0, 1) }),
        pilot("large", { periods: periods(212, 31, 42, 57) }),
      ],
      () => false,
    );
    expect(view.rows[0]).toMatchObject({
      participants: { kind: "suppressed" },
      left: { kind: "suppressed" },
    });
    const { total } = view;
    // 214 participants, 132 left (32 durable, 42 semi-durable, 58 no solution): every figure that
    // includes a hidden one is rounded, so "total - large row" reveals nothing.
    expect(total.participants).toEqual({ kind: "rounded", value: 215 });
    expect(total.left).toEqual({ kind: "rounded", value: 130 });
    expect(total.groups).toEqual({
      durable: { kind: "rounded", value: 30 },
      semi_durable: { kind: "exact", value: 42 },
      no_solution: { kind: "rounded", value: 60 },
    });
    for (const figure of [total.participants, total.left, total.groups.durable, total.groups.no_solution]) {
      expect(figure.kind).not.toBe("exact");
    }
    // Shares from the exact sums, over at least 10 who left.
    expect(total.shares).toEqual({ durable: 24, semi_durable: 32, no_solution: 44 });
    const tiny = showComparison([pilot("small", { periods: periods(2, 1, 0, 1) })], () => false).total;
    expect(tiny.shares).toEqual({ durable: null, semi_durable: null, no_solution: null });
    // Coordinators: exact.
    expect(
      showComparison([pilot("small", { periods: periods(2, 1, 0, 1) }), pilot("large")], () => true).total
        .participants,
    ).toEqual({ kind: "exact", value: 102 });
  });

  test("milestones on time as a whole percent of those due by today", () => {
    const view = showComparison(
      [
        pilot("a", { milestonesDue: 3, milestonesOnTime: 2 }),
        pilot("b"),
        pilot("c", { milestonesDue: 11, milestonesOnTime: 1 }),
      ],
      () => true,
    );
    // c: 1 done on time and 10 overdue is 9%, not 100%.
    expect(view.rows.map((r) => r.onTimeShare)).toEqual([67, null, 9]);
  });
});

describe("sortComparison", () => {
  test("sorts on what is shown: suppressed counts are equal, then by name; unknown values last", () => {
    const view = showComparison(
      [
        pilot("c", { periods: periods(4, 0, 0, 0) }),
        pilot("a", { periods: periods(1, 0, 0, 0) }),
        pilot("b", { periods: periods(6, 0, 0, 0) }),
        pilot("d", { periods: periods(0, 0, 0, 0) }),
      ],
      () => false,
    );
    expect(sortComparison(view.rows, "participants", "desc").map((r) => r.name)).toEqual([
      "b",
      "a",
      "c",
      "d",
    ]);
    expect(sortComparison(view.rows, "participants", "asc").map((r) => r.name)).toEqual(["d", "a", "c", "b"]);
    // No share (nobody left): last either way.
    const shares = showComparison(
      [pilot("x", { periods: periods(10, 0, 0, 0) }), pilot("y")],
      () => true,
    ).rows;
    expect(sortComparison(shares, "durable", "asc").map((r) => r.name)).toEqual(["y", "x"]);
    expect(sortComparison(shares, "durable", "desc").map((r) => r.name)).toEqual(["y", "x"]);
  });
});

describe("fundingPerParticipant", () => {
  const line = (currency: string, total: string | null, lines = 1, withAmount = lines) => ({
    currency,
    total,
    lines,
    withAmount,
  });
  test("one currency, every amount known: the total over the participants, to the cent", () => {
    expect(fundingPerParticipant([line("EUR", "1000.00", 2)], 3)).toEqual({
      kind: "known",
      currency: "EUR",
      total: "1000.00",
      perParticipant: "333.33",
    });
    expect(fundingPerParticipant([line("EUR", "0.05")], 2)).toMatchObject({ perParticipant: "0.03" });
  });

  test("unknown, and why", () => {
    expect(fundingPerParticipant([], 10)).toEqual({ kind: "unknown", reason: "none" });
    expect(fundingPerParticipant([line("CHF", "1.00"), line("EUR", "1.00")], 10)).toEqual({
      kind: "unknown",
      reason: "currencies",
    });
    expect(fundingPerParticipant([line("EUR", "5.00", 2, 1)], 10)).toEqual({
      kind: "unknown",
      reason: "amountMissing",
    });
    expect(fundingPerParticipant([line("EUR", null, 1, 0)], 10)).toEqual({
      kind: "unknown",
      reason: "amountMissing",
    });
    expect(fundingPerParticipant([line("EUR", "5.00")], 0)).toEqual({
      kind: "unknown",
      reason: "noParticipants",
    });
  });
});
