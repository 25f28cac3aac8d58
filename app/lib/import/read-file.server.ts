// An uploaded file as a table of text: CSV (UTF-8, or Windows-1252 as older Excel saves it) or XLSX
// (the first sheet, or Kumu's "Elements" sheet for organisations, its "Connections" sheet for
// relationships). The first non-empty row holds the headers. Only
// what the bytes are decides the format, not the name's extension alone.
import ExcelJS from "exceljs";
import { readCsv } from "./csv-read";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_COLUMNS,
  IMPORT_MAX_ROWS,
  IMPORT_MAX_UNZIPPED_BYTES,
  type ImportKind,
  type ImportLayout,
  type ImportRow,
} from "./kinds";
import { foldText } from "./text";
import { checkUnzippedSize } from "./zip-size.server";

export interface ImportTable {
  layout: ImportLayout;
  headers: string[];
  rows: ImportRow[];
}

export type ReadFileResult =
  | ({ ok: true } & ImportTable)
  | {
      ok: false;
      reason:
        | "tooLarge"
        | "wrongType"
        | "empty"
        | "tooManyRows"
        | "tooManyColumns"
        | "unzipsTooLarge"
        | "unreadable";
    };

/** XLSX files are ZIP archives: they start with "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Valid UTF-8 throughout (NUL included). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text files have no NUL bytes; binary formats (PDF, images, old .xls, UTF-16) have many, or start
 * with a signature. A stray NUL in a UTF-8 file is text all the same: its cell is an error of its row
 * (tableOf), not a file refused as "not a spreadsheet".
 */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample[0] === 0x25 && sample[1] === 0x50 && sample[2] === 0x44) return false;
  const nuls = sample.reduce((count, byte) => (byte === 0 ? count + 1 : count), 0);
  return nuls === 0 || (nuls <= Math.max(8, sample.length / 100) && isUtf8(bytes));
}

/**
 * NUL in cells, which PostgreSQL cannot store (the batch is staged in jsonb): replaced by U+FFFD, the
 * columns it was in noted on the row so that the plan makes each such mapped cell an error.
 */
function withoutNul(record: ImportRow): ImportRow {
  const nul: number[] = [];
  const cells = record.cells.map((cell, index) => {
    if (!cell.includes("\u0000")) return cell;
    nul.push(index);
    return cell.replaceAll("\u0000", "\uFFFD");
  });
  return nul.length === 0 ? record : { ...record, cells, nul };
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Header row, then the data rows (empty ones dropped), from records with their line numbers. */
function tableOf(records: ImportRow[], layout: ImportLayout): ReadFileResult {
  const nonEmpty = records
    .map(withoutNul)
    .filter((record) => record.cells.some((cell) => cell.trim() !== ""));
  const [header, ...rows] = nonEmpty;
  if (!header || rows.length === 0) return { ok: false, reason: "empty" };
  if (rows.length > IMPORT_MAX_ROWS) return { ok: false, reason: "tooManyRows" };
  if (header.cells.length > IMPORT_MAX_COLUMNS) return { ok: false, reason: "tooManyColumns" };
  const headers = header.cells.map((cell) => cell.trim());
  // Cells past the headers' columns cannot be mapped: at most IMPORT_MAX_COLUMNS are kept per row.
  const capped = rows.map((row): ImportRow => {
    if (row.cells.length <= headers.length) return row;
    const nul = row.nul?.filter((index) => index < headers.length) ?? [];
    return { line: row.line, cells: row.cells.slice(0, headers.length), ...(nul.length > 0 ? { nul } : {}) };
  });
  return { ok: true, layout, headers, rows: capped };
}

/**
 * Kumu's sheets saved as CSV: elements start with "Label" and have a "Type"; connections start with
 * "From", "To" and have Kumu's "Direction" column.
 */
function kumuHeaders(headers: string[], kind: ImportKind): boolean {
  const folded = headers.map(foldText);
  if (kind === "relationships") {
    return folded[0] === "from" && folded[1] === "to" && folded.includes("direction");
  }
  return kind === "organisations" && folded[0] === "label" && folded.includes("type");
}

/** The Kumu sheet a kind reads: "Elements" are organisations, "Connections" relationships. */
const KUMU_SHEETS: Partial<Record<ImportKind, string>> = {
  organisations: "elements",
  relationships: "connections",
};

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text ?? "";
}

async function readXlsx(bytes: Uint8Array, kind: ImportKind): Promise<ReadFileResult> {
  // Checked before exceljs loads the whole workbook in memory.
  const unzipped = checkUnzippedSize(bytes, IMPORT_MAX_UNZIPPED_BYTES);
  if (unzipped !== "ok")
    return { ok: false, reason: unzipped === "tooLarge" ? "unzipsTooLarge" : "unreadable" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const kumuSheet = KUMU_SHEETS[kind];
  const elements = workbook.worksheets.find((sheet) => foldText(sheet.name) === kumuSheet);
  const sheet = elements ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, reason: "empty" };
  if (sheet.rowCount > IMPORT_MAX_ROWS + 1) return { ok: false, reason: "tooManyRows" };
  if (sheet.columnCount > IMPORT_MAX_COLUMNS) return { ok: false, reason: "tooManyColumns" };
  const records: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const last = Math.min(row.cellCount, IMPORT_MAX_COLUMNS + 1);
    for (let column = 1; column <= last; column++) cells.push(cellText(row.getCell(column)));
    records.push({ line: rowNumber, cells });
  });
  return tableOf(records, elements ? "kumu" : "table");
}

/** Read an uploaded file; `size` is checked first so nothing larger than the limit is parsed. */
export async function readImportFile(
  file: {
    name: string;
    size: number;
    bytes: () => Promise<Uint8Array>;
  },
  kind: ImportKind = "organisations",
): Promise<ReadFileResult> {
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, reason: "tooLarge" };
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!["csv", "txt", "xlsx"].includes(extension)) return { ok: false, reason: "wrongType" };
  const bytes = await file.bytes();
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (isZip(bytes)) {
    return extension === "xlsx" ? readXlsx(bytes, kind) : { ok: false, reason: "wrongType" };
  }
  if (extension === "xlsx" || !looksLikeText(bytes)) return { ok: false, reason: "wrongType" };
  const records = readCsv(decodeText(bytes));
  const table = tableOf(records, "table");
  if (table.ok && kumuHeaders(table.headers, kind)) return { ...table, layout: "kumu" };
  return table;
}
