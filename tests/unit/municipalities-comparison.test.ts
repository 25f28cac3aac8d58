// The comparison as a user sees it (lib/comparison.ts) and funding per participant: exact or
// suppressed figures, totals, sorting that never reveals a suppressed count.
import { describe, expect, test } from "vitest";
import {
  fundingPerParticipant,
  showComparison,
  showSummary,
  sortComparison,
  type ComparedPilotFacts,
} from "~/lib/comparison";
import type { OutcomeSummary } from "~/lib/outcomes";

function summary(newParticipants: number, durable: number, semi: number, none: number): OutcomeSummary {
  return {
    newParticipants,
    participantsAtEnd: null,
    left: durable + semi + none,
    groups: { durable, semi_durable: semi, no_solution: none },
  };
}

function pilot(name: string, facts: Partial<ComparedPilotFacts> = {}): ComparedPilotFacts {
  return {
    id: name,
    name,
    status: "running",
    municipalityId: `m-${name}`,
    municipalityName: `M ${name}`,
    countryCode: "NL",
    summary: summary(100, 10, 20, 20),
    milestonesDone: 0,
    milestonesOnTime: 0,
    funding: { kind: "unknown", reason: "none" },
    ...facts,
  };
}

describe("showSummary", () => {
  test("exact: every count and every share over those who left", () => {
    expect(showSummary(summary(8, 1, 0, 2), true)).toEqual({
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
    expect(showSummary(summary(3, 2, 9, 0), false)).toEqual({
      participants: { kind: "suppressed" },
      left: { kind: "rounded", value: 10 },
      groups: {
        durable: { kind: "suppressed" },
        semi_durable: { kind: "suppressed" },
        no_solution: { kind: "exact", value: 0 },
      },
      shares: { durable: 18, semi_durable: 82, no_solution: 0 },
    });
    expect(showSummary(summary(30, 2, 3, 1), false).shares).toEqual({
      durable: null,
      semi_durable: null,
      no_solution: null,
    });
  });
});

describe("showComparison", () => {
  test("hides funding per participant when the participants are suppressed, and adds a total", () => {
    const known = { kind: "known", currency: "EUR", total: "300.00", perParticipant: "100.00" } as const;
    const view = showComparison(
      [pilot("a", { summary: summary(3, 1, 1, 1), funding: known }), pilot("b", { funding: known })],
      () => false,
    );
    expect(view.rows[0]?.funding).toEqual({ kind: "unknown", reason: "suppressed" });
    expect(view.rows[1]?.funding).toEqual(known);
    expect(view.total).toMatchObject({
      pilots: 2,
      exact: false,
      participants: { kind: "exact", value: 103 },
    });
    expect(
      showComparison([pilot("a", { summary: summary(3, 1, 1, 1), funding: known })], () => true).rows[0]
        ?.funding,
    ).toEqual(known);
  });

  test("milestones on time as a whole percent of those done", () => {
    const view = showComparison(
      [pilot("a", { milestonesDone: 3, milestonesOnTime: 2 }), pilot("b")],
      () => true,
    );
    expect(view.rows.map((r) => r.onTimeShare)).toEqual([67, null]);
  });
});

describe("sortComparison", () => {
  test("sorts on what is shown: suppressed counts are equal, then by name; unknown values last", () => {
    const view = showComparison(
      [
        pilot("c", { summary: summary(4, 0, 0, 0) }),
        pilot("a", { summary: summary(1, 0, 0, 0) }),
        pilot("b", { summary: summary(6, 0, 0, 0) }),
        pilot("d", { summary: summary(0, 0, 0, 0) }),
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
      [pilot("x", { summary: summary(10, 0, 0, 0) }), pilot("y")],
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
