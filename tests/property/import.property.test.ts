// Bad uploads to /import beyond those of tests/integration/import-routes.test.ts (size, PDF, PNG,
// text named .xlsx, a 7-byte "zip", header only, no file): a CSV with an unbalanced quote, Latin-1
// and UTF-16 text, binary garbage, a ZIP that is no workbook, a truncated workbook, and generated
// corruptions of a valid CSV and XLSX. Each: never a 5xx; refused with one of the known messages
// and nothing stored, or staged as a batch whose rows are checked before anything is imported.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as batchRoute from "~/routes/import.$id";
import * as uploadRoute from "~/routes/import._index";
import { createUser, uniqueName } from "../factories";
import { testDb } from "../helpers/db";
import { fingerprint, propertyParameters } from "../helpers/property";
import { authUserOf, callRoute, get, post, type RouteOutcome } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));

const REASONS = [
  "tooLarge",
  "wrongType",
  "empty",
  "tooManyRows",
  "tooManyColumns",
  "unzipsTooLarge",
  "unreadable",
  "missing",
];
const tables = ["organisations", "import_batches"] as const;

function upload(body: string | Uint8Array, fileName: string): Promise<RouteOutcome> {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new Blob([typeof body === "string" ? body : new Uint8Array(body)]), fileName);
  return callRoute(
    db,
    uploadRoute.action,
    new Request("http://localhost/import", { method: "POST", body: form }),
    coordinator,
    {},
  );
}

/** Upload, and check the answer: a known refusal with nothing stored, or a staged batch (its id). */
async function tryUpload(
  body: string | Uint8Array,
  fileName: string,
): Promise<{ refused: string } | { batchId: string }> {
  const before = await fingerprint(db, tables);
  const outcome = await upload(body, fileName);
  expect(outcome.status, `${fileName}: ${JSON.stringify(outcome.body)}`).toBeLessThan(500);
  if (outcome.status === 302) {
    const id = /^\/import\/([0-9a-f-]{36})$/.exec(outcome.headers.get("Location") ?? "")?.[1];
    expect(id, fileName).toBeDefined();
    // Staged only: no organisation is imported by an upload.
    expect((await fingerprint(db, ["organisations"])).split(" ")[0]).toBe(before.split(" ")[0]);
    return { batchId: id as string };
  }
  expect([400, 413], fileName).toContain(outcome.status);
  const error = (outcome.body as { error?: string } | null)?.error ?? "";
  expect(REASONS, `${fileName}: a clear message`).toContain(error);
  expect(await fingerprint(db, tables), `${fileName}: stored on a refusal`).toBe(before);
  return { refused: error };
}

async function workbook(names: string[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Organisations");
  sheet.addRow(["Name", "Type", "Country"]);
  for (const name of names) sheet.addRow([name, "NGO", "NL"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The step a batch is at, and its preview when the mapping is confirmed as guessed. */
async function previewOf(id: string) {
  const page = (await callRoute(db, batchRoute.loader, get(`/import/${id}`), coordinator, { id })).body as {
    step: string;
    mapping?: Record<string, number>;
  };
  if (page.step === "map") {
    const fields: Record<string, string> = { intent: "map" };
    for (const [field, index] of Object.entries(page.mapping ?? {})) fields[`map.${field}`] = String(index);
    const mapped = await callRoute(db, batchRoute.action, post(`/import/${id}`, fields), coordinator, { id });
    expect(mapped.status).toBeLessThan(500);
  }
  return (await callRoute(db, batchRoute.loader, get(`/import/${id}`), coordinator, { id })).body as {
    step: string;
    view?: { summary: Record<string, number> };
  };
}

describe("malformed uploads: a clear message, nothing imported", () => {
  test("a CSV with an unbalanced quote is staged as one row at most, never split into made-up rows", async () => {
    const p = uniqueName("Quote");
    const result = await tryUpload(`Name,Type,Country\n"${p} open,NGO,NL\n${p} B,NGO,NL\n`, "quotes.csv");
    if ("batchId" in result) {
      const preview = await previewOf(result.batchId);
      const summary = preview.view?.summary ?? {};
      // The quote runs to the end of the file: everything after it is one cell of one row.
      expect(
        (summary.new ?? 0) + (summary.update ?? 0) + (summary.skip ?? 0) + (summary.error ?? 0),
      ).toBeLessThanOrEqual(1);
    }
  });

  test("Latin-1 (windows-1252) text is read as such; UTF-16 is refused as not text", async () => {
    const latin1 = new Uint8Array([
      ...Buffer.from("Name,Type\n", "latin1"),
      ...Buffer.from(`Caf\u00e9 ${uniqueName("L")},NGO\n`, "latin1"),
    ]);
    expect("batchId" in (await tryUpload(latin1, "latin1.csv"))).toBe(true);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("Name,Type\nA,NGO\n", "utf16le")]);
    expect(await tryUpload(utf16, "utf16.csv")).toEqual({ refused: "wrongType" });
  });

  test("binary garbage, a ZIP that is no workbook, a truncated workbook", async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(await tryUpload(garbage, "garbage.csv")).toEqual({ refused: "wrongType" });
    expect(await tryUpload(garbage, "garbage.xlsx")).toEqual({ refused: "wrongType" });
    const zip = new JSZip();
    zip.file("readme.txt", "not a workbook");
    zip.file("[Content_Types].xml", "<Types/>");
    const notXlsx = await zip.generateAsync({ type: "uint8array" });
    // exceljs opens it and finds no sheet: "no rows" (a clear message all the same).
    expect(["unreadable", "empty"]).toContain(
      ((await tryUpload(notXlsx, "archive.xlsx")) as { refused?: string }).refused,
    );
    expect(await tryUpload(notXlsx, "archive.csv")).toEqual({ refused: "wrongType" });
    const valid = await workbook([uniqueName("Whole")]);
    expect(await tryUpload(valid.subarray(0, Math.floor(valid.length / 2)), "truncated.xlsx")).toEqual({
      refused: "unreadable",
    });
    expect(await tryUpload(valid.subarray(0, 30), "header-only-zip.xlsx")).toEqual({ refused: "unreadable" });
  });

  test("a file name with markup or SQL is kept as text", async () => {
    for (const name of [
      `<script>alert(1)</script>.csv`,
      `'; drop table import_batches; --.csv`,
      "🌍 données.csv",
    ]) {
      const result = await tryUpload(`Name,Type\n${uniqueName("N")},NGO\n`, name);
      expect("batchId" in result, name).toBe(true);
    }
  });

  test("generated corruptions of a valid CSV and XLSX", async () => {
    const csv = new TextEncoder().encode(
      `Name,Type,Country\n"${uniqueName("C")}, ""x""",NGO,NL\n${uniqueName("D")},Funder,BE\n`,
    );
    const xlsx = await workbook([uniqueName("X"), uniqueName("Y")]);
    const corruption = fc.record({
      source: fc.constantFrom("csv", "xlsx"),
      name: fc.constantFrom("f.csv", "f.xlsx", "f.txt", "f.CSV", "f", "f.xls", "f.csv.exe", ".csv"),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      flips: fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
          fc.integer({ min: 0, max: 255 }),
        ),
        { maxLength: 8 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(corruption, async ({ source, name, cut, flips }) => {
        const bytes = new Uint8Array(source === "csv" ? csv : xlsx);
        for (const [at, value] of flips) bytes[Math.floor(at * bytes.length)] = value;
        const body = cut === undefined ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length));
        await tryUpload(body, name);
      }),
      propertyParameters(),
    );
  });
});
