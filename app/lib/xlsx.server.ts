// Writing sheets to an XLSX workbook with exceljs: a bold, frozen header row with a filter, columns
// sized to their content (within bounds). Text cells are written as text (never as formulas), so a
// value starting with "=" cannot run in a spreadsheet.
import ExcelJS from "exceljs";
import type { Sheet } from "./workbook";

/** Excel's limits on a sheet name: 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet";
}

export async function writeWorkbook(
  sheets: readonly Sheet[],
  meta: { creator: string; title: string; created: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  workbook.created = meta.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    worksheet.addRow(sheet.headers).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    if (sheet.headers.length > 0) {
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
    }
    sheet.headers.forEach((header, i) => {
      let width = header.length;
      for (const row of sheet.rows) width = Math.max(width, String(row[i] ?? "").length);
      worksheet.getColumn(i + 1).width = Math.min(60, Math.max(8, width + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
