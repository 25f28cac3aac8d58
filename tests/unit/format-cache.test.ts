// Intl formatters are built once per locale and option set (lib/format.ts): the same object comes
// back, a different option set gets its own, and a refused locale or currency is not kept.
import { describe, expect, test } from "vitest";
import { dateTimeFormat, formatDate, numberFormat } from "~/lib/format";
import { formatMoney } from "~/lib/funding";

describe("cached Intl formatters", () => {
  test("the same locale and options give the same formatter", () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeZone: "UTC" };
    expect(dateTimeFormat("fr", options)).toBe(dateTimeFormat("fr", { ...options }));
    expect(numberFormat("en", { maximumFractionDigits: 2 })).toBe(
      numberFormat("en", { maximumFractionDigits: 2 }),
    );
  });

  test("another locale or option set gets its own, formatting as Intl does", () => {
    const fr = numberFormat("fr", { maximumFractionDigits: 2 });
    const en = numberFormat("en", { maximumFractionDigits: 2 });
    const enWhole = numberFormat("en", { maximumFractionDigits: 0 });
    expect(fr).not.toBe(en);
    expect(en).not.toBe(enWhole);
    expect(en.format(1234.567)).toBe(
      new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(1234.567),
    );
    expect(enWhole.format(1234.567)).toBe("1,235");
    expect(fr.format(1234.5)).toBe(new Intl.NumberFormat("fr", { maximumFractionDigits: 2 }).format(1234.5));
  });

  test("dates read the same as before the cache", () => {
    expect(formatDate("2026-03-05", "en")).toBe("Mar 5, 2026");
    expect(formatDate("2026-03-05", "fr")).toBe(
      new Intl.DateTimeFormat("fr", {
        year: "numeric",
        month: "short",
        day: "numeric",
        timeZone: "UTC",
      }).format(new Date(Date.UTC(2026, 2, 5))),
    );
    expect(formatDate("not a date", "en")).toBe("not a date");
  });

  test("a refused currency falls back to plain text and is not kept; a good one still formats", () => {
    expect(formatMoney("12.50", "NOT-A-CURRENCY", "en")).toBe("12.50 NOT-A-CURRENCY");
    expect(formatMoney("12.50", "NOT-A-CURRENCY", "en")).toBe("12.50 NOT-A-CURRENCY");
    expect(formatMoney("12.50", "EUR", "en")).toBe("€12.50");
    expect(() => numberFormat("en", { style: "currency", currency: "NOT-A-CURRENCY" })).toThrow(RangeError);
  });
});
