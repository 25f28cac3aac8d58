import { describe, expect, test } from "vitest";
import { guessSeparator, readCsv } from "~/lib/import/csv-read";

const cells = (text: string) => readCsv(text).map((record) => record.cells);

describe("reading CSV", () => {
  test("plain cells, LF and CRLF line ends alike", () => {
    expect(cells("a,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("quoted cells keep separators, doubled quotes and line breaks", () => {
    expect(cells('name,notes\n"Smith, Jones","He said ""hi""\nthen left"\n')).toEqual([
      ["name", "notes"],
      ["Smith, Jones", 'He said "hi"\nthen left'],
    ]);
  });

  test("the byte-order mark is not part of the first header", () => {
    expect(cells("\uFEFFNom;Pays\nCroix-Rouge;BE\n")[0]).toEqual(["Nom", "Pays"]);
  });

  test('";" is the separator when the header line has more of them than ","', () => {
    expect(guessSeparator("Nom;Pays;Site web\n")).toBe(";");
    expect(guessSeparator("Name,Country\n")).toBe(",");
    // Separators inside quotes do not count.
    expect(guessSeparator('"a;b;c",d\n')).toBe(",");
    expect(cells("Nom;Description\nA;un, deux, trois\n")).toEqual([
      ["Nom", "Description"],
      ["A", "un, deux, trois"],
    ]);
  });

  test("empty lines are skipped; each record keeps the line it starts on", () => {
    const records = readCsv('h1,h2\n\na,b\r\n\r\n"multi\nline",c\nlast,d\n\n');
    expect(records).toEqual([
      { line: 1, cells: ["h1", "h2"] },
      { line: 3, cells: ["a", "b"] },
      { line: 5, cells: ["multi\nline", "c"] },
      { line: 7, cells: ["last", "d"] },
    ]);
  });

  test("a record of empty cells is kept, an empty trailing cell too", () => {
    expect(cells("a,b\n,\nx,\n")).toEqual([
      ["a", "b"],
      ["", ""],
      ["x", ""],
    ]);
  });

  test("an empty quoted cell and a quote-only record", () => {
    expect(cells('a,"",c\n""\n')).toEqual([["a", "", "c"], [""]]);
  });
});
