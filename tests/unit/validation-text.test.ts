// The one base of the forms' free text (app/lib/validation/common.ts, issue 9): NUL refused with
// validation.nul, a repeated name with validation.repeated. And a guard: a schema under
// app/lib/validation/ that starts a string anywhere else is either listed here, with the reason it
// never reaches a text column, or it fails this test, so a new form cannot forget NUL.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plainText, requiredText, storableText } from "~/lib/validation/common";
import { REPEATED_FIELD } from "~/lib/validation/form-data";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("storableText", () => {
  it("keeps any text but NUL", () => {
    for (const text of ["", "Café 🌍", "tab\there", "\u0085\u2028", "'; drop table x; --"]) {
      expect(storableText().safeParse(text)).toEqual({ success: true, data: text });
    }
    for (const text of ["a\u0000b", "\u0000", "end\u0000"]) {
      expect(messages(storableText().safeParse(text))).toEqual(["validation.nul"]);
      expect(messages(requiredText().safeParse(text))).toContain("validation.nul");
      expect(messages(plainText(200, "x.markup").safeParse(text))).toContain("validation.nul");
    }
  });

  it("says a list (a repeated name) was sent more than once, anything else is required", () => {
    expect(messages(storableText().safeParse(["a", "b"]))).toEqual([REPEATED_FIELD]);
    expect(messages(storableText().safeParse(["a", "a"]))).toEqual([REPEATED_FIELD]);
    expect(messages(storableText().safeParse(undefined))).toEqual(["validation.required"]);
    expect(messages(storableText().safeParse(3))).toEqual(["validation.required"]);
  });
});

/**
 * Strings started without storableText, each with the reason it never reaches a text column as
 * typed: file name -> how many such starts it has.
 */
const OTHER_STRINGS: Record<string, number> = {
  // The login password (only compared with a hash, never stored) and the target after signing in
  // (a path of this site or "/", safeRedirect).
  "account.ts": 2,
  // A checked row "id:version", split into a uuid and a number.
  "actions.ts": 1,
  // A filter day, matched against YYYY-MM-DD.
  "audit.ts": 1,
  // The new password (only ever hashed).
  "common.ts": 1,
  // A country code, matched against two capitals.
  "organisations.ts": 1,
  "partnerships.ts": 1,
  // An amount (digits and a decimal point once its spaces are removed) and a currency (three capitals).
  "partnership-records.ts": 2,
  // A health check's period (YYYY-Qn) and its respondent (a uuid).
  "risk-health.ts": 2,
  // The password's confirmation and the current password (only compared, never stored).
  "users.ts": 2,
};

describe("a free-text field starts from storableText", () => {
  const dir = join(process.cwd(), "app/lib/validation");
  it.each(readdirSync(dir).filter((name) => name.endsWith(".ts")))("%s", (name) => {
    const source = readFileSync(join(dir, name), "utf8")
      // A second stage of a value judged already (`.pipe(z.string()...)`) is not a start.
      .replace(/\.pipe\(\s*(\/\/[^\n]*\n\s*)*z\s*\.string\(/g, "")
      // The definition of storableText itself.
      .replace(/export const storableText = \(\) =>\s*z\s*\.string\(/, "");
    const starts = source.match(/\bz\s*\.string\(/g) ?? [];
    expect(starts.length, `${name}: z.string() outside storableText (add NUL, or say why here)`).toBe(
      OTHER_STRINGS[name] ?? 0,
    );
  });
});
