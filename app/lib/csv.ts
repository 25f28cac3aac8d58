// CSV as spreadsheets read it: RFC 4180 quoting, a UTF-8 byte-order mark (Excel then reads
// accents right), CRLF line ends, and cells guarded against formula injection (OWASP).
export type CsvCell = string | number | boolean | null | undefined;

/** Starts a spreadsheet would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text guarded against formula injection, then quoted when it has to be. Quoted
 * also when it holds ";" or a tab: Excel in French (and other locales whose list separator is ";")
 * splits unquoted cells on them. Numbers are written as they are (a negative number is no formula).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: the byte-order mark, then one CRLF-ended line per row. */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

/** A CSV download: private (it holds the reader's data), never sniffed as something else. */
export function csvResponse(body: string, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
