// The organisation and relationship forms fed bad input, parsed as the routes parse them (Conform's
// parseWithZod on form data: empty fields are missing, numbers and booleans are coerced).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import {
  createOrganisationInput,
  parseOrganisationFilters,
  relationshipInput,
  updateOrganisationInput,
} from "~/lib/validation/organisations";

const SELF = "3f1c2a64-0b6b-4c39-9a3e-1d2f0e6b7a10";
const OTHER = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";

function form(fields: Record<string, string>): FormData {
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) formData.append(key, value);
  return formData;
}

const valid = { intent: "save", name: "Fedasil", type: "national_authority", level: "national" };

function errorsOf(schema: Parameters<typeof parseWithZod>[1]["schema"], fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

describe("organisation form", () => {
  test("a minimal organisation is valid, empty optional fields are left out", () => {
    const submission = parseWithZod(form({ ...valid, acronym: "", website: "", countryCode: "" }), {
      schema: createOrganisationInput,
    });
    expect(submission.status).toBe("success");
    if (submission.status === "success") {
      expect(submission.value).toMatchObject({ name: "Fedasil", type: "national_authority" });
      expect(submission.value.acronym).toBeUndefined();
      expect(submission.value.confirmDuplicate).toBeUndefined();
    }
  });

  test("empty and whitespace names are required", () => {
    expect(errorsOf(createOrganisationInput, { ...valid, name: "" })).toMatchObject({
      name: ["validation.required"],
    });
    expect(errorsOf(createOrganisationInput, { ...valid, name: "   " })).toMatchObject({
      name: ["validation.required"],
    });
  });

  test("too long name, acronym, mandate, description and website", () => {
    const errors = errorsOf(createOrganisationInput, {
      ...valid,
      name: "x".repeat(201),
      acronym: "y".repeat(41),
      mandate: "m".repeat(4001),
      description: "d".repeat(8001),
      website: `https://example.org/${"p".repeat(500)}`,
    });
    expect(errors).toMatchObject({
      name: ["validation.tooLong"],
      acronym: ["validation.tooLong"],
      mandate: ["validation.tooLong"],
      description: ["validation.tooLong"],
    });
    expect(errors.website).toContain("validation.tooLong");
    expect(
      errorsOf(createOrganisationInput, { ...valid, name: "x".repeat(200), acronym: "y".repeat(40) }),
    ).toEqual({});
  });

  test("type and level must be one of the options", () => {
    expect(errorsOf(createOrganisationInput, { ...valid, type: "ministry", level: "" })).toMatchObject({
      type: ["validation.invalidChoice"],
      level: ["validation.invalidChoice"],
    });
  });

  test("country code: two capital letters or empty", () => {
    for (const countryCode of ["nl", "NLD", "N1", "<s"]) {
      expect(errorsOf(createOrganisationInput, { ...valid, countryCode })).toMatchObject({
        countryCode: ["organisation.validation.countryCode"],
      });
    }
    expect(errorsOf(createOrganisationInput, { ...valid, countryCode: "BE" })).toEqual({});
  });

  test("website: an http(s) address only", () => {
    for (const website of [
      "javascript:alert(1)",
      "ftp://example.org",
      "example.org",
      "https://",
      "http://localhost",
      "<script>alert(1)</script>",
    ]) {
      expect(errorsOf(createOrganisationInput, { ...valid, website }), website).toMatchObject({
        website: ["organisation.validation.website"],
      });
    }
    expect(errorsOf(createOrganisationInput, { ...valid, website: "https://www.fedasil.be/en" })).toEqual({});
  });

  test("script tags in a name or acronym are refused; in free text they stay text", () => {
    expect(
      errorsOf(createOrganisationInput, {
        ...valid,
        name: "<script>alert(1)</script>",
        acronym: "<b>",
      }),
    ).toMatchObject({
      name: ["organisation.validation.noMarkup"],
      acronym: ["organisation.validation.noMarkup"],
    });
    // React escapes text: a description may quote markup without harm.
    expect(errorsOf(createOrganisationInput, { ...valid, description: "<script>alert(1)</script>" })).toEqual(
      {},
    );
  });

  test("references must be ids", () => {
    expect(
      errorsOf(createOrganisationInput, {
        ...valid,
        parentOrganisationId: "1; drop table",
        municipalityId: "x",
      }),
    ).toMatchObject({
      parentOrganisationId: ["validation.invalidChoice"],
      municipalityId: ["validation.invalidChoice"],
    });
  });

  test("an edit needs the version read, and the organisation cannot be its own parent", () => {
    const schema = updateOrganisationInput(SELF);
    expect(errorsOf(schema, { ...valid })).toMatchObject({ version: ["validation.required"] });
    expect(errorsOf(schema, { ...valid, version: "abc" })).toHaveProperty("version");
    expect(errorsOf(schema, { ...valid, version: "0" })).toHaveProperty("version");
    expect(errorsOf(schema, { ...valid, version: "2", parentOrganisationId: SELF })).toMatchObject({
      parentOrganisationId: ["organisation.validation.parentSelf"],
    });
    expect(errorsOf(schema, { ...valid, version: "2", parentOrganisationId: OTHER })).toEqual({});
  });

  test("'Save anyway' confirms the duplicate", () => {
    const submission = parseWithZod(form({ ...valid, confirmDuplicate: "on" }), {
      schema: createOrganisationInput,
    });
    expect(submission.status === "success" && submission.value.confirmDuplicate).toBe(true);
  });
});

describe("relationship form", () => {
  const schema = relationshipInput(SELF);
  const base = {
    intent: "addRelationship",
    otherOrganisationId: OTHER,
    type: "funds",
    direction: "outgoing",
  };

  test("a valid relationship", () => {
    expect(
      errorsOf(schema, { ...base, startsOn: "2024-01-01", endsOn: "2024-12-31", notes: "AMIF" }),
    ).toEqual({});
  });

  test("missing and wrong choices", () => {
    expect(
      errorsOf(schema, { intent: "addRelationship", type: "pays", direction: "sideways" }),
    ).toMatchObject({
      otherOrganisationId: ["validation.invalidChoice"],
      type: ["validation.invalidChoice"],
      direction: ["validation.invalidChoice"],
    });
  });

  test("not with itself", () => {
    expect(errorsOf(schema, { ...base, otherOrganisationId: SELF })).toMatchObject({
      otherOrganisationId: ["relationships.validation.sameOrganisation"],
    });
  });

  test("dates: real days, the end not before the start", () => {
    expect(errorsOf(schema, { ...base, startsOn: "2024-02-30" })).toMatchObject({
      startsOn: ["relationships.validation.date"],
    });
    expect(errorsOf(schema, { ...base, startsOn: "<script>" })).toMatchObject({
      startsOn: ["relationships.validation.date"],
    });
    expect(errorsOf(schema, { ...base, startsOn: "2024-06-01", endsOn: "2024-05-31" })).toMatchObject({
      endsOn: ["relationships.validation.endsBeforeStarts"],
    });
  });

  test("too long notes; an edit needs the relationship and its version", () => {
    expect(errorsOf(schema, { ...base, notes: "n".repeat(2001) })).toMatchObject({
      notes: ["validation.tooLong"],
    });
    expect(errorsOf(schema, { ...base, intent: "updateRelationship" })).toMatchObject({
      relationshipId: ["validation.invalidChoice"],
      version: ["validation.required"],
    });
  });
});

describe("list filters", () => {
  test("unknown values are no filter", () => {
    expect(
      parseOrganisationFilters(
        new URLSearchParams("q=%20fed%20&type=bogus&level=local&country=be&sort=x&dir=up"),
      ),
    ).toEqual({
      q: "fed",
      type: undefined,
      level: "local",
      country: "BE",
      archived: undefined,
      sort: "name",
      dir: "asc",
    });
    expect(
      parseOrganisationFilters(new URLSearchParams("archived=1&sort=partnerships&dir=desc")),
    ).toMatchObject({
      archived: true,
      sort: "partnerships",
      dir: "desc",
    });
  });
});
