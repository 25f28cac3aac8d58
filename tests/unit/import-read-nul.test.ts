// NUL in an uploaded file (issue 9): PostgreSQL cannot store it, so the reader puts U+FFFD in its
// place and notes the columns it was in, for the plan to make each such mapped cell an error. A
// stray NUL leaves a UTF-8 CSV a text file; UTF-16 and binary files are still not text.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { guessMapping } from "~/lib/import/mapping";
import { planOrganisationImport } from "~/lib/import/organisation-plan";
import { NUL_PROBLEM } from "~/lib/import/plan-types";
import { readImportFile } from "~/lib/import/read-file.server";

function file(name: string, content: string | Uint8Array) {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.byteLength, bytes: async () => bytes };
}

describe("reading NUL", () => {
  test("CSV: the cell keeps U+FFFD, the row names its columns; a header loses NUL too", async () => {
    const table = await readImportFile(
      file("nul.csv", "Na\u0000me,Type\nA\u0000,cso\nB,c\u0000s\u0000o\nC,cso\n"),
    );
    expect(table).toEqual({
      ok: true,
      layout: "table",
      headers: ["Na\uFFFDme", "Type"],
      rows: [
        { line: 2, cells: ["A\uFFFD", "cso"], nul: [0] },
        { line: 3, cells: ["B", "c\uFFFDs\uFFFDo"], nul: [1] },
        { line: 4, cells: ["C", "cso"] },
      ],
    });
  });

  test("a NUL past the headers' columns is dropped with its cell", async () => {
    const table = await readImportFile(file("wide.csv", "Name,Type\nA,cso,x\u0000\n"));
    expect(table).toMatchObject({ ok: true, rows: [{ line: 2, cells: ["A", "cso"] }] });
    expect(table.ok && table.rows[0]?.nul).toBeUndefined();
  });

  test("XLSX: a cell stored with _x0000_ (NUL escaped) is read the same way", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Organisations");
    sheet.addRow(["Name", "Type"]);
    sheet.addRow(["A_x0000_B", "cso"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    expect(await readImportFile(file("nul.xlsx", bytes))).toMatchObject({
      ok: true,
      rows: [{ line: 2, cells: ["A\uFFFDB", "cso"], nul: [0] }],
    });
  });

  test("UTF-16 and NUL-heavy files are still refused as not text", async () => {
    const utf16 = new Uint8Array(Buffer.from("Name,Type\nA,NGO\n", "utf16le"));
    expect(await readImportFile(file("utf16.csv", utf16))).toEqual({ ok: false, reason: "wrongType" });
    const latin1WithNul = new Uint8Array([...Buffer.from("Name,Type\nCaf\u00e9", "latin1"), 0, 10]);
    expect(await readImportFile(file("latin1.csv", latin1WithNul))).toEqual({
      ok: false,
      reason: "wrongType",
    });
  });
});

describe("planning NUL", () => {
  test("each mapped cell that held NUL is the one problem of its cell (an unmapped one none), and the row is an error", async () => {
    const table = await readImportFile(
      file("nul.csv", "Name,Type,Country,Zzz\nA\u0000,Spaceship\u0000,NL,x\u0000\nB,cso,NL,\n"),
    );
    if (!table.ok) throw new Error("expected a table");
    const plan = planOrganisationImport({
      headers: table.headers,
      rows: table.rows,
      mapping: guessMapping(table.headers, "table"),
      layout: table.layout,
      existing: [],
      updates: new Set(),
    });
    expect(
      plan.rows.map((row) => [row.line, row.status, row.problems.map((p) => [p.column, p.message])]),
    ).toEqual([
      [
        2,
        "error",
        [
          ["Name", NUL_PROBLEM],
          ["Type", NUL_PROBLEM],
        ],
      ],
      [3, "new", []],
    ]);
  });
});
