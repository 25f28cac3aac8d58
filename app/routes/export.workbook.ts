// /export/trellis.xlsx: all current data in one workbook, a sheet per kind of record, in the reader's
// language. Needs export:run. Confidential risks only of the partnerships the reader may see, and
// outcome counts through small-count suppression (app/models/workbook.server.ts).
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { todayIso } from "~/lib/objectives";
import { workbookSheets } from "~/lib/workbook";
import { writeWorkbook } from "~/lib/xlsx.server";
import { getInstance } from "~/middleware/i18next";
import { workbookData } from "~/models/workbook.server";
import type { Route } from "./+types/export.workbook";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "export:run");
  const db = context.get(dbContext);
  const today = todayIso();
  const { t } = getInstance(context);
  const sheets = workbookSheets(await workbookData(db, user, today), t);
  const body = await writeWorkbook(sheets, {
    creator: "Trellis",
    title: t("exports.workbookTitle"),
    created: new Date(),
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="trellis-${today}.xlsx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
