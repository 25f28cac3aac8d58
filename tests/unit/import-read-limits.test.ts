// The reader's limits against denial of service: columns (a 600,000-column header would render
// hundreds of thousands of options), rows in an XLSX, and what an XLSX unpacks to (a "zip bomb"),
// with the declared sizes of the archive unable to lie.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS, IMPORT_MAX_UNZIPPED_BYTES } from "~/lib/import/kinds";
import { readImportFile } from "~/lib/import/read-file.server";
import { checkUnzippedSize } from "~/lib/import/zip-size.server";

function file(name: string, content: string | Uint8Array) {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.byteLength, bytes: async () => bytes };
}

async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet("Sheet1"));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const columns = (count: number) => Array.from({ length: count }, (_, i) => `C${i + 1}`);

describe("columns", () => {
  test("a header over the column limit is refused; at the limit it is read", async () => {
    const over = `${columns(IMPORT_MAX_COLUMNS + 1).join(",")}\n${"x,".repeat(IMPORT_MAX_COLUMNS)}x\n`;
    expect(await readImportFile(file("wide.csv", over))).toEqual({ ok: false, reason: "tooManyColumns" });
    const at = `${columns(IMPORT_MAX_COLUMNS).join(",")}\nA\n`;
    expect(await readImportFile(file("ok.csv", at))).toMatchObject({ ok: true });
  });

  test("a 600,000-column header is refused", async () => {
    const huge = `${"C,".repeat(600_000)}C\nA\n`;
    expect(await readImportFile(file("huge.csv", huge))).toEqual({ ok: false, reason: "tooManyColumns" });
  });

  test("a data row's cells past the headers are left out", async () => {
    const read = await readImportFile(file("rows.csv", `Name,Type\nA,cso${",x".repeat(100_000)}\n`));
    if (!read.ok) throw new Error(read.reason);
    expect(read.rows[0]?.cells).toEqual(["A", "cso"]);
  });

  test("an XLSX sheet over the column limit is refused", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(columns(IMPORT_MAX_COLUMNS + 1));
      sheet.addRow(["A"]);
    });
    expect(await readImportFile(file("wide.xlsx", bytes))).toEqual({ ok: false, reason: "tooManyColumns" });
  });
});

describe("XLSX sizes", () => {
  test("a generated XLSX over the row limit is refused", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Name"]);
      for (let i = 0; i <= IMPORT_MAX_ROWS; i++) sheet.addRow([`Organisation ${i}`]);
    });
    expect(await readImportFile(file("long.xlsx", bytes))).toEqual({ ok: false, reason: "tooManyRows" });
  });

  test("a small XLSX that unpacks past the limit is refused before it is loaded", async () => {
    const cell = "x".repeat(8 * 1024 * 1024);
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Name", "Notes"]);
      const rows = Math.ceil(IMPORT_MAX_UNZIPPED_BYTES / cell.length);
      for (let i = 0; i <= rows; i++) sheet.addRow([`Organisation ${i}`, `${i} ${cell}`]);
    });
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(await readImportFile(file("bomb.xlsx", bytes))).toEqual({ ok: false, reason: "unzipsTooLarge" });
  });

  test("the unpacked size is measured, not read from the archive's declared sizes", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["Name"]);
      for (let i = 0; i < 500; i++) sheet.addRow([`Organisation ${i}`]);
    });
    expect(checkUnzippedSize(bytes, 10 * 1024 * 1024)).toBe("ok");
    expect(checkUnzippedSize(bytes, 1024)).toBe("tooLarge");
    // Every entry's declared uncompressed size set to 1 byte in the central directory: still too large.
    const lying = bytes.slice();
    const view = new DataView(lying.buffer);
    for (let at = 0; at < lying.byteLength - 46; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 1, true);
    }
    expect(checkUnzippedSize(lying, 1024)).toBe("tooLarge");
    expect(checkUnzippedSize(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), 1024)).toBe("unreadable");
  });
});
