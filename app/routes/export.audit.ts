// /export/audit.csv: the audit log with the filters of /admin/audit (coordinators: audit:read and
// export:run), newest first, every page of it read in one snapshot; refused past 50,000 entries.
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { auditCsv } from "~/lib/audit-export";
import { csvResponse } from "~/lib/csv";
import { allPages, ListExportTooLargeError, tooManyRowsResponse } from "~/lib/export-pages";
import { todayIso } from "~/lib/objectives";
import { parseAuditFilters } from "~/lib/validation/audit";
import { getInstance } from "~/middleware/i18next";
import { listAuditEntries } from "~/models/audit.server";
import type { Route } from "./+types/export.audit";

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "audit:read");
  requirePermission(context, url, "export:run");
  const db = context.get(dbContext);
  const { filters } = parseAuditFilters(url.searchParams);
  const i18n = getInstance(context);
  try {
    const entries = await db.transaction((tx) => allPages((page) => listAuditEntries(tx, filters, page)), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    return csvResponse(auditCsv(entries, i18n.t, i18n.language), `trellis-audit-${todayIso()}.csv`);
  } catch (error) {
    if (error instanceof ListExportTooLargeError) return tooManyRowsResponse(error.max, i18n.t);
    throw error;
  }
}
