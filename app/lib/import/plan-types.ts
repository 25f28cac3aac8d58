// What every kind's plan shares: the row statuses, the problems (i18n keys with their values), the
// counts, and the part of a planned row the preview shows. Pure types and small helpers.
import type { ImportRow } from "./kinds";
import type { ColumnMapping, ImportField } from "./mapping";
import { foldText } from "./text";

/** A message for the user: an i18n key and its values. */
export interface RowProblem {
  field: ImportField;
  /** The file's header of the column, null when the field is not mapped. */
  column: string | null;
  message: string;
  values?: Record<string, string | number>;
}

export type RowStatus = "new" | "update" | "skip" | "error";

export interface ImportSummary {
  new: number;
  update: number;
  skip: number;
  error: number;
}

/** What the preview shows of a row, whatever the kind. */
export interface PreviewRow {
  line: number;
  status: RowStatus;
  name: string;
  /** A second column: the member organisation, or the other end and type of a relationship. */
  detail?: string | null;
  countryCode: string | null;
  problems: RowProblem[];
  /** The existing record of the same identity. */
  duplicateOf: { id: string; name: string } | null;
  /** Whether the row carries the skip/merge choice (partnerships: the first row of each). */
  chooser?: boolean;
  /** Whether the duplicate is merged (the choice's current value). */
  merge?: boolean;
}

export interface ImportPlan<R extends PreviewRow = PreviewRow> {
  rows: R[];
  summary: ImportSummary;
}

export interface ExistingOrganisation {
  id: string;
  name: string;
  countryCode: string | null;
}

/** The text of a mapped cell, trimmed; our CSV exports' leading "'" before formula-like text undone. */
export function cellReader(mapping: ColumnMapping, row: ImportRow) {
  return (field: ImportField): string => {
    const index = mapping[field];
    return index === undefined ? "" : (row.cells[index] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
  };
}

/** The message of a mapped cell that held NUL (read-file.server.ts). */
export const NUL_PROBLEM = "import.problems.nul";

/** The mapped fields of a row whose cell held NUL: each an error of that row and cell. */
export function nulFields<F extends ImportField>(mapping: ColumnMapping, row: ImportRow): F[] {
  if (!row.nul || row.nul.length === 0) return [];
  const nul = new Set(row.nul);
  return (Object.entries(mapping) as [F, number | undefined][])
    .filter(([, index]) => index !== undefined && nul.has(index))
    .map(([field]) => field);
}

/**
 * Collects a row's problems, each with the header of its column. Given the row, it starts with its
 * cells that held NUL: such a cell says only that (its text is not judged further).
 */
export function problemCollector(mapping: ColumnMapping, headers: readonly string[], row?: ImportRow) {
  const problems: RowProblem[] = [];
  const nul = new Set(row ? nulFields(mapping, row) : []);
  const add = (field: ImportField, message: string, values?: Record<string, string | number>) => {
    if (nul.has(field) && message !== NUL_PROBLEM) return;
    const index = mapping[field];
    const column = index === undefined ? null : (headers[index] ?? null);
    problems.push({ field, column, message, ...(values ? { values } : {}) });
  };
  for (const field of nul) add(field, NUL_PROBLEM);
  return { problems, add, nul };
}

export type OrganisationMatch =
  | { ok: true; organisation: ExistingOrganisation }
  | { ok: false; message: string; values: Record<string, string> };

/**
 * Finds existing organisations by name (case, accents and punctuation do not count), narrowed by a
 * country when one is given: exactly one must match.
 */
export function organisationFinder(existing: readonly ExistingOrganisation[]) {
  const byName = new Map<string, ExistingOrganisation[]>();
  for (const organisation of existing) {
    const key = foldText(organisation.name);
    const list = byName.get(key);
    if (list) list.push(organisation);
    else byName.set(key, [organisation]);
  }
  return (name: string, countryCode: string | null): OrganisationMatch => {
    const named = byName.get(foldText(name)) ?? [];
    const matches = countryCode ? named.filter((o) => o.countryCode === countryCode) : named;
    const [first] = matches;
    if (first && matches.length === 1) return { ok: true, organisation: first };
    if (matches.length > 1) {
      return { ok: false, message: "import.problems.ambiguousOrganisation", values: { name } };
    }
    return { ok: false, message: "import.problems.unknownOrganisation", values: { name } };
  };
}
