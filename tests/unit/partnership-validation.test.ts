// The partnership and member forms fed bad input: each error lands on its field.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import {
  addMemberInput,
  createPartnershipInput,
  parsePartnershipListQuery,
  removeMemberInput,
  updateMemberInput,
  updatePartnershipInput,
} from "~/lib/validation/partnerships";

const ID = "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** The field errors of a form submission, as the page would show them. */
function errorsOf(schema: Parameters<typeof parseWithZod>[1]["schema"], fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

const valid = { name: "LVV Utrecht", status: "forming", formalisation: "covenant" };

describe("partnership form", () => {
  test("a valid form passes, with empty optional fields left out", () => {
    const submission = parseWithZod(form({ ...valid, description: "", countryCode: "nl" }), {
      schema: createPartnershipInput,
    });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ ...valid, countryCode: "NL" });
  });

  test("empty: the name, status and formalisation are required", () => {
    expect(errorsOf(createPartnershipInput, {})).toEqual({
      name: ["validation.required"],
      status: ["validation.invalidChoice"],
      formalisation: ["validation.invalidChoice"],
    });
    expect(errorsOf(createPartnershipInput, { ...valid, name: "   " })).toEqual({
      name: ["validation.required"],
    });
  });

  test("too long, wrong type, out of range", () => {
    expect(
      errorsOf(createPartnershipInput, {
        ...valid,
        name: "x".repeat(201),
        governance: "g".repeat(2001),
        status: "finished",
        scopeLevel: "planetary",
        countryCode: "NLD",
        startDate: "yesterday",
        endDate: "2025-02-30",
      }),
    ).toEqual({
      name: ["validation.tooLong"],
      governance: ["validation.tooLong"],
      status: ["validation.invalidChoice"],
      scopeLevel: ["validation.invalidChoice"],
      countryCode: ["partnership.form.errors.country"],
      startDate: ["partnership.form.errors.date"],
      endDate: ["partnership.form.errors.date"],
    });
  });

  test("the end cannot come before the start", () => {
    expect(
      errorsOf(createPartnershipInput, { ...valid, startDate: "2025-01-02", endDate: "2025-01-01" }),
    ).toEqual({
      endDate: ["partnership.form.errors.endBeforeStart"],
    });
  });

  test("every error shows at once: a missing name does not hide the date order", () => {
    expect(
      errorsOf(createPartnershipInput, {
        status: "forming",
        formalisation: "covenant",
        startDate: "2025-01-02",
        endDate: "2025-01-01",
      }),
    ).toEqual({ name: ["validation.required"], endDate: ["partnership.form.errors.endBeforeStart"] });
    // An invalid date gives its own error, not a spurious order error.
    expect(
      errorsOf(createPartnershipInput, { ...valid, startDate: "2025-13-01", endDate: "2025-01-01" }),
    ).toEqual({
      startDate: ["partnership.form.errors.date"],
    });
  });

  test("script tags are refused in every text field", () => {
    expect(
      errorsOf(createPartnershipInput, {
        ...valid,
        name: "<script>alert(1)</script>",
        description: "Hello <img src=x onerror=alert(1)>",
        governance: "</b>",
      }),
    ).toEqual({
      name: ["partnership.form.errors.markup"],
      description: ["partnership.form.errors.markup"],
      governance: ["partnership.form.errors.markup"],
    });
    // A lone "<" in prose is not a tag.
    expect(errorsOf(createPartnershipInput, { ...valid, description: "fewer than 5 < 10 cases" })).toEqual(
      {},
    );
  });

  test("an update carries a whole positive version", () => {
    expect(errorsOf(updatePartnershipInput, { ...valid, intent: "update" })).toEqual({
      version: ["validation.required"],
    });
    expect(errorsOf(updatePartnershipInput, { ...valid, intent: "update", version: "two" })).toEqual({
      version: ["validation.required"],
    });
    expect(errorsOf(updatePartnershipInput, { ...valid, intent: "update", version: "3" })).toEqual({});
  });
});

describe("member forms", () => {
  test("adding needs an organisation and a known role; texts are bounded and plain", () => {
    expect(errorsOf(addMemberInput, { intent: "add" })).toEqual({
      organisationId: ["validation.invalidChoice"],
      role: ["validation.invalidChoice"],
    });
    expect(
      errorsOf(addMemberInput, {
        intent: "add",
        organisationId: "not-an-id",
        role: "boss",
        mandate: "m".repeat(2001),
        contribution: "<script>x</script>",
        joinedOn: "01/02/2025",
      }),
    ).toEqual({
      organisationId: ["validation.invalidChoice"],
      role: ["validation.invalidChoice"],
      mandate: ["validation.tooLong"],
      contribution: ["partnership.form.errors.markup"],
      joinedOn: ["partnership.form.errors.date"],
    });
    expect(errorsOf(addMemberInput, { intent: "add", organisationId: ID, role: "lead" })).toEqual({});
  });

  test("a member cannot leave before joining; removing needs the day it left", () => {
    expect(
      errorsOf(updateMemberInput, {
        intent: "update",
        memberId: ID,
        version: "1",
        role: "partner",
        joinedOn: "2025-03-01",
        leftOn: "2025-02-01",
      }),
    ).toEqual({ leftOn: ["partnership.form.errors.leftBeforeJoined"] });
    expect(errorsOf(removeMemberInput, { intent: "remove", memberId: ID, version: "1" })).toEqual({
      leftOn: ["partnership.form.errors.date"],
    });
  });
});

test("the list's query string is read leniently", () => {
  expect(
    parsePartnershipListQuery(
      new URLSearchParams("status=active&country=nl&risk=funding&health=low&sort=trust&dir=desc"),
    ),
  ).toEqual({
    status: "active",
    country: "NL",
    level: undefined,
    riskCategory: "funding",
    healthBand: "low",
    archived: false,
    sort: "trust",
    direction: "desc",
  });
  expect(
    parsePartnershipListQuery(new URLSearchParams("status=x&country=<b>&sort=drop&archived=1")),
  ).toMatchObject({
    status: undefined,
    country: undefined,
    sort: "name",
    direction: "asc",
    archived: true,
  });
});
