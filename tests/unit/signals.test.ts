import { describe, expect, test } from "vitest";
import { healthDimensions, riskCategories, type RiskCategory, type RiskStatus } from "~/lib/enums";
import { DISAGREEMENT_SPREAD, disagreements, healthSummary, type HealthScores } from "~/lib/health";
import { highestExposure, riskExposure, risksByCategory, riskSummary } from "~/lib/signals";

function risk(category: RiskCategory, likelihood: number, impact: number, status: RiskStatus = "open") {
  return { category, likelihood, impact, status };
}

function scores(values: Partial<HealthScores>): HealthScores {
  return {
    objectives_clarity: null,
    mutual_understanding: null,
    trust: null,
    recognition: null,
    power_balance: null,
    funding_stability: null,
    priority_alignment: null,
    communication: null,
    ...values,
  };
}

describe("riskExposure", () => {
  test("is likelihood x impact, from 1 to 25", () => {
    expect(riskExposure(1, 1)).toBe(1);
    expect(riskExposure(4, 3)).toBe(12);
    expect(riskExposure(5, 5)).toBe(25);
  });

  test("refuses scores outside 1-5 or not whole", () => {
    for (const [likelihood, impact] of [
      [0, 3],
      [3, 6],
      [2.5, 2],
      [Number.NaN, 1],
    ] as const) {
      expect(() => riskExposure(likelihood, impact)).toThrow(RangeError);
    }
  });
});

describe("highestExposure", () => {
  test("is the highest exposure among risks that are not closed", () => {
    expect(
      highestExposure([
        risk("funding", 2, 3),
        risk("trust_deficit", 4, 4, "mitigating"),
        risk("other", 1, 5),
      ]),
    ).toBe(16);
  });

  test("closed risks count for nothing", () => {
    expect(highestExposure([risk("funding", 5, 5, "closed"), risk("other", 2, 2)])).toBe(4);
    expect(highestExposure([risk("funding", 5, 5, "closed")])).toBe(0);
  });

  test("is 0 without risks", () => {
    expect(highestExposure([])).toBe(0);
  });
});

describe("risksByCategory", () => {
  test("counts the risks that are not closed, with every category present", () => {
    const counts = risksByCategory([
      risk("trust_deficit", 1, 1),
      risk("trust_deficit", 2, 2, "mitigating"),
      risk("trust_deficit", 3, 3, "closed"),
      risk("funding", 3, 3, "closed"),
      risk("power_imbalance", 4, 2),
    ]);
    expect(Object.keys(counts).sort()).toEqual([...riskCategories].sort());
    expect(counts).toEqual({
      trust_deficit: 2,
      power_imbalance: 1,
      conflicting_priorities: 0,
      organisational_diversity: 0,
      funding: 0,
      legal_mandate: 0,
      other: 0,
    });
  });

  test("is all zeros without risks", () => {
    expect(Object.values(risksByCategory([]))).toEqual(riskCategories.map(() => 0));
  });
});

describe("riskSummary", () => {
  test("gathers the counts, the highest exposure and the number of live risks", () => {
    const summary = riskSummary([
      risk("funding", 5, 5, "closed"),
      risk("funding", 2, 4, "mitigating"),
      risk("other", 3, 1),
    ]);
    expect(summary.highestExposure).toBe(8);
    expect(summary.openCount).toBe(2);
    expect(summary.byCategory.funding).toBe(1);
    expect(summary.byCategory.other).toBe(1);
  });
});

describe("healthSummary", () => {
  test("mean, min, max, spread and respondents per dimension", () => {
    const summary = healthSummary([
      scores({ trust: 5, communication: 2, power_balance: 1 }),
      scores({ trust: 2, communication: 2, power_balance: 4 }),
      scores({ trust: 4, communication: 3, power_balance: null }),
    ]);
    expect(summary.respondents).toBe(3);
    expect(summary.dimensions.trust).toEqual({ mean: 3.7, min: 2, max: 5, spread: 3, respondents: 3 });
    expect(summary.dimensions.communication).toEqual({
      mean: 2.3,
      min: 2,
      max: 3,
      spread: 1,
      respondents: 3,
    });
    // The empty score is ignored, not read as 0.
    expect(summary.dimensions.power_balance).toEqual({
      mean: 2.5,
      min: 1,
      max: 4,
      spread: 3,
      respondents: 2,
    });
    expect(summary.trustIndex).toBe(3.7);
  });

  test("a dimension nobody scored has no mean and no respondents", () => {
    const summary = healthSummary([scores({ trust: 3 }), scores({})]);
    expect(summary.dimensions.recognition).toEqual({
      mean: null,
      min: null,
      max: null,
      spread: null,
      respondents: 0,
    });
    expect(summary.dimensions.trust.respondents).toBe(1);
    expect(summary.dimensions.trust.spread).toBe(0);
  });

  test("the trust index is null when nobody scored trust", () => {
    expect(healthSummary([scores({ communication: 4 })]).trustIndex).toBeNull();
    expect(healthSummary([]).trustIndex).toBeNull();
    expect(healthSummary([]).respondents).toBe(0);
  });

  test("every dimension is present, also for partial answers", () => {
    const summary = healthSummary([{ trust: 4 }, { trust: undefined, mutual_understanding: 2 }]);
    expect(Object.keys(summary.dimensions)).toEqual([...healthDimensions]);
    expect(summary.dimensions.trust.respondents).toBe(1);
    expect(summary.dimensions.mutual_understanding.mean).toBe(2);
  });

  test("means are rounded to one decimal, halves up, without floating-point drift", () => {
    // 9 / 4 = 2.25 -> 2.3; 7 / 3 = 2.333 -> 2.3; 5 / 3 = 1.667 -> 1.7
    expect(healthSummary([1, 2, 3, 3].map((trust) => scores({ trust }))).trustIndex).toBe(2.3);
    expect(healthSummary([2, 2, 3].map((trust) => scores({ trust }))).trustIndex).toBe(2.3);
    expect(healthSummary([1, 2, 2].map((trust) => scores({ trust }))).trustIndex).toBe(1.7);
  });
});

describe("disagreements", () => {
  test("lists the dimensions whose spread reaches the threshold", () => {
    const summary = healthSummary([
      scores({ trust: 5, communication: 3, power_balance: 1 }),
      scores({ trust: 5 - DISAGREEMENT_SPREAD, communication: 4, power_balance: 5 }),
    ]);
    expect(disagreements(summary.dimensions)).toEqual(["trust", "power_balance"]);
    expect(disagreements(healthSummary([]).dimensions)).toEqual([]);
  });
});
