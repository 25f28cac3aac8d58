// The four partnership signals, "what needs attention" and "active on a date": pure, no database.
import { describe, expect, test } from "vitest";
import { activationProblem, isActiveOn, membershipChangeProblem } from "~/lib/partnership-status";
import { needsAttention } from "~/lib/attention";
import {
  claritySignal,
  exposureSignal,
  largestRecipientShare,
  partnershipSignalsFrom,
  powerImbalanceSignal,
  trustBand,
  trustSignal,
} from "~/lib/signals";

const check = (period: string, trust: number | null, powerBalance: number | null = null) => ({
  period,
  trust,
  powerBalance,
});
const line = (recipientOrganisationId: string | null, amount: string | null, currency = "EUR") => ({
  recipientOrganisationId,
  amount,
  currency,
});

describe("trust index", () => {
  test("is the mean trust score of the latest period, one decimal", () => {
    const signal = trustSignal([
      check("2024-Q4", 5),
      check("2024-Q4", 5),
      check("2025-Q1", 2),
      check("2025-Q1", 3),
    ]);
    expect(signal).toMatchObject({ value: 2.5, period: "2025-Q1", band: "medium", flagged: false });
    expect(signal.why).toEqual({
      key: "signals.trust.why.medium",
      values: { value: 2.5, period: "2025-Q1", count: 2 },
    });
  });

  test("is null without checks, and with a single answer (that member's own score is confidential)", () => {
    expect(trustSignal([])).toMatchObject({
      value: null,
      band: "none",
      why: { key: "signals.trust.why.none" },
    });
    expect(trustSignal([check("2025-Q1", 1)])).toMatchObject({
      value: null,
      why: { key: "signals.trust.why.tooFew" },
    });
    // Empty trust scores are not answers about trust.
    expect(trustSignal([check("2025-Q1", 1), check("2025-Q1", null)]).value).toBeNull();
  });

  test("bands: low below 2.5, high from 3.5; low is flagged", () => {
    expect([trustBand(null), trustBand(2.4), trustBand(2.5), trustBand(3.4), trustBand(3.5)]).toEqual([
      "none",
      "low",
      "medium",
      "medium",
      "high",
    ]);
    expect(trustSignal([check("2025-Q1", 2), check("2025-Q1", 2)]).flagged).toBe(true);
  });
});

describe("power-imbalance index", () => {
  test("funding shares are computed within each currency, never across; the most concentrated counts", () => {
    expect(
      largestRecipientShare([
        line("a", "900"),
        line("b", "100"),
        line("a", "50", "SEK"),
        line("c", "50", "SEK"),
      ]),
    ).toEqual({
      share: 0.9,
      currency: "EUR",
    });
    expect(largestRecipientShare([line(null, "100"), line("a", null), line("a", "0")])).toBeNull();
  });

  test("combines low balance of power, its spread and funding concentration, 0-100", () => {
    // Balance scores 1 and 3: mean 2 -> (5-2)/4 = 0.75; spread 2 -> 0.5. One of two members gets all
    // the money: (1 - 1/2) / (1 - 1/2) = 1. Weighted: (0.5*0.75 + 0.25*0.5 + 0.25*1) / 1 = 0.75.
    const signal = powerImbalanceSignal({
      healthChecks: [check("2025-Q1", 3, 1), check("2025-Q1", 3, 3)],
      fundingLines: [line("a", "1000")],
      memberOrganisationIds: ["a", "b"],
    });
    expect(signal).toMatchObject({ value: 75, level: "high", flagged: true });
    expect(signal.parts).toEqual({
      balanceMean: 2,
      balanceSpread: 2,
      largestRecipientShare: 1,
      currency: "EUR",
    });
    expect(signal.why.key).toBe("signals.power.why.both");
  });

  test("an equal split and full balance of power score 0; missing parts are left out", () => {
    expect(
      powerImbalanceSignal({
        healthChecks: [check("2025-Q1", 3, 5), check("2025-Q1", 3, 5)],
        fundingLines: [line("a", "500"), line("b", "500")],
        memberOrganisationIds: ["a", "b"],
      }).value,
    ).toBe(0);
    // Funding only: 3 members, one gets 2/3: (2/3 - 1/3) / (2/3) = 0.5 -> 50.
    const fundingOnly = powerImbalanceSignal({
      healthChecks: [],
      fundingLines: [line("a", "200"), line("b", "100")],
      memberOrganisationIds: ["a", "b", "c"],
    });
    expect(fundingOnly).toMatchObject({ value: 50, why: { key: "signals.power.why.funding" } });
    expect(
      powerImbalanceSignal({ healthChecks: [], fundingLines: [], memberOrganisationIds: [] }),
    ).toMatchObject({
      value: null,
      level: "none",
      flagged: false,
    });
  });
});

describe("risk exposure", () => {
  test("is the highest likelihood x impact among live risks; closed risks count for nothing", () => {
    expect(
      exposureSignal([
        { likelihood: 5, impact: 5, status: "closed" },
        { likelihood: 3, impact: 5, status: "mitigating" },
        { likelihood: 2, impact: 2, status: "open" },
      ]),
    ).toMatchObject({ value: 15, level: "high", flagged: true });
    expect(exposureSignal([{ likelihood: 2, impact: 4, status: "open" }])).toMatchObject({
      value: 8,
      level: "medium",
    });
    expect(exposureSignal([{ likelihood: 5, impact: 5, status: "closed" }])).toMatchObject({
      value: null,
      level: "none",
    });
  });
});

describe("clarity", () => {
  test("is the share of pursued objectives with an indicator and a target", () => {
    const signal = claritySignal([
      { indicator: "People with a permit", target: 100, status: "on_track" },
      { indicator: "Cases resolved", target: null, status: "at_risk" },
      { indicator: null, target: 10, status: "not_started" },
      { indicator: "   ", target: 5, status: "achieved" },
      { indicator: null, target: null, status: "dropped" },
    ]);
    expect(signal).toMatchObject({
      value: 0.25,
      level: "low",
      flagged: true,
      objectives: 4,
      clear: 1,
      notClearlyDefined: 2,
    });
    expect(claritySignal([])).toMatchObject({ value: null, level: "none", flagged: false });
    expect(claritySignal([{ indicator: "x", target: 1, status: "on_track" }])).toMatchObject({
      value: 1,
      level: "high",
    });
  });
});

test("partnershipSignalsFrom gives the four signals", () => {
  const signals = partnershipSignalsFrom({
    memberOrganisationIds: [],
    healthChecks: [],
    fundingLines: [],
    risks: [],
    objectives: [],
  });
  expect(Object.keys(signals)).toEqual(["trust", "powerImbalance", "exposure", "clarity"]);
});

describe("what needs attention", () => {
  const today = "2025-06-15";
  test("lists overdue and unclear objectives, overdue reviews, funding ending early, lead and members", () => {
    const items = needsAttention(
      {
        status: "active",
        members: [{ role: "partner" }],
        objectives: [
          { title: "Late", indicator: "x", dueDate: "2025-06-01", status: "on_track" },
          { title: "Done late", indicator: "x", dueDate: "2025-06-01", status: "achieved" },
          { title: "Vague", indicator: null, dueDate: "2026-12-31", status: "not_started" },
        ],
        risks: [
          { title: "Secret", status: "open", reviewOn: "2025-06-14" },
          { title: "Closed", status: "closed", reviewOn: "2025-01-01" },
          { title: "Fine", status: "open", reviewOn: "2025-06-15" },
        ],
        fundingLines: [{ endsOn: "2025-12-31" }],
      },
      today,
    );
    expect(items).toEqual([
      { kind: "tooFewMembers", count: 1 },
      { kind: "missingLead" },
      { kind: "objectiveOverdue", title: "Late", dueDate: "2025-06-01" },
      { kind: "objectiveNotClearlyDefined", title: "Vague" },
      { kind: "riskReviewsOverdue", count: 1, titles: ["Secret"] },
      { kind: "fundingEndsBeforeObjectives", fundingEnds: "2025-12-31", objectivesDue: "2026-12-31" },
    ]);
  });

  test("without confidential access only the count of overdue reviews; open-ended funding never ends early", () => {
    const items = needsAttention(
      {
        status: "forming",
        members: [{ role: "lead" }],
        objectives: [{ title: "A", indicator: "x", dueDate: "2030-01-01", status: "on_track" }],
        risks: [{ title: null, status: "open", reviewOn: "2025-01-01" }],
        fundingLines: [{ endsOn: "2025-12-31" }, { endsOn: null }],
      },
      today,
    );
    expect(items).toEqual([{ kind: "riskReviewsOverdue", count: 1, titles: null }]);
  });
});

describe("active on a date", () => {
  const p = (
    status: "exploring" | "forming" | "active" | "paused" | "ended",
    startDate: string | null,
    endDate: string | null,
  ) => ({
    status,
    startDate,
    endDate,
  });
  test("not exploring, started on or before the date, not ended by then", () => {
    expect(isActiveOn(p("active", "2020-01-01", null), "2025-01-01")).toBe(true);
    expect(isActiveOn(p("exploring", "2020-01-01", null), "2025-01-01")).toBe(false);
    expect(isActiveOn(p("active", "2025-01-02", null), "2025-01-01")).toBe(false);
    expect(isActiveOn(p("active", "2025-01-01", null), "2025-01-01")).toBe(true);
    expect(isActiveOn(p("ended", "2020-01-01", "2024-12-31"), "2024-12-31")).toBe(true);
    expect(isActiveOn(p("ended", "2020-01-01", "2024-12-31"), "2025-01-01")).toBe(false);
    expect(isActiveOn(p("ended", "2020-01-01", null), "2025-01-01")).toBe(false);
    expect(isActiveOn(p("paused", null, null), "2025-01-01")).toBe(false);
    expect(isActiveOn(p("forming", "2020-01-01", "2030-01-01"), "2025-01-01")).toBe(true);
  });
});

describe("membership rules", () => {
  const lead = { role: "lead" };
  const partner = { role: "partner" };
  test("a second lead is refused whatever the status", () => {
    expect(membershipChangeProblem("forming", [lead], [lead, lead])).toBe("secondLead");
  });
  test("an active partnership keeps its lead and two members", () => {
    expect(membershipChangeProblem("active", [lead, partner], [partner, partner])).toBe("leadRequired");
    expect(membershipChangeProblem("active", [lead, partner], [lead])).toBe("tooFewMembers");
    expect(membershipChangeProblem("paused", [lead, partner], [lead])).toBeNull();
    // Data that already breaks a rule can be repaired step by step.
    expect(membershipChangeProblem("active", [partner], [partner, partner])).toBeNull();
  });
  test("becoming active needs two members and exactly one lead", () => {
    expect(activationProblem([lead])).toBe("activeNeedsMembers");
    expect(activationProblem([partner, partner])).toBe("activeNeedsLead");
    expect(activationProblem([lead, partner])).toBeNull();
  });
});
