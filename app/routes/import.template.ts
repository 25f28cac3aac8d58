// The import templates: /import/template.csv and /import/template.xlsx (one module; the format is the
// path's), one per kind (?kind=organisations|partnerships|relationships, organisations by default).
// Headers in the reader's language, example rows. Coordinators (import:run).
import type { LoaderFunctionArgs } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { csvDocument, csvResponse } from "~/lib/csv";
import { importKindOf } from "~/lib/import/kinds";
import { importTemplate } from "~/lib/import/template";
import { writeWorkbook } from "~/lib/xlsx.server";
import { getInstance } from "~/middleware/i18next";
import { XLSX_CONTENT_TYPE } from "./export.workbook";

export async function loader({ context, url }: LoaderFunctionArgs) {
  requirePermission(context, url, "import:run");
  const { t } = getInstance(context);
  const kind = importKindOf(url.searchParams.get("kind")) ?? "organisations";
  const { headers, examples } = importTemplate(kind, t);
  const fileName = t(`import.template.fileNames.${kind}`);
  if (url.pathname.endsWith(".xlsx")) {
    const body = await writeWorkbook(
      [{ key: kind, name: t(`import.template.sheets.${kind}`), headers, rows: examples }],
      { creator: "Trellis", title: fileName, created: new Date() },
    );
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": XLSX_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${fileName}.xlsx"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  return csvResponse(csvDocument([headers, ...examples]), `${fileName}.csv`);
}
