// The CSV of the pilots' comparison (/municipalities?view=compare): the same rows and total as the
// page, always through small-count suppression (an export leaves the app: decision 0018), whoever
// downloads it. Counts "<5" or "≈ 15" as the page shows them; shares and amounts plain. Pure.
import type { TFunction } from "i18next";
import type { ComparisonFigures, ComparisonRow, ComparisonView } from "./comparison";
import { csvDocument, type CsvCell } from "./csv";
import { outcomeGroups } from "./enums";
import { formatShown } from "./suppression";

export const COMPARISON_CSV_COLUMNS = [
  "pilot",
  "municipality",
  "country",
  "status",
  "participants",
  "left",
  "durable",
  "semiDurable",
  "noSolution",
  "durableShare",
  "semiDurableShare",
  "noSolutionShare",
  "milestonesDue",
  "milestonesOnTime",
  "onTimeShare",
  "currency",
  "perParticipant",
] as const;

function figures(f: ComparisonFigures): CsvCell[] {
  const shown = (s: ComparisonFigures["left"]) => formatShown(s, String);
  return [
    shown(f.participants),
    shown(f.left),
    ...outcomeGroups.map((group) => shown(f.groups[group])),
    ...outcomeGroups.map((group) => f.shares[group]),
  ];
}

function rowCells(row: ComparisonRow, t: TFunction): CsvCell[] {
  const funding =
    row.funding.kind === "known"
      ? [row.funding.currency, row.funding.perParticipant]
      : [null, t(`municipalities.compare.fundingUnknown.${row.funding.reason}`)];
  return [
    row.name,
    row.municipalityName,
    row.countryCode,
    t(`enums.pilotStatus.${row.status}`),
    ...figures(row),
    row.milestonesDue,
    row.milestonesOnTime,
    row.onTimeShare,
    ...funding,
  ];
}

/** Headers, one row per pilot in the page's order, then the total row. */
export function comparisonCsv(view: ComparisonView, t: TFunction): string {
  const header = COMPARISON_CSV_COLUMNS.map((column) => t(`exports.comparison.${column}`));
  const total: CsvCell[] = [
    t("exports.comparison.total", { count: view.total.pilots }),
    null,
    null,
    null,
    ...figures(view.total),
    null,
    null,
    null,
    null,
    null,
  ];
  return csvDocument([header, ...view.rows.map((row) => rowCells(row, t)), total]);
}

/** The export's address for the comparison's current query (view dropped: the file is the comparison). */
export function comparisonExportHref(search: URLSearchParams | string): string {
  const params = new URLSearchParams(search);
  params.delete("view");
  params.delete("page");
  const query = params.toString();
  return `/export/comparison.csv${query ? `?${query}` : ""}`;
}
