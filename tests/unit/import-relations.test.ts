// Partnerships (with members) and relationships as import kinds: the mapping guessed from English,
// French and Kumu "Connections" headers, the values read from cells, and the plans' rules (members
// must exist, one lead, a valid role, duplicates skipped or merged, Kumu connection types guessed).
import { describe, expect, test } from "vitest";
import type { ImportRow } from "~/lib/import/kinds";
import { guessMapping, mappingFromForm, requiredFieldsOf } from "~/lib/import/mapping";
import { planPartnershipImport } from "~/lib/import/partnership-plan";
import {
  dayFrom,
  formalisationFrom,
  guessRelationshipType,
  memberRoleFrom,
  partnershipStatusFrom,
  relationshipTypeFrom,
} from "~/lib/import/relation-values";
import { planRelationshipImport } from "~/lib/import/relationship-plan";

describe("guessing the mapping of the new kinds", () => {
  test("partnerships, English headers", () => {
    const headers = [
      "Partnership",
      "Status",
      "Start date",
      "End date",
      "Country",
      "Level",
      "Formalisation",
      "Organisation",
      "Organisation country",
      "Role",
      "Mandate",
      "Contribution",
      "Joined on",
    ];
    expect(guessMapping(headers, "table", "partnerships")).toEqual({
      partnership: 0,
      status: 1,
      startDate: 2,
      endDate: 3,
      countryCode: 4,
      level: 5,
      formalisation: 6,
      organisation: 7,
      organisationCountry: 8,
      role: 9,
      mandate: 10,
      contribution: 11,
      joinedOn: 12,
    });
  });

  test("partnerships, French headers in another order", () => {
    const headers = [
      "Membre",
      "Rôle",
      "Nom du partenariat",
      "Statut",
      "Pays de l’organisation",
      "Membre depuis",
    ];
    expect(guessMapping(headers, "table", "partnerships")).toEqual({
      organisation: 0,
      role: 1,
      partnership: 2,
      status: 3,
      organisationCountry: 4,
      joinedOn: 5,
    });
  });

  test("relationships, English and French headers", () => {
    expect(guessMapping(["From", "To", "Type", "Starts", "Ends", "Notes"], "table", "relationships")).toEqual(
      {
        from: 0,
        to: 1,
        type: 2,
        startsOn: 3,
        endsOn: 4,
        notes: 5,
      },
    );
    expect(
      guessMapping(
        ["De", "Vers", "Type de relation", "Date de début", "Commentaire"],
        "table",
        "relationships",
      ),
    ).toEqual({ from: 0, to: 1, type: 2, startsOn: 3, notes: 4 });
  });

  test("Kumu's Connections sheet: From, To, Type; Description before Label for the notes", () => {
    const headers = ["From", "To", "Type", "Direction", "Label", "Description", "Tags"];
    expect(guessMapping(headers, "kumu", "relationships")).toEqual({ from: 0, to: 1, type: 2, notes: 5 });
  });

  test("the required fields of each kind, and a form read for a kind", () => {
    expect(requiredFieldsOf("partnerships")).toEqual(["partnership", "organisation"]);
    expect(requiredFieldsOf("relationships")).toEqual(["from", "to", "type"]);
    const form = new FormData();
    form.set("map.from", "1");
    form.set("map.name", "0");
    form.set("map.to", "9");
    expect(mappingFromForm(form, 3, "relationships")).toEqual({ from: 1 });
  });
});

describe("reading the values of the new kinds", () => {
  test("roles, statuses and formalisations by code, English or French label, common word", () => {
    expect(["lead", "Lead", "Chef de file", "coordinateur"].map(memberRoleFrom)).toEqual([
      "lead",
      "lead",
      "lead",
      "lead",
    ]);
    expect(["Bailleur", "Observateur", "membre", "boss"].map(memberRoleFrom)).toEqual([
      "funder",
      "observer",
      "partner",
      null,
    ]);
    expect(["En constitution", "actif", "Ended"].map(partnershipStatusFrom)).toEqual([
      "forming",
      "active",
      "ended",
    ]);
    expect(["Protocole d’accord", "MoU", "Grant agreement"].map(formalisationFrom)).toEqual([
      "memorandum",
      "memorandum",
      "grant_agreement",
    ]);
  });

  test("relationship types: strict for tables, guessed by their words for Kumu", () => {
    expect(relationshipTypeFrom("Oriente des dossiers vers")).toBe("refers_cases");
    expect(relationshipTypeFrom("Funding stream")).toBeNull();
    expect(guessRelationshipType("Funding stream")).toBe("funds");
    expect(guessRelationshipType("Referral pathway")).toBe("refers_cases");
    expect(guessRelationshipType("Data exchange")).toBe("shares_information");
    expect(guessRelationshipType("Supervision")).toBe("oversees");
    expect(guessRelationshipType("Technical advice")).toBe("advises");
    // No "other" relationship type exists: nothing is guessed.
    expect(guessRelationshipType("Friendship")).toBeNull();
  });

  test("days: ISO or day first; impossible days refused", () => {
    expect(dayFrom("2024-02-29")).toBe("2024-02-29");
    expect(dayFrom("31/12/2024")).toBe("2024-12-31");
    expect(dayFrom("1.3.2025")).toBe("2025-03-01");
    expect(dayFrom("2023-02-29")).toBeNull();
    expect(dayFrom("12/31/2024")).toBeNull();
    expect(dayFrom("soon")).toBeNull();
  });
});

const ORGS = [
  { id: "00000000-0000-4000-8000-000000000001", name: "Fédasil", countryCode: "BE" },
  { id: "00000000-0000-4000-8000-000000000002", name: "City of Ghent", countryCode: "BE" },
  { id: "00000000-0000-4000-8000-000000000003", name: "Red Cross", countryCode: "BE" },
  { id: "00000000-0000-4000-8000-000000000004", name: "Red Cross", countryCode: "NL" },
];
const [FED, GHENT, RC_BE] = ORGS.map((o) => o.id) as [string, string, string, string];

const P_HEADERS = ["Partnership", "Status", "Organisation", "Organisation country", "Role"];
const P_MAPPING = { partnership: 0, status: 1, organisation: 2, organisationCountry: 3, role: 4 };

function rowsOf(cells: string[][]): ImportRow[] {
  return cells.map((row, i) => ({ line: i + 2, cells: row }));
}

function partnershipPlan(
  cells: string[][],
  extra: Partial<Parameters<typeof planPartnershipImport>[0]> = {},
) {
  return planPartnershipImport({
    headers: P_HEADERS,
    rows: rowsOf(cells),
    mapping: P_MAPPING,
    layout: "table",
    organisations: ORGS,
    partnerships: [],
    members: [],
    updates: new Set(),
    ...extra,
  });
}

describe("planning partnerships", () => {
  test("rows of one partnership name form one partnership; the country narrows a name", () => {
    const plan = partnershipPlan([
      ["Ghent reception", "Forming", "Fédasil", "", "Chef de file"],
      ["GHENT RECEPTION", "", "city of ghent", "", "partner"],
      ["Ghent reception", "", "Red Cross", "Belgique", ""],
    ]);
    expect(plan.summary).toEqual({ new: 3, update: 0, skip: 0, error: 0 });
    expect(plan.rows[0]?.partnership).toMatchObject({ name: "Ghent reception", status: "forming" });
    expect(plan.rows[1]?.partnership).toBeNull();
    expect(plan.rows.map((r) => [r.groupLine, r.member?.organisationId, r.member?.role])).toEqual([
      [2, FED, "lead"],
      [2, GHENT, "partner"],
      [2, RC_BE, "partner"],
    ]);
  });

  test("errors: unknown or ambiguous organisation, bad role, two leads, twice the same member", () => {
    const plan = partnershipPlan([
      ["P", "", "Nowhere Org", "", "partner"],
      ["P", "", "Red Cross", "", "partner"],
      ["P", "", "Fédasil", "", "boss"],
      ["P", "", "Fédasil", "", "lead"],
      ["P", "", "City of Ghent", "", "lead"],
      ["P", "", "fedasil", "", "observer"],
    ]);
    const messages = plan.rows.map((r) => r.problems.map((p) => [p.field, p.message, p.values]));
    expect(messages).toEqual([
      [["organisation", "import.problems.unknownOrganisation", { name: "Nowhere Org" }]],
      [["organisation", "import.problems.ambiguousOrganisation", { name: "Red Cross" }]],
      [["role", "import.problems.unknownRole", { value: "boss" }]],
      [],
      [["role", "import.problems.secondLead", { line: 5 }]],
      // Row 4 (Fédasil with a bad role) is not imported: row 5's Fédasil is the member.
      [["organisation", "import.problems.memberTwice", { line: 5 }]],
    ]);
    expect(plan.summary).toEqual({ new: 1, update: 0, skip: 0, error: 5 });
  });

  test("the partnership's values: later rows repeat or leave them empty; bad ones fail the group", () => {
    const differs = partnershipPlan([
      ["P", "forming", "Fédasil", "", "lead"],
      ["P", "paused", "City of Ghent", "", ""],
    ]);
    expect(differs.rows[1]?.problems[0]).toMatchObject({
      field: "status",
      column: "Status",
      message: "import.problems.partnershipDiffers",
    });
    const bad = partnershipPlan([
      ["Q", "Sleeping", "Fédasil", "", "lead"],
      ["Q", "", "City of Ghent", "", ""],
    ]);
    expect(bad.rows.map((r) => r.status)).toEqual(["error", "error"]);
    expect(bad.rows[1]?.problems[0]?.message).toBe("import.problems.partnershipHasErrors");
    // Active needs two members and one lead, as the form does.
    const active = partnershipPlan([["R", "active", "Fédasil", "", "partner"]]);
    expect(active.rows[0]?.problems[0]?.message).toBe("partnership.form.errors.activeNeedsMembers");
  });

  test("an existing partnership of the same name: skipped, or merged (members added, one lead counted)", () => {
    const existing = { id: "00000000-0000-4000-8000-0000000000aa", name: "Ghent Réception" };
    const members = [{ partnershipId: existing.id, organisationId: FED, role: "lead", current: true }];
    const rows = [
      ["ghent reception", "", "City of Ghent", "", "partner"],
      ["ghent reception", "", "Fédasil", "", "lead"],
      ["ghent reception", "", "Red Cross", "BE", "lead"],
    ];
    const skipped = partnershipPlan(rows, { partnerships: [existing], members });
    expect(skipped.rows.map((r) => r.status)).toEqual(["skip", "skip", "skip"]);
    expect(skipped.rows.map((r) => r.chooser)).toEqual([true, false, false]);
    expect(skipped.rows[0]?.duplicateOf).toEqual(existing);
    const merged = partnershipPlan(rows, { partnerships: [existing], members, updates: new Set([2]) });
    // Fédasil is a member already (skipped); a second lead is refused.
    expect(merged.rows.map((r) => r.status)).toEqual(["update", "skip", "error"]);
    expect(merged.rows[2]?.problems[0]).toMatchObject({ message: "import.problems.hasLead" });
  });
});

describe("planning relationships", () => {
  const headers = ["From", "To", "Type", "Starts", "Ends"];
  const mapping = { from: 0, to: 1, type: 2, startsOn: 3, endsOn: 4 };
  const plan = (cells: string[][], layout: "table" | "kumu" = "table") =>
    planRelationshipImport({
      headers,
      rows: rowsOf(cells),
      mapping,
      layout,
      organisations: ORGS,
      relationships: [{ id: "x", fromOrganisationId: FED, toOrganisationId: GHENT, type: "funds" }],
    });

  test("good rows, an existing one skipped, errors named by their column", () => {
    const result = plan([
      ["City of Ghent", "Fédasil", "Conseille", "01/02/2024", ""],
      ["Fédasil", "City of Ghent", "Funds", "", ""],
      ["Fédasil", "Fédasil", "advises", "", ""],
      ["Nobody", "Fédasil", "advises", "", ""],
      ["City of Ghent", "Fédasil", "Friendship", "", ""],
      ["City of Ghent", "Fédasil", "advises", "2024-05-01", "2024-01-01"],
      ["city of ghent", "FEDASIL", "advises", "", ""],
    ]);
    expect(result.rows.map((r) => r.status)).toEqual([
      "new",
      "skip",
      "error",
      "error",
      "error",
      "error",
      "error",
    ]);
    expect(result.rows[0]?.relationship).toEqual({
      fromOrganisationId: GHENT,
      toOrganisationId: FED,
      type: "advises",
      startsOn: "2024-02-01",
      endsOn: null,
      notes: null,
    });
    expect(result.rows.slice(2).map((r) => [r.problems[0]?.column, r.problems[0]?.message])).toEqual([
      ["To", "relationships.validation.sameOrganisation"],
      ["From", "import.problems.unknownOrganisation"],
      ["Type", "import.problems.unknownRelationshipType"],
      ["Ends", "relationships.validation.endsBeforeStarts"],
      ["From", "import.problems.relationshipTwice"],
    ]);
  });

  test("Kumu connections: free-text types guessed by their words", () => {
    const result = plan([["City of Ghent", "Fédasil", "Referral pathway", "", ""]], "kumu");
    expect(result.rows[0]?.relationship?.type).toBe("refers_cases");
  });
});
