import { describe, expect, test } from "vitest";
import {
  addDays,
  DUE_SOON_DAYS,
  fundingEnd,
  outcomesExpectedUntil,
  pilotAlerts,
  quarterOf,
  type AlertMilestone,
  type AlertPilot,
} from "~/lib/alerts";

const TODAY = "2024-05-10";

function pilot(overrides: Partial<AlertPilot> = {}): AlertPilot {
  return {
    id: "p1",
    status: "running",
    startsOn: "2023-01-01",
    endsOn: null,
    lastPeriodEnd: "2024-03-31",
    ...overrides,
  };
}

function milestone(overrides: Partial<AlertMilestone> = {}): AlertMilestone {
  return {
    id: "m1",
    pilotId: "p1",
    title: "Covenant signed",
    dueOn: null,
    doneOn: null,
    status: "planned",
    ...overrides,
  };
}

function kinds(m: Partial<AlertMilestone>, today = TODAY): string[] {
  return pilotAlerts(pilot(), [milestone(m)], [], today).map((a) => a.kind);
}

describe("day helpers", () => {
  test("addDays crosses months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });
  test("quarterOf", () => {
    expect(quarterOf("2024-05-10")).toEqual({ start: "2024-04-01", end: "2024-06-30" });
    expect(quarterOf("2024-12-31")).toEqual({ start: "2024-10-01", end: "2024-12-31" });
    expect(quarterOf("2024-01-01")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
  });
});

describe("due soon and overdue", () => {
  test("due today and in 14 days are due soon; in 15 days is not", () => {
    expect(DUE_SOON_DAYS).toBe(14);
    expect(kinds({ dueOn: TODAY })).toEqual(["milestone_due_soon"]);
    expect(kinds({ dueOn: addDays(TODAY, 14) })).toEqual(["milestone_due_soon"]);
    expect(kinds({ dueOn: addDays(TODAY, 15) })).toEqual([]);
  });
  test("due yesterday is overdue, not due soon", () => {
    expect(kinds({ dueOn: addDays(TODAY, -1) })).toEqual(["milestone_overdue"]);
  });
  test("in progress and delayed milestones alert like planned ones", () => {
    expect(kinds({ dueOn: addDays(TODAY, -1), status: "in_progress" })).toEqual(["milestone_overdue"]);
    expect(kinds({ dueOn: addDays(TODAY, -30), status: "delayed" })).toEqual(["milestone_overdue"]);
  });
  test("done and cancelled milestones never alert", () => {
    for (const status of ["done", "cancelled"] as const) {
      expect(kinds({ dueOn: addDays(TODAY, -1), status, doneOn: TODAY })).toEqual([]);
      expect(kinds({ dueOn: TODAY, status })).toEqual([]);
      expect(
        pilotAlerts(
          pilot(),
          [milestone({ dueOn: "2030-01-01", status })],
          [{ startsOn: null, endsOn: "2025-01-01" }],
          TODAY,
        ),
      ).toEqual([]);
    }
  });
  test("a milestone without a due date never alerts", () => {
    expect(kinds({ dueOn: null })).toEqual([]);
  });
  test("alerts carry the milestone's id, title and due date", () => {
    const [alert] = pilotAlerts(pilot(), [milestone({ dueOn: "2024-05-01" })], [], TODAY);
    expect(alert).toEqual({
      kind: "milestone_overdue",
      pilotId: "p1",
      milestoneId: "m1",
      title: "Covenant signed",
      date: "2024-05-01",
    });
  });
});

describe("after all funding ends", () => {
  const later = milestone({ dueOn: "2026-01-15" });
  test("due after the latest end of the funding lines", () => {
    const funding = [
      { startsOn: "2023-01-01", endsOn: "2024-12-31" },
      { startsOn: "2024-01-01", endsOn: "2025-12-31" },
    ];
    expect(fundingEnd(funding)).toBe("2025-12-31");
    expect(pilotAlerts(pilot(), [later], funding, TODAY).map((a) => a.kind)).toEqual([
      "milestone_after_funding",
    ]);
    const onLastDay = milestone({ dueOn: "2025-12-31" });
    expect(pilotAlerts(pilot(), [onLastDay], funding, TODAY)).toEqual([]);
  });
  test("an open-ended funding line or no funding at all means no alert", () => {
    const funding = [
      { startsOn: "2023-01-01", endsOn: "2024-12-31" },
      { startsOn: "2024-01-01", endsOn: null },
    ];
    expect(fundingEnd(funding)).toBeNull();
    expect(pilotAlerts(pilot(), [later], funding, TODAY)).toEqual([]);
    expect(fundingEnd([])).toBeNull();
    expect(pilotAlerts(pilot(), [later], [], TODAY)).toEqual([]);
  });
  test("an overdue milestone after funding ends raises both alerts, overdue first", () => {
    const funding = [{ startsOn: null, endsOn: "2024-01-31" }];
    const alerts = pilotAlerts(pilot(), [milestone({ dueOn: "2024-03-01" })], funding, TODAY);
    expect(alerts.map((a) => a.kind)).toEqual(["milestone_overdue", "milestone_after_funding"]);
  });
});

describe("outcomes missing (last complete quarter)", () => {
  test("covered when the latest period reaches the end of the last complete quarter", () => {
    expect(outcomesExpectedUntil(pilot(), TODAY)).toBe("2024-03-31");
    expect(pilotAlerts(pilot({ lastPeriodEnd: "2024-03-31" }), [], [], TODAY)).toEqual([]);
    expect(pilotAlerts(pilot({ lastPeriodEnd: "2024-06-30" }), [], [], TODAY)).toEqual([]);
  });
  test("missing when the latest period ends earlier, or there is none", () => {
    const alerts = pilotAlerts(pilot({ lastPeriodEnd: "2023-12-31" }), [], [], TODAY);
    expect(alerts).toEqual([
      { kind: "outcomes_missing", pilotId: "p1", milestoneId: null, title: null, date: "2024-03-31" },
    ]);
    expect(pilotAlerts(pilot({ lastPeriodEnd: null }), [], [], TODAY).map((a) => a.kind)).toEqual([
      "outcomes_missing",
    ]);
  });
  test("on the first day of a quarter the quarter just ended is expected", () => {
    expect(outcomesExpectedUntil(pilot(), "2024-04-01")).toBe("2024-03-31");
    expect(outcomesExpectedUntil(pilot(), "2024-03-31")).toBe("2023-12-31");
  });
  test("only running and paused pilots are expected to report", () => {
    for (const status of ["planned", "completed", "stopped"] as const) {
      expect(pilotAlerts(pilot({ status, lastPeriodEnd: null }), [], [], TODAY)).toEqual([]);
    }
    expect(pilotAlerts(pilot({ status: "paused", lastPeriodEnd: null }), [], [], TODAY)).toHaveLength(1);
  });
  test("a pilot that started in the current quarter owes nothing yet", () => {
    expect(outcomesExpectedUntil(pilot({ startsOn: "2024-04-01" }), TODAY)).toBeNull();
    expect(pilotAlerts(pilot({ startsOn: "2024-04-15", lastPeriodEnd: null }), [], [], TODAY)).toEqual([]);
  });
  test("a pilot that started on the last day of the quarter owes that quarter", () => {
    expect(outcomesExpectedUntil(pilot({ startsOn: "2024-03-31" }), TODAY)).toBe("2024-03-31");
  });
  test("a pilot that ended inside an earlier quarter owes outcomes up to its end", () => {
    const ended = pilot({ endsOn: "2023-11-15" });
    expect(outcomesExpectedUntil(ended, TODAY)).toBe("2023-11-15");
    expect(pilotAlerts({ ...ended, lastPeriodEnd: "2023-11-15" }, [], [], TODAY)).toEqual([]);
    expect(pilotAlerts({ ...ended, lastPeriodEnd: "2023-09-30" }, [], [], TODAY)).toHaveLength(1);
  });
  test("a pilot ending later in the current quarter still owes the last complete quarter", () => {
    expect(outcomesExpectedUntil(pilot({ endsOn: "2024-05-31" }), TODAY)).toBe("2024-03-31");
  });
  test("a pilot without a start date is treated as started", () => {
    expect(outcomesExpectedUntil(pilot({ startsOn: null }), TODAY)).toBe("2024-03-31");
  });
});

describe("order", () => {
  test("overdue, then due soon, then after funding, then outcomes; by date inside a kind", () => {
    const alerts = pilotAlerts(
      pilot({ lastPeriodEnd: null }),
      [
        milestone({ id: "a", dueOn: "2024-05-20" }),
        milestone({ id: "b", dueOn: "2024-05-01" }),
        milestone({ id: "c", dueOn: "2024-04-01" }),
        milestone({ id: "d", dueOn: "2024-05-12" }),
      ],
      [],
      TODAY,
    );
    expect(alerts.map((a) => `${a.kind}:${a.milestoneId ?? "-"}`)).toEqual([
      "milestone_overdue:c",
      "milestone_overdue:b",
      "milestone_due_soon:d",
      "milestone_due_soon:a",
      "outcomes_missing:-",
    ]);
  });
});
