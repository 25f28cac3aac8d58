// The objective, funding-line and document forms fed bad input, the way a browser sends it
// (FormData through Conform's parseWithZod): each mistake comes back as the field's error.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import {
  documentInput,
  fundingLineInput,
  objectiveInput,
  recordCommandInput,
} from "~/lib/validation/partnership-records";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

function parse<S extends z.ZodType>(schema: S, fields: Record<string, string | string[]>) {
  return parseWithZod(form(fields), { schema });
}

/** The field errors of a submission that must fail. */
function errorsOf<S extends z.ZodType>(schema: S, fields: Record<string, string | string[]>) {
  const submission = parse(schema, fields);
  expect(submission.status).toBe("error");
  return submission.reply().error ?? {};
}

const SCRIPT = '<script>alert("x")</script>';
const LONG = "x".repeat(201);

describe("objective form", () => {
  const valid = { intent: "save", title: "Inform every participant", status: "on_track" };

  test("a valid objective, empty optional fields left out", () => {
    const submission = parse(objectiveInput, {
      ...valid,
      indicator: "People informed",
      target: "200",
      unit: "people",
      progress: "12.5",
      dueDate: "2025-06-30",
    });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ target: 200, progress: 12.5, dueDate: "2025-06-30" });
    const bare = parse(objectiveInput, { ...valid, indicator: "", target: "", dueDate: "" });
    expect(bare.status).toBe("success");
    if (bare.status === "success") expect(bare.value.indicator).toBeUndefined();
  });

  test("empty, too long and markup titles", () => {
    expect(errorsOf(objectiveInput, { ...valid, title: "" }).title).toEqual(["validation.required"]);
    expect(errorsOf(objectiveInput, { ...valid, title: "   " }).title).toEqual(["validation.required"]);
    expect(errorsOf(objectiveInput, { ...valid, title: LONG }).title).toEqual(["validation.tooLong"]);
    expect(errorsOf(objectiveInput, { ...valid, title: SCRIPT }).title).toEqual([
      "partnership.objectives.validation.markup",
    ]);
    expect(
      errorsOf(objectiveInput, { ...valid, indicator: "<img src=x onerror=alert(1)>" }).indicator,
    ).toEqual(["partnership.objectives.validation.markup"]);
  });

  test("wrong types and out of range numbers and dates", () => {
    const errors = errorsOf(objectiveInput, {
      ...valid,
      target: "lots",
      progress: "-1",
      dueDate: "2025-02-30",
      status: "finished",
    });
    expect(errors.target).toEqual(["partnership.objectives.validation.number"]);
    expect(errors.progress).toEqual(["partnership.objectives.validation.progressNegative"]);
    expect(errors.dueDate).toEqual(["partnership.objectives.validation.date"]);
    expect(errors.status).toEqual(["validation.invalidChoice"]);
    expect(errorsOf(objectiveInput, { ...valid, target: "0" }).target).toEqual([
      "partnership.objectives.validation.targetPositive",
    ]);
    expect(errorsOf(objectiveInput, { ...valid, target: "1e13" }).target).toEqual([
      "partnership.objectives.validation.tooLarge",
    ]);
    expect(errorsOf(objectiveInput, { ...valid, dueDate: "tomorrow" }).dueDate).toEqual([
      "partnership.objectives.validation.date",
    ]);
  });

  test("an edit needs the version read; a malformed id is refused", () => {
    expect(
      errorsOf(objectiveInput, { ...valid, id: "8e0b7f5e-5a3c-4a5b-9a57-1f1e1b1c1d1e" }).version,
    ).toEqual(["validation.required"]);
    expect(errorsOf(objectiveInput, { ...valid, id: "1 or 1=1" }).id).toEqual(["validation.invalidChoice"]);
  });
});

describe("funding-line form", () => {
  const valid = { intent: "save", source: "amif", stage: "implementation" };

  test("a valid line: currency defaults to EUR, amounts normalised", () => {
    const submission = parse(fundingLineInput, {
      ...valid,
      reference: "AMIF-060-086",
      amount: "5 139 366,07",
      cofinancingRate: "75",
      startsOn: "2022-01-01",
      endsOn: "2024-12-31",
      pathwaysCovered: ["voluntary_return", "residence_permit", "residence_permit"],
    });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      currency: "EUR",
      amount: "5139366.07",
      cofinancingRate: 75,
      pathwaysCovered: ["voluntary_return", "residence_permit"],
      voluntaryReturnOnly: false,
    });
    const lower = parse(fundingLineInput, { ...valid, amount: "007.5", currency: "sek" });
    expect(lower.status === "success" && lower.value).toMatchObject({ amount: "7.50", currency: "SEK" });
  });

  test("one pathway ticked arrives as a single value and still is a list", () => {
    const submission = parse(fundingLineInput, { ...valid, pathwaysCovered: "international_protection" });
    expect(submission.status === "success" && submission.value.pathwaysCovered).toEqual([
      "international_protection",
    ]);
  });

  test("wrong types, out of range and unknown choices", () => {
    const errors = errorsOf(fundingLineInput, {
      intent: "save",
      source: "lottery",
      stage: "",
      amount: "-5",
      currency: "EURO",
      cofinancingRate: "101",
      pathwaysCovered: ["teleportation"],
      funderOrganisationId: "not-a-uuid",
    });
    expect(errors.source).toEqual(["validation.invalidChoice"]);
    expect(errors.stage).toEqual(["validation.invalidChoice"]);
    expect(errors.amount).toEqual(["funding.validation.amount"]);
    expect(errors.currency).toEqual(["funding.validation.currency"]);
    expect(errors.cofinancingRate).toEqual(["funding.validation.rate"]);
    expect(errors["pathwaysCovered[0]"]).toEqual(["validation.invalidChoice"]);
    expect(errors.funderOrganisationId).toEqual(["validation.invalidChoice"]);
    expect(errorsOf(fundingLineInput, { ...valid, amount: "12.345" }).amount).toEqual([
      "funding.validation.amount",
    ]);
    expect(errorsOf(fundingLineInput, { ...valid, amount: "1234567890123" }).amount).toEqual([
      "funding.validation.amount",
    ]);
    expect(errorsOf(fundingLineInput, { ...valid, cofinancingRate: "-1" }).cofinancingRate).toEqual([
      "funding.validation.rate",
    ]);
    expect(errorsOf(fundingLineInput, { ...valid, cofinancingRate: "abc" }).cofinancingRate).toEqual([
      "funding.validation.rate",
    ]);
    // Three letters, but not an ISO 4217 currency.
    expect(errorsOf(fundingLineInput, { ...valid, currency: "ABC" }).currency).toEqual([
      "funding.validation.currency",
    ]);
  });

  test("AMIF above 75% is accepted (a warning, not an error)", () => {
    expect(parse(fundingLineInput, { ...valid, cofinancingRate: "90" }).status).toBe("success");
  });

  test("the period cannot end before it starts", () => {
    expect(
      errorsOf(fundingLineInput, { ...valid, startsOn: "2024-01-01", endsOn: "2023-12-31" }).endsOn,
    ).toEqual(["funding.validation.endBeforeStart"]);
    expect(errorsOf(fundingLineInput, { ...valid, startsOn: "2024-13-01" }).startsOn).toEqual([
      "funding.validation.date",
    ]);
  });

  test("voluntary return only must agree with the pathways", () => {
    expect(
      errorsOf(fundingLineInput, {
        ...valid,
        voluntaryReturnOnly: "on",
        pathwaysCovered: ["residence_permit"],
      }).voluntaryReturnOnly,
    ).toEqual(["funding.validation.voluntaryReturnOnly"]);
    const flagged = parse(fundingLineInput, { ...valid, voluntaryReturnOnly: "on" });
    expect(flagged.status === "success" && flagged.value).toMatchObject({
      voluntaryReturnOnly: true,
      pathwaysCovered: ["voluntary_return"],
    });
  });

  test("markup and overlong references", () => {
    expect(errorsOf(fundingLineInput, { ...valid, reference: SCRIPT }).reference).toEqual([
      "funding.validation.markup",
    ]);
    expect(errorsOf(fundingLineInput, { ...valid, reference: "x".repeat(101) }).reference).toEqual([
      "validation.tooLong",
    ]);
  });
});

describe("document form", () => {
  const valid = { intent: "save", title: "LVV final evaluation", kind: "evaluation" };

  test("http and https links are accepted", () => {
    for (const url of ["https://www.wodc.nl/actueel", "http://fedasil.be/en/voluntary-return"]) {
      expect(parse(documentInput, { ...valid, url }).status).toBe("success");
    }
  });

  test("javascript:, data: and other non-http links are refused", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(document.cookie)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://example.org/file",
      "//example.org",
      "https://",
      "https://exa mple.org",
      "example.org",
    ]) {
      expect(errorsOf(documentInput, { ...valid, url }).url, url).toEqual([
        "partnership.documents.validation.url",
      ]);
    }
  });

  test("empty, too long, markup and unknown kind", () => {
    const errors = errorsOf(documentInput, { intent: "save", title: "", url: "", kind: "poem" });
    expect(errors.title).toEqual(["validation.required"]);
    expect(errors.url).toEqual(["validation.required"]);
    expect(errors.kind).toEqual(["validation.invalidChoice"]);
    expect(errorsOf(documentInput, { ...valid, url: "https://example.org", title: SCRIPT }).title).toEqual([
      "partnership.documents.validation.markup",
    ]);
    expect(errorsOf(documentInput, { ...valid, url: `https://example.org/${"a".repeat(2000)}` }).url).toEqual(
      ["validation.tooLong"],
    );
  });
});

describe("archive and restore commands", () => {
  test("need a known intent, a uuid and a positive version", () => {
    expect(
      recordCommandInput.safeParse({
        intent: "archive",
        id: "8e0b7f5e-5a3c-4a5b-9a57-1f1e1b1c1d1e",
        version: 1,
      }).success,
    ).toBe(true);
    expect(recordCommandInput.safeParse({ intent: "delete", id: "x", version: 0 }).success).toBe(false);
    expect(
      recordCommandInput.safeParse({
        intent: "restore",
        id: "8e0b7f5e-5a3c-4a5b-9a57-1f1e1b1c1d1e",
        version: NaN,
      }).success,
    ).toBe(false);
  });
});
