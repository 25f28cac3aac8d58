import { describe, expect, test } from "vitest";
import type { PeriodCounts } from "~/lib/outcomes";
import {
  drawnValue,
  formatShown,
  seesExactOutcomes,
  showCumulative,
  showPeriod,
  shownShare,
  suppressCount,
  suppressGroup,
  suppressSum,
  suppressTotal,
  type Shown,
} from "~/lib/suppression";

const exact = (value: number): Shown => ({ kind: "exact", value });
const hidden: Shown = { kind: "suppressed" };
const rounded = (value: number): Shown => ({ kind: "rounded", value });

describe("suppressGroup", () => {
  test("leaves a group without small counts exact", () => {
    expect(suppressGroup({ a: 10, b: 0, c: 5 })).toEqual({
      cells: { a: exact(10), b: exact(0), c: exact(5) },
      total: exact(15),
    });
  });

  test("keeps every zero at 0, including an all-zero group", () => {
    expect(suppressGroup({ a: 0, b: 0 })).toEqual({ cells: { a: exact(0), b: exact(0) }, total: exact(0) });
    expect(suppressGroup({})).toEqual({ cells: {}, total: exact(0) });
  });

  test("shows 1 to 4 as suppressed, 5 as it is", () => {
    for (const n of [1, 2, 3, 4]) {
      const { cells } = suppressGroup({ a: n, b: 7, c: 9 });
      expect(cells.a).toEqual(hidden);
    }
    expect(suppressGroup({ a: 5, b: 7 }).cells.a).toEqual(exact(5));
  });

  test("suppresses the next-smallest non-zero count when exactly one is suppressed", () => {
    const { cells, total } = suppressGroup({ a: 3, b: 0, c: 12, d: 7, e: 30 });
    expect(cells).toEqual({ a: hidden, b: exact(0), c: exact(12), d: hidden, e: exact(30) });
    // 52 rounded to the nearest 5
    expect(total).toEqual(rounded(50));
  });

  test("on a tie for the next-smallest, suppresses the first in key order only", () => {
    const { cells } = suppressGroup({ a: 2, b: 8, c: 8, d: 20 });
    expect(cells).toEqual({ a: hidden, b: hidden, c: exact(8), d: exact(20) });
    const reversed = suppressGroup({ d: 20, c: 8, b: 8, a: 2 });
    expect(reversed.cells).toEqual({ d: exact(20), c: hidden, b: exact(8), a: hidden });
  });

  test("adds no secondary suppression when two or more counts are already suppressed", () => {
    const { cells, total } = suppressGroup({ a: 1, b: 4, c: 6, d: 40 });
    expect(cells).toEqual({ a: hidden, b: hidden, c: exact(6), d: exact(40) });
    expect(total).toEqual(rounded(50)); // 51
  });

  test("a lone small count with nothing else non-zero: the total is <5 too, never a rounded 0", () => {
    expect(suppressGroup({ a: 2, b: 0 })).toEqual({ cells: { a: hidden, b: exact(0) }, total: hidden });
    expect(suppressGroup({ a: 1, b: 1 }).total).toEqual(hidden);
  });

  test("rounds totals to the nearest 5", () => {
    expect(suppressGroup({ a: 1, b: 6 }).total).toEqual(rounded(5)); // 7
    expect(suppressGroup({ a: 3, b: 5 }).total).toEqual(rounded(10)); // 8
    expect(suppressGroup({ a: 4, b: 8 }).total).toEqual(rounded(10)); // 12
    expect(suppressGroup({ a: 4, b: 9 }).total).toEqual(rounded(15)); // 13
  });

  test("refuses what is not a count", () => {
    expect(() => suppressGroup({ a: -1 })).toThrow(RangeError);
    expect(() => suppressGroup({ a: 1.5 })).toThrow(RangeError);
    expect(() => suppressCount(Number.NaN)).toThrow(RangeError);
  });
});

describe("suppressCount and suppressSum", () => {
  test("a single count", () => {
    expect(suppressCount(0)).toEqual(exact(0));
    expect(suppressCount(4)).toEqual(hidden);
    expect(suppressCount(5)).toEqual(exact(5));
  });
  test("a sum including a hidden count", () => {
    expect(suppressSum(23, true)).toEqual(rounded(25));
    expect(suppressSum(3, true)).toEqual(hidden);
    expect(suppressSum(23, false)).toEqual(exact(23));
  });
});

describe("suppressTotal", () => {
  test("rounds a total as soon as one of the figures it adds up is not shown exactly", () => {
    expect(suppressTotal(214, [exact(212), hidden])).toEqual(rounded(215));
    expect(suppressTotal(237, [exact(212), rounded(25)])).toEqual(rounded(235));
    expect(suppressTotal(3, [hidden, exact(0)])).toEqual(hidden);
    expect(suppressTotal(0, [exact(0), exact(0)])).toEqual(exact(0));
    expect(suppressTotal(19, [exact(12), exact(7)])).toEqual(exact(19));
  });
});

describe("shownShare", () => {
  test("is shown only over denominators of at least 10", () => {
    expect(shownShare(3, 9)).toBeNull();
    expect(shownShare(3, 10)).toBe(30);
    expect(shownShare(0, 0)).toBeNull();
  });
  test("is a whole percent of the unsuppressed counts", () => {
    expect(shownShare(1, 3 * 10)).toBe(3);
    expect(shownShare(2, 3 * 5)).toBe(13);
    expect(shownShare(1, 8 * 100)).toBe(0);
    expect(shownShare(229, 1258)).toBe(18);
  });
});

describe("formatShown", () => {
  const format = (n: number) => n.toLocaleString("en");
  test("formats each kind", () => {
    expect(formatShown(exact(1234), format)).toBe("1,234");
    expect(formatShown(exact(0), format)).toBe("0");
    expect(formatShown(hidden, format)).toBe("<5");
    expect(formatShown(rounded(15), format)).toBe("\u2248\u00a015");
  });
  test("draws a suppressed count as nothing", () => {
    expect(drawnValue(hidden)).toBe(0);
    expect(drawnValue(rounded(15))).toBe(15);
  });
});

describe("seesExactOutcomes", () => {
  const m = "m-1";
  test("coordinators everywhere", () => {
    expect(seesExactOutcomes({ role: "coordinator", municipalityIds: [] }, m, "other")).toBe(true);
    expect(seesExactOutcomes({ role: "coordinator", municipalityIds: [] }, m, "editing")).toBe(true);
  });
  test("municipal officials in scope on the editing screen only", () => {
    const official = { role: "municipal_official", municipalityIds: [m] };
    expect(seesExactOutcomes(official, m, "editing")).toBe(true);
    expect(seesExactOutcomes(official, m, "other")).toBe(false);
    expect(seesExactOutcomes(official, "m-2", "editing")).toBe(false);
  });
  test("never organisers and viewers", () => {
    for (const role of ["organiser", "viewer"]) {
      expect(seesExactOutcomes({ role, municipalityIds: [m] }, m, "editing")).toBe(false);
    }
  });
});

function period(overrides: Partial<PeriodCounts> = {}): PeriodCounts {
  return {
    periodStart: "2024-01-01",
    periodEnd: "2024-03-31",
    newParticipants: 20,
    participantsAtEnd: 30,
    outcomes: {},
    ...overrides,
  };
}

describe("showPeriod", () => {
  const p = period({
    newParticipants: 3,
    outcomes: { voluntary_return: 3, forced_return: 20, state_reception: 6, departed_unknown: 11 },
  });

  test("exact for those who may see it", () => {
    const view = showPeriod(p, true);
    expect(view.cells.voluntary_return).toEqual(exact(3));
    expect(view.newParticipants).toEqual(exact(3));
    expect(view.left).toEqual(exact(40));
    expect(view.groups).toEqual({ durable: exact(23), semi_durable: exact(6), no_solution: exact(11) });
    expect(view.shares).toEqual({ durable: 58, semi_durable: 15, no_solution: 28 });
    expect(view.suppressed).toBe(false);
  });

  test("suppressed otherwise: primary, secondary, rounded totals and group counts", () => {
    const view = showPeriod(p, false);
    expect(view.cells.voluntary_return).toEqual(hidden);
    expect(view.cells.state_reception).toEqual(hidden); // next-smallest non-zero
    expect(view.cells.forced_return).toEqual(exact(20));
    expect(view.cells.residence_permit).toEqual(exact(0));
    expect(view.newParticipants).toEqual(hidden);
    expect(view.participantsAtEnd).toEqual(exact(30));
    expect(view.left).toEqual(rounded(40));
    // A group count including a hidden cell is rounded, or the cell could be worked out from it.
    expect(view.groups).toEqual({ durable: rounded(25), semi_durable: rounded(5), no_solution: exact(11) });
    expect(view.shares).toEqual({ durable: 58, semi_durable: 15, no_solution: 28 });
    expect(view.suppressed).toBe(true);
  });

  test("no shares over fewer than 10 who left", () => {
    expect(showPeriod(period({ outcomes: { forced_return: 9 } }), false).shares.durable).toBeNull();
    expect(showPeriod(period({ outcomes: { forced_return: 10 } }), false).shares.durable).toBe(100);
    expect(showPeriod(period({ outcomes: { forced_return: 9 } }), true).shares.durable).toBe(100);
  });

  test("all zero", () => {
    const view = showPeriod(period({ newParticipants: 0, participantsAtEnd: 0 }), false);
    expect(view.left).toEqual(exact(0));
    expect(view.shares).toEqual({ durable: null, semi_durable: null, no_solution: null });
    expect(view.suppressed).toBe(false);
  });
});

describe("showCumulative", () => {
  test("rounds a cumulative count that includes a count hidden in one period", () => {
    const periods = [
      period({
        periodStart: "2024-04-01",
        periodEnd: "2024-06-30",
        participantsAtEnd: 25,
        outcomes: { voluntary_return: 9, forced_return: 30 },
      }),
      period({ outcomes: { voluntary_return: 3, forced_return: 30, departed_unknown: 10 } }),
    ];
    const view = showCumulative(periods, false);
    // 12 exact would reveal 12 - 9 = 3 in the first quarter.
    expect(view.cells.voluntary_return).toEqual(rounded(10));
    expect(view.cells.forced_return).toEqual(exact(60));
    // departed_unknown was the secondary suppression of the first quarter.
    expect(view.cells.departed_unknown).toEqual(rounded(10));
    expect(view.left).toEqual(rounded(80)); // 82
    expect(view.participantsAtEnd).toEqual(exact(25)); // the latest period's
    expect(view.newParticipants).toEqual(exact(40));
    expect(showCumulative(periods, true).cells.voluntary_return).toEqual(exact(12));
  });

  test("a pilot without periods", () => {
    const view = showCumulative([], false);
    expect(view.participantsAtEnd).toBeNull();
    expect(view.left).toEqual(exact(0));
  });
});
