import { describe, expect, test } from "vitest";
import { demoData } from "~/db/seed/demo-data";
import { outcomePathways, pathwayGroup } from "~/lib/enums";
import {
  groupCounts,
  groupShare,
  pathwaysByGroup,
  sortPeriods,
  summariseCumulative,
  summarisePeriod,
  type PeriodCounts,
} from "~/lib/outcomes";
import { showCumulative } from "~/lib/suppression";

function period(overrides: Partial<PeriodCounts> = {}): PeriodCounts {
  return {
    periodStart: "2024-01-01",
    periodEnd: "2024-03-31",
    newParticipants: 10,
    participantsAtEnd: 8,
    outcomes: {},
    ...overrides,
  };
}

describe("the durable grouping", () => {
  test("follows DOMAIN.md", () => {
    expect(pathwaysByGroup()).toEqual({
      durable: [
        "residence_permit",
        "regularisation_humanitarian",
        "regularisation_medical",
        "family_reunification",
        "international_protection",
        "voluntary_return",
        "independent_return",
        "forced_return",
        "onward_migration",
      ],
      semi_durable: ["new_asylum_application", "postponed_departure_medical", "state_reception"],
      no_solution: ["departed_unknown", "no_solution_other"],
    });
    expect(outcomePathways.every((p) => pathwayGroup[p] !== undefined)).toBe(true);
  });

  test("groupCounts sums pathways per group, missing ones as 0", () => {
    expect(groupCounts({})).toEqual({ durable: 0, semi_durable: 0, no_solution: 0 });
    expect(
      groupCounts({
        residence_permit: 2,
        forced_return: 3,
        state_reception: 4,
        no_solution_other: 1,
        departed_unknown: 5,
      }),
    ).toEqual({ durable: 5, semi_durable: 4, no_solution: 6 });
  });
});

describe("summaries", () => {
  test("of a period", () => {
    expect(summarisePeriod(period({ outcomes: { voluntary_return: 6, new_asylum_application: 2 } }))).toEqual(
      {
        newParticipants: 10,
        participantsAtEnd: 8,
        left: 8,
        groups: { durable: 6, semi_durable: 2, no_solution: 0 },
      },
    );
  });

  test("cumulative: sums, and participants at the end of the latest period whatever the order", () => {
    const q1 = period({ participantsAtEnd: 8, outcomes: { forced_return: 1 } });
    const q2 = period({
      periodStart: "2024-04-01",
      periodEnd: "2024-06-30",
      newParticipants: 5,
      participantsAtEnd: 11,
      outcomes: { forced_return: 2, departed_unknown: 3 },
    });
    const summary = summariseCumulative([q2, q1]);
    expect(summary).toEqual({
      newParticipants: 15,
      participantsAtEnd: 11,
      left: 6,
      groups: { durable: 3, semi_durable: 0, no_solution: 3 },
    });
    expect(sortPeriods([q2, q1])).toEqual([q1, q2]);
  });

  test("cumulative of nothing", () => {
    expect(summariseCumulative([])).toEqual({
      newParticipants: 0,
      participantsAtEnd: null,
      left: 0,
      groups: { durable: 0, semi_durable: 0, no_solution: 0 },
    });
  });

  test("groupShare is a raw share of those who left, null when nobody left", () => {
    const summary = summarisePeriod(period({ outcomes: { forced_return: 1, state_reception: 3 } }));
    expect(groupShare(summary, "durable")).toBe(0.25);
    expect(groupShare(summary, "no_solution")).toBe(0);
    expect(groupShare(summarisePeriod(period()), "durable")).toBeNull();
  });
});

describe("the LVV demo data", () => {
  const lvv = demoData.pilots.filter((p) => p.name.startsWith("LVV "));
  const periods: PeriodCounts[] = lvv.flatMap((p) =>
    p.periods.map((x) => ({
      periodStart: x.start,
      periodEnd: x.end,
      newParticipants: x.newParticipants,
      participantsAtEnd: x.participantsAtEnd,
      outcomes: x.outcomes,
    })),
  );

  test("reproduces the final evaluation's shares: 18% durable, 41% semi-durable, 41% no solution", () => {
    expect(lvv.length).toBeGreaterThan(1);
    const summary = summariseCumulative(periods);
    expect(summary.left).toBe(1258);
    const percent = (g: "durable" | "semi_durable" | "no_solution") =>
      Math.round(100 * (groupShare(summary, g) ?? Number.NaN));
    expect([percent("durable"), percent("semi_durable"), percent("no_solution")]).toEqual([18, 41, 41]);
    // The suppressed view computes shares from the unsuppressed counts: the same.
    expect(showCumulative(periods, false).shares).toEqual({ durable: 18, semi_durable: 41, no_solution: 41 });
  });
});
