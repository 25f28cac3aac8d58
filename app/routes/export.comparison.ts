// /export/comparison.csv: the pilots' comparison of /municipalities?view=compare (its country filter
// and sort), through small-count suppression for every reader: a file leaves the app (decision 0018).
// Needs municipality:read and export:run.
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { showComparison, sortComparison } from "~/lib/comparison";
import { comparisonCsv } from "~/lib/comparison-export";
import { csvResponse } from "~/lib/csv";
import { todayIso } from "~/lib/objectives";
import { parseComparisonFilters } from "~/lib/validation/municipalities";
import { getInstance } from "~/middleware/i18next";
import { comparePilots } from "~/models/municipalities-comparison.server";
import type { Route } from "./+types/export.comparison";

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "export:run");
  requirePermission(context, url, "municipality:read");
  const db = context.get(dbContext);
  const filters = parseComparisonFilters(url.searchParams);
  const today = todayIso();
  const shown = showComparison(await comparePilots(db, { country: filters.country }, today), () => false);
  const view = { ...shown, rows: sortComparison(shown.rows, filters.sort, filters.dir) };
  return csvResponse(comparisonCsv(view, getInstance(context).t), `trellis-pilots-comparison-${today}.csv`);
}
