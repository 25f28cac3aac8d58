// What an import of organisations would do, row by row: each row validated with the organisation
// form's own schema, enumerations and countries read leniently (values.ts), duplicates found against
// the existing organisations and within the file by name and country (case and accents do not count).
// Pure: the model hands in the existing organisations and runs the plan.
import type { Level, OrganisationType } from "../enums";
import { createOrganisationInput, type OrganisationFields } from "../validation/organisations";
import type { ImportLayout, ImportRow } from "./kinds";
import { organisationImportFields, type ColumnMapping, type OrganisationImportField } from "./mapping";
import {
  NUL_PROBLEM,
  nulFields,
  type ExistingOrganisation,
  type ImportPlan,
  type ImportSummary,
  type PreviewRow,
  type RowProblem,
  type RowStatus,
} from "./plan-types";
import { foldText } from "./text";
import {
  countryCodeFrom,
  guessOrganisationType,
  levelFrom,
  levelOfType,
  organisationTypeFrom,
} from "./values";

export type { ExistingOrganisation, ImportSummary, RowProblem, RowStatus } from "./plan-types";

export interface PlannedRow extends PreviewRow {
  countryCode: string | null;
  /** The values to save (valid rows only). */
  fields: OrganisationFields | null;
  /** The existing organisation of the same name and country. */
  duplicateOf: { id: string; name: string } | null;
  /**
   * The type and level the file itself gave, without the defaults `fields` holds to validate a new
   * record ("other", the type's level) nor a type guessed from Kumu's free text: a merge writes only these.
   */
  stated: { type: OrganisationType | null; level: Level | null };
}

export type OrganisationPlan = ImportPlan<PlannedRow>;

/** The identity of an organisation for duplicates: its folded name and its country. */
export function duplicateKey(name: string, countryCode: string | null | undefined): string {
  return `${foldText(name)}|${countryCode ?? ""}`;
}

/** "www.example.org" is a website too: written with its scheme, as the form wants it. */
function withScheme(website: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(website) || !/^[^\s/]+\.[^\s]+$/.test(website)
    ? website
    : `https://${website}`;
}

interface PlanInput {
  headers: readonly string[];
  rows: readonly ImportRow[];
  mapping: ColumnMapping;
  layout: ImportLayout;
  existing: readonly ExistingOrganisation[];
  /** Row numbers whose duplicate is merged into the existing organisation (the others are skipped). */
  updates: ReadonlySet<number>;
}

export function planOrganisationImport(input: PlanInput): OrganisationPlan {
  const existingByKey = new Map<string, ExistingOrganisation>();
  for (const organisation of input.existing) {
    const key = duplicateKey(organisation.name, organisation.countryCode);
    if (!existingByKey.has(key)) existingByKey.set(key, organisation);
  }
  const firstLineOf = new Map<string, number>();
  const summary: ImportSummary = { new: 0, update: 0, skip: 0, error: 0 };
  const rows: PlannedRow[] = [];
  for (const row of input.rows) {
    const cell = (field: OrganisationImportField): string => {
      const index = input.mapping[field];
      // Our own CSV exports write a formula-looking cell with a leading "'" (app/lib/csv.ts): undone.
      return index === undefined ? "" : (row.cells[index] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
    };
    if (organisationImportFields.every((field) => cell(field) === "")) continue;
    const planned = planRow(row, cell, input, existingByKey, firstLineOf);
    summary[planned.status] += 1;
    rows.push(planned);
  }
  return { rows, summary };
}

function planRow(
  row: ImportRow,
  cell: (field: OrganisationImportField) => string,
  input: PlanInput,
  existingByKey: Map<string, ExistingOrganisation>,
  firstLineOf: Map<string, number>,
): PlannedRow {
  const problems: RowProblem[] = [];
  const column = (field: OrganisationImportField) => {
    const index = input.mapping[field];
    return index === undefined ? null : (input.headers[index] ?? null);
  };
  // A cell that held NUL says only that (its text, with U+FFFD in place of NUL, is not judged further).
  const nul = new Set(nulFields<OrganisationImportField>(input.mapping, row));
  const problem = (
    field: OrganisationImportField,
    message: string,
    values?: Record<string, string | number>,
  ) => {
    if (nul.has(field) && message !== NUL_PROBLEM) return;
    problems.push({ field, column: column(field), message, ...(values ? { values } : {}) });
  };
  for (const field of nul) problem(field, NUL_PROBLEM);
  const line = row.line;

  const typeText = cell("type");
  let type: OrganisationType | undefined;
  if (typeText !== "") {
    type =
      (input.layout === "kumu" ? guessOrganisationType(typeText) : organisationTypeFrom(typeText)) ??
      undefined;
    if (!type) problem("type", "import.problems.unknownType", { value: typeText });
  } else if (input.layout === "kumu") type = "other";
  else problem("type", "validation.required");

  const levelText = cell("level");
  let level: Level | undefined;
  if (levelText !== "") {
    level = levelFrom(levelText) ?? undefined;
    if (!level) problem("level", "import.problems.unknownLevel", { value: levelText });
  } else if (type) level = levelOfType(type);
  // Kumu's free-text type counts as stated only when it names a type exactly, not when guessed.
  const stated = {
    type: typeText === "" ? null : input.layout === "kumu" ? organisationTypeFrom(typeText) : (type ?? null),
    level: levelText === "" ? null : (level ?? null),
  };

  const countryText = cell("countryCode");
  let countryCode: string | undefined;
  if (countryText !== "") {
    countryCode = countryCodeFrom(countryText) ?? undefined;
    if (!countryCode) problem("countryCode", "import.problems.unknownCountry", { value: countryText });
  }

  const text = (field: OrganisationImportField) => cell(field) || undefined;
  const website = cell("website");
  const candidate = {
    intent: "save" as const,
    name: cell("name"),
    acronym: text("acronym"),
    type,
    level,
    countryCode,
    website: website === "" ? undefined : withScheme(website),
    description: text("description"),
    mandate: text("mandate"),
  };
  const parsed = createOrganisationInput.safeParse(candidate);
  if (!parsed.success) {
    const flagged = new Set(problems.map((p) => p.field));
    // A level that would follow from a type the row lacks: the type's problem says it all.
    if (levelText === "" && !type) flagged.add("level");
    for (const issue of parsed.error.issues) {
      const field = organisationImportFields.find((f) => f === issue.path[0]);
      if (!field || flagged.has(field)) continue;
      flagged.add(field);
      problem(field, issue.message);
    }
  }

  const name = candidate.name;
  const key = duplicateKey(name, countryCode);
  const earlier = name === "" ? undefined : firstLineOf.get(key);
  if (earlier !== undefined) problem("name", "import.problems.duplicateInFile", { line: earlier });
  else if (name !== "") firstLineOf.set(key, line);

  const existing = existingByKey.get(key) ?? null;
  const base = {
    line,
    name,
    countryCode: countryCode ?? null,
    duplicateOf: existing ? { id: existing.id, name: existing.name } : null,
    stated,
  };
  if (problems.length > 0 || !parsed.success) {
    return { ...base, status: "error", fields: null, problems };
  }
  const { intent: _intent, confirmDuplicate: _confirm, ...fields } = parsed.data;
  const status: RowStatus = existing ? (input.updates.has(line) ? "update" : "skip") : "new";
  return { ...base, status, fields, problems };
}
