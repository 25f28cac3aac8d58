// What the preview page shows of a plan: the counts, the problems (capped: a broken file can have
// thousands), and one page of rows, filtered. Pure.
import { toPage, type Page, type PageRequest } from "../pagination";
import type { ImportPlan, ImportSummary, PreviewRow, RowProblem } from "./plan-types";

export const previewFilters = ["all", "error", "duplicate", "new"] as const;
export type PreviewFilter = (typeof previewFilters)[number];

export const PREVIEW_PAGE_SIZE = 50;
export const MAX_PROBLEMS_SHOWN = 100;

export interface PreviewView {
  summary: ImportSummary;
  problems: (RowProblem & { line: number })[];
  /** Problems beyond those shown. */
  moreProblems: number;
  filter: PreviewFilter;
  rows: Page<PreviewRow>;
}

export function previewFilterOf(params: URLSearchParams): PreviewFilter {
  return previewFilters.find((filter) => filter === params.get("show")) ?? "all";
}

function matches(row: PreviewRow, filter: PreviewFilter): boolean {
  switch (filter) {
    case "error":
      return row.status === "error";
    case "duplicate":
      return row.duplicateOf !== null && row.status !== "error";
    case "new":
      return row.status === "new";
    default:
      return true;
  }
}

export function previewView(plan: ImportPlan, filter: PreviewFilter, request: PageRequest): PreviewView {
  const problems = plan.rows.flatMap((row) =>
    row.problems.map((problem) => ({ ...problem, line: row.line })),
  );
  const shown = plan.rows.filter((row) => matches(row, filter));
  const start = (request.page - 1) * request.pageSize;
  // Only what the page shows (not the values to save).
  const items = shown.slice(start, start + request.pageSize).map((row): PreviewRow => ({
    line: row.line,
    status: row.status,
    name: row.name,
    detail: row.detail ?? null,
    countryCode: row.countryCode,
    problems: row.problems,
    duplicateOf: row.duplicateOf,
    chooser: row.chooser ?? (row.duplicateOf !== null && row.status !== "error"),
    merge: row.merge ?? row.status === "update",
  }));
  return {
    summary: plan.summary,
    problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
    moreProblems: Math.max(0, problems.length - MAX_PROBLEMS_SHOWN),
    filter,
    rows: toPage(items, shown.length, request),
  };
}
