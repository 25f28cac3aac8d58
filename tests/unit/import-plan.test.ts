import { describe, expect, test } from "vitest";
import { guessMapping } from "~/lib/import/mapping";
import { planOrganisationImport, type ExistingOrganisation } from "~/lib/import/organisation-plan";
import { previewView } from "~/lib/import/preview-view";

const headers = ["Name", "Acronym", "Type", "Level", "Country", "Website", "Description"];

function plan(
  rows: string[][],
  options: {
    existing?: ExistingOrganisation[];
    updates?: number[];
    layout?: "table" | "kumu";
    head?: string[];
  } = {},
) {
  const head = options.head ?? headers;
  const layout = options.layout ?? "table";
  return planOrganisationImport({
    headers: head,
    rows: rows.map((cells, i) => ({ line: i + 2, cells })),
    mapping: guessMapping(head, layout),
    layout,
    existing: options.existing ?? [],
    updates: new Set(options.updates ?? []),
  });
}

describe("planning an import of organisations", () => {
  test("good rows are new, with their values read leniently", () => {
    const result = plan([
      ["Croix-Rouge de Belgique", "CRB", "ONG", "National", "Belgique", "www.croix-rouge.be", "Aide"],
      ["Gemeente Utrecht", "", "Local authority", "", "nl", "", ""],
    ]);
    expect(result.summary).toEqual({ new: 2, update: 0, skip: 0, error: 0 });
    expect(result.rows[0]?.fields).toEqual({
      name: "Croix-Rouge de Belgique",
      acronym: "CRB",
      type: "cso",
      level: "national",
      countryCode: "BE",
      website: "https://www.croix-rouge.be",
      description: "Aide",
    });
    // No level: it follows from the type.
    expect(result.rows[1]?.fields).toMatchObject({
      type: "local_authority",
      level: "local",
      countryCode: "NL",
    });
  });

  test("the guard our CSV exports put before formula-like text is taken off", () => {
    const result = plan([["'=Equal rights", "'-", "cso", "", "NL", "", "'plain quote"]]);
    expect(result.rows[0]?.fields).toMatchObject({
      name: "=Equal rights",
      acronym: "-",
      description: "'plain quote",
    });
  });

  test("each kind of error names the row, the column and why", () => {
    const result = plan([
      ["", "", "cso", "", "NL", "", ""],
      ["Unknown type", "", "Spaceship", "", "NL", "", ""],
      ["Bad country", "", "cso", "", "Narnia", "", ""],
      ["x".repeat(201), "", "cso", "", "NL", "", ""],
      ["Bad website", "", "cso", "", "NL", "javascript:alert(1)", ""],
      ["Bad level", "", "cso", "Galactic", "NL", "", ""],
      ["No type", "", "", "", "NL", "", ""],
      ["Markup <b>", "", "cso", "", "NL", "", ""],
    ]);
    expect(result.summary.error).toBe(8);
    expect(result.rows.map((row) => [row.line, row.problems.map((p) => [p.column, p.message])])).toEqual([
      [2, [["Name", "validation.required"]]],
      [3, [["Type", "import.problems.unknownType"]]],
      [4, [["Country", "import.problems.unknownCountry"]]],
      [5, [["Name", "validation.tooLong"]]],
      [6, [["Website", "organisation.validation.website"]]],
      [7, [["Level", "import.problems.unknownLevel"]]],
      [8, [["Type", "validation.required"]]],
      [9, [["Name", "organisation.validation.noMarkup"]]],
    ]);
    expect(result.rows[1]?.problems[0]?.values).toEqual({ value: "Spaceship" });
  });

  test("a duplicate within the file (case and accents aside) points at the first row", () => {
    const result = plan([
      ["Réfugiés Bienvenue", "", "cso", "", "BE", "", ""],
      ["REFUGIES  bienvenue", "", "cso", "", "BE", "", ""],
      ["Refugies Bienvenue", "", "cso", "", "FR", "", ""],
    ]);
    expect(result.summary).toEqual({ new: 2, update: 0, skip: 0, error: 1 });
    expect(result.rows[1]?.problems).toEqual([
      { field: "name", column: "Name", message: "import.problems.duplicateInFile", values: { line: 2 } },
    ]);
  });

  test("duplicates of existing organisations are skipped unless chosen for an update", () => {
    const existing = [
      { id: "a", name: "Fedasil", countryCode: "BE" },
      { id: "b", name: "Vluchtelingenwerk", countryCode: "NL" },
    ];
    const rows = [
      ["FEDASIL", "", "National authority", "", "BE", "", "new text"],
      ["Vluchtelingenwerk", "", "cso", "", "NL", "", ""],
      ["Fedasil", "", "National authority", "", "NL", "", ""],
    ];
    const skipped = plan(rows, { existing });
    expect(skipped.summary).toEqual({ new: 1, update: 0, skip: 2, error: 0 });
    expect(skipped.rows[0]?.duplicateOf).toEqual({ id: "a", name: "Fedasil" });
    const updated = plan(rows, { existing, updates: [2] });
    expect(updated.summary).toEqual({ new: 1, update: 1, skip: 1, error: 0 });
  });

  test("Kumu: element types are guessed, an empty type is 'other'", () => {
    const head = ["Label", "Type", "Description", "Tags"];
    const result = plan(
      [
        ["UNHCR", "International organization", "", ""],
        ["Someone's club", "", "", "x"],
      ],
      { layout: "kumu", head },
    );
    expect(result.summary.error).toBe(0);
    expect(result.rows.map((row) => row.fields?.type)).toEqual(["international_organisation", "other"]);
  });

  test("empty rows are left out; the preview pages and filters rows", () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `Org ${i}`,
      "",
      i % 40 === 0 ? "??" : "cso",
      "",
      "NL",
      "",
      "",
    ]);
    rows.push(["", "", "", "", "", "", ""]);
    const result = plan(rows);
    expect(result.rows).toHaveLength(120);
    const all = previewView(result, "all", { page: 3, pageSize: 50 });
    expect(all.rows.items.map((row) => row.line)).toEqual(Array.from({ length: 20 }, (_, i) => 102 + i));
    expect(all.rows.pages).toBe(3);
    const errors = previewView(result, "error", { page: 1, pageSize: 50 });
    expect(errors.rows.items.map((row) => row.line)).toEqual([2, 42, 82]);
    expect(errors.problems.map((problem) => problem.line)).toEqual([2, 42, 82]);
  });
});
