// The pieces of the list and workbook exports that need no database: CSV cells and documents, the
// export address of a list page, Excel's sheet-name limits, and the shell's exporter roles kept in
// step with the permission table.
import { describe, expect, it } from "vitest";
import { permissionsOf } from "~/auth/permissions.server";
import { EXPORTERS } from "~/components/app-shell";
import { userRoles } from "~/lib/enums";
import { csvCell, csvDocument, csvResponse } from "~/lib/csv";
import { listExportHref } from "~/lib/list-exports";
import { sheetName } from "~/lib/xlsx.server";

describe("csv", () => {
  it("guards formulas, quotes separators and writes empty cells for nothing", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-5 people")).toBe("'-5 people");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("writes a byte-order mark and CRLF lines", () => {
    expect(
      csvDocument([
        ["a", 1],
        ["b,c", null],
      ]),
    ).toBe('\uFEFFa,1\r\n"b,c",\r\n');
  });

  it("answers a private download with a safe file name", () => {
    const response = csvResponse("x", 'list "1"\r\n.csv');
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="list--1---.csv"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });
});

describe("listExportHref", () => {
  it("keeps the filters and drops the page", () => {
    expect(listExportHref("organisations", "?country=NL&page=3&sort=type")).toBe(
      "/export/organisations.csv?country=NL&sort=type",
    );
    expect(listExportHref("events", "")).toBe("/export/events.csv");
  });
});

describe("sheetName", () => {
  it("keeps within Excel's limits", () => {
    expect(sheetName("Risks: open/closed [all]?")).toBe("Risks  open closed  all  ");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
    expect(sheetName("")).toBe("Sheet");
  });
});

describe("the shell's exporters", () => {
  it("are exactly the roles with export:run", () => {
    expect([...EXPORTERS].sort()).toEqual(
      userRoles.filter((role) => permissionsOf(role).includes("export:run")).sort(),
    );
  });
});
