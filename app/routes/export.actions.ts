// /export/actions.csv: the follow-up actions of /actions with the same filters and order, as CSV
// (translated headers and statuses, cells guarded against formula injection). Needs export:run.
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { ACTION_CSV_COLUMNS, actionsCsv, parseActionListQuery } from "~/lib/actions";
import { todayIso } from "~/lib/objectives";
import { getInstance } from "~/middleware/i18next";
import { exportActions } from "~/models/actions.server";
import type { Route } from "./+types/export.actions";

export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "action:read");
  requirePermission(context, url, "export:run");
  const db = context.get(dbContext);
  const query = parseActionListQuery(url.searchParams);
  const today = todayIso();
  // `mine=events` is the reader's events, as on /actions.
  const rows = await exportActions(db, query, today, user);
  const { t } = getInstance(context);
  const body = actionsCsv(
    rows,
    {
      headers: Object.fromEntries(ACTION_CSV_COLUMNS.map((c) => [c, t(`actions.export.${c}`)])) as Record<
        (typeof ACTION_CSV_COLUMNS)[number],
        string
      >,
      status: (status) => t(`actions.status.${status}`),
      yesNo: (value) => t(value ? "actions.export.yes" : "actions.export.no"),
    },
    today,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="trellis-actions-${today}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
