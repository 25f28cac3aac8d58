// The import templates: /import/template.csv and /import/template.xlsx (one module; the format is the
// path's). Headers in the reader's language, one example row. Coordinators (import:run).
import type { LoaderFunctionArgs } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { csvDocument, csvResponse } from "~/lib/csv";
import { organisationTemplate } from "~/lib/import/template";
import { writeWorkbook } from "~/lib/xlsx.server";
import { getInstance } from "~/middleware/i18next";
import { XLSX_CONTENT_TYPE } from "./export.workbook";

export async function loader({ context, url }: LoaderFunctionArgs) {
  requirePermission(context, url, "import:run");
  const { t } = getInstance(context);
  const { headers, example } = organisationTemplate(t);
  const fileName = t("import.template.fileName");
  if (url.pathname.endsWith(".xlsx")) {
    const body = await writeWorkbook(
      [{ key: "organisations", name: t("import.template.sheet"), headers, rows: [example] }],
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
  return csvResponse(csvDocument([headers, example]), `${fileName}.csv`);
}
