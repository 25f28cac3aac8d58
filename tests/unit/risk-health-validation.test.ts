// The risk and health-check forms fed bad input, the way the routes read them (Conform over
// FormData), and the pure helpers behind the pages: periods and the risk matrix.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { healthDimensions } from "~/lib/enums";
import { isFuturePeriod, periodOf, previousPeriod, recentPeriods } from "~/lib/periods";
import { exposureBand, isReviewOverdue, riskMatrix } from "~/lib/risk-matrix";
import { healthCheckInput, riskCommandInput, riskInput } from "~/lib/validation/risk-health";

const ID = "6f1c9a4e-2b7d-4c1e-9a55-0d3e8b2f7a10";
const SCRIPT = "<script>alert(1)</script>";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function errorsOf(schema: Parameters<typeof parseWithZod>[1]["schema"], fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? null : (submission.reply().error ?? {});
}

const goodRisk = {
  intent: "save",
  category: "trust_deficit",
  title: "Local CSOs doubt the ministry's intentions",
  likelihood: "3",
  impact: "4",
  status: "open",
};

describe("risk form", () => {
  test("a complete risk passes, numbers coerced and optional fields empty", () => {
    const submission = parseWithZod(form({ ...goodRisk, reviewOn: "2025-03-31" }), { schema: riskInput });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ likelihood: 3, impact: 4, reviewOn: "2025-03-31" });
    expect(submission.value.ownerOrganisationId).toBeUndefined();
  });

  test("empty: every required field says so", () => {
    expect(errorsOf(riskInput, { intent: "save" })).toMatchObject({
      title: ["validation.required"],
      category: ["validation.invalidChoice"],
      likelihood: ["partnership.risks.validation.score"],
      impact: ["partnership.risks.validation.score"],
      status: ["validation.invalidChoice"],
    });
    expect(errorsOf(riskInput, { ...goodRisk, title: "   " })).toMatchObject({
      title: ["validation.required"],
    });
  });

  test("too long", () => {
    expect(errorsOf(riskInput, { ...goodRisk, title: "x".repeat(201) })).toMatchObject({
      title: ["validation.tooLong"],
    });
    expect(errorsOf(riskInput, { ...goodRisk, title: "x".repeat(200) })).toBeNull();
    expect(errorsOf(riskInput, { ...goodRisk, mitigation: "x".repeat(2001) })).toMatchObject({
      mitigation: ["validation.tooLong"],
    });
  });

  test("wrong type", () => {
    expect(
      errorsOf(riskInput, {
        ...goodRisk,
        likelihood: "very",
        impact: "2.5",
        ownerOrganisationId: "not-an-id",
        reviewOn: "next week",
        category: "gossip",
      }),
    ).toMatchObject({
      likelihood: ["partnership.risks.validation.score"],
      impact: ["partnership.risks.validation.score"],
      ownerOrganisationId: ["validation.invalidChoice"],
      reviewOn: ["partnership.risks.validation.date"],
      category: ["validation.invalidChoice"],
    });
    expect(errorsOf(riskInput, { ...goodRisk, reviewOn: "2025-02-30" })).toMatchObject({
      reviewOn: ["partnership.risks.validation.date"],
    });
  });

  test("out of range", () => {
    for (const value of ["0", "6", "-1", "25"]) {
      expect(errorsOf(riskInput, { ...goodRisk, likelihood: value, impact: value })).toMatchObject({
        likelihood: ["partnership.risks.validation.score"],
        impact: ["partnership.risks.validation.score"],
      });
    }
    expect(errorsOf(riskInput, { ...goodRisk, status: "forgotten" })).toMatchObject({
      status: ["validation.invalidChoice"],
    });
  });

  test("script tags: refused where a choice is expected, kept as plain text in free text", () => {
    expect(
      errorsOf(riskInput, { ...goodRisk, category: SCRIPT, status: SCRIPT, ownerOrganisationId: SCRIPT }),
    ).toMatchObject({
      category: ["validation.invalidChoice"],
      status: ["validation.invalidChoice"],
      ownerOrganisationId: ["validation.invalidChoice"],
    });
    // React escapes text on output: the title is stored as typed, never interpreted.
    const submission = parseWithZod(form({ ...goodRisk, title: SCRIPT }), { schema: riskInput });
    expect(submission.status === "success" && submission.value.title).toBe(SCRIPT);
  });

  test("an edit needs the version read with the form", () => {
    expect(errorsOf(riskInput, { ...goodRisk, id: ID })).toMatchObject({ version: ["validation.required"] });
    expect(errorsOf(riskInput, { ...goodRisk, id: ID, version: "2" })).toBeNull();
    expect(errorsOf(riskInput, { ...goodRisk, id: ID, version: "abc" })).toMatchObject({
      version: ["validation.required"],
    });
  });

  test("archive and restore need an id and a version", () => {
    expect(riskCommandInput.safeParse({ intent: "restore", id: ID, version: 2 }).success).toBe(true);
    expect(riskCommandInput.safeParse({ intent: "delete", id: ID, version: 2 }).success).toBe(false);
    expect(riskCommandInput.safeParse({ intent: "archive", id: ID, version: 1 }).success).toBe(true);
    expect(riskCommandInput.safeParse({ intent: "archive", id: SCRIPT, version: 1 }).success).toBe(false);
    expect(riskCommandInput.safeParse({ intent: "archive", id: ID, version: Number.NaN }).success).toBe(
      false,
    );
  });
});

const goodScores = Object.fromEntries(healthDimensions.map((d) => [d, "4"]));
const goodHealth = { respondentOrganisationId: ID, period: "2024-Q3", ...goodScores, comment: "Fine" };

describe("health-check form", () => {
  test("a complete answer passes", () => {
    const submission = parseWithZod(form(goodHealth), { schema: healthCheckInput });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value.trust).toBe(4);
  });

  test("empty: the member, the period and every score are required", () => {
    const errors = errorsOf(healthCheckInput, {});
    expect(errors).toMatchObject({
      respondentOrganisationId: ["validation.required"],
      period: ["validation.required"],
    });
    for (const dimension of healthDimensions) {
      expect(errors?.[dimension], dimension).toEqual(["partnership.health.validation.score"]);
    }
  });

  test("too long", () => {
    expect(errorsOf(healthCheckInput, { ...goodHealth, comment: "x".repeat(2001) })).toMatchObject({
      comment: ["validation.tooLong"],
    });
  });

  test("wrong type", () => {
    expect(
      errorsOf(healthCheckInput, {
        ...goodHealth,
        trust: "high",
        period: "2024-07",
        respondentOrganisationId: "ministry",
      }),
    ).toMatchObject({
      trust: ["partnership.health.validation.score"],
      period: ["partnership.health.validation.period"],
      respondentOrganisationId: ["validation.invalidChoice"],
    });
    expect(errorsOf(healthCheckInput, { ...goodHealth, period: "2024-Q5" })).toMatchObject({
      period: ["partnership.health.validation.period"],
    });
  });

  test("out of range, and a quarter in the future", () => {
    expect(errorsOf(healthCheckInput, { ...goodHealth, trust: "0", communication: "6" })).toMatchObject({
      trust: ["partnership.health.validation.score"],
      communication: ["partnership.health.validation.score"],
    });
    expect(errorsOf(healthCheckInput, { ...goodHealth, period: "2999-Q1" })).toMatchObject({
      period: ["partnership.health.validation.futurePeriod"],
    });
    expect(errorsOf(healthCheckInput, { ...goodHealth, period: periodOf() })).toBeNull();
  });

  test("script tags", () => {
    expect(
      errorsOf(healthCheckInput, {
        ...goodHealth,
        period: SCRIPT,
        trust: SCRIPT,
        respondentOrganisationId: SCRIPT,
      }),
    ).toMatchObject({
      period: ["partnership.health.validation.period"],
      trust: ["partnership.health.validation.score"],
      respondentOrganisationId: ["validation.invalidChoice"],
    });
    const submission = parseWithZod(form({ ...goodHealth, comment: SCRIPT }), { schema: healthCheckInput });
    expect(submission.status === "success" && submission.value.comment).toBe(SCRIPT);
  });
});

describe("periods", () => {
  test("calendar quarters in UTC", () => {
    expect(periodOf(new Date("2024-01-01T00:00:00Z"))).toBe("2024-Q1");
    expect(periodOf(new Date("2024-09-30T23:59:59Z"))).toBe("2024-Q3");
    expect(periodOf(new Date("2024-10-01T00:00:00Z"))).toBe("2024-Q4");
    expect(previousPeriod("2024-Q1")).toBe("2023-Q4");
    expect(recentPeriods(3, new Date("2024-02-10T00:00:00Z"))).toEqual(["2024-Q1", "2023-Q4", "2023-Q3"]);
    const now = new Date("2024-05-01T00:00:00Z");
    expect(isFuturePeriod("2024-Q2", now)).toBe(false);
    expect(isFuturePeriod("2024-Q3", now)).toBe(true);
    expect(isFuturePeriod("2023-Q4", now)).toBe(false);
  });
});

describe("risk matrix", () => {
  test("bands by exposure", () => {
    expect([1, 4, 5, 9, 10, 14, 15, 25].map(exposureBand)).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "critical",
      "critical",
    ]);
  });

  test("5 x 5, likelihood 5 on top; closed risks are not placed", () => {
    const rows = riskMatrix([
      { id: "a", likelihood: 5, impact: 1, status: "open" as const },
      { id: "b", likelihood: 5, impact: 1, status: "mitigating" as const },
      { id: "c", likelihood: 2, impact: 4, status: "closed" as const },
    ]);
    expect(rows.map((r) => r.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(rows.every((r) => r.cells.map((c) => c.impact).join() === "1,2,3,4,5")).toBe(true);
    expect(rows[0]?.cells[0]?.risks.map((r) => r.id)).toEqual(["a", "b"]);
    expect(rows.flatMap((r) => r.cells).reduce((n, c) => n + c.risks.length, 0)).toBe(2);
    expect(rows[0]?.cells[4]).toMatchObject({ exposure: 25, band: "critical" });
  });

  test("an overdue review is a past review date of a risk that is not closed", () => {
    expect(isReviewOverdue({ reviewOn: "2025-01-01", status: "open" }, "2025-01-02")).toBe(true);
    expect(isReviewOverdue({ reviewOn: "2025-01-02", status: "open" }, "2025-01-02")).toBe(false);
    expect(isReviewOverdue({ reviewOn: "2025-01-01", status: "closed" }, "2025-01-02")).toBe(false);
    expect(isReviewOverdue({ reviewOn: null, status: "open" }, "2025-01-02")).toBe(false);
  });
});
