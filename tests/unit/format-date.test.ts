// formatDate: a calendar date in the reader's language, with the formatter reused per locale.
import { describe, expect, test } from "vitest";
import { formatDate } from "~/lib/format";

describe("formatDate", () => {
  test("formats in each locale, the same on every call, with no time-zone drift", () => {
    expect(formatDate("2026-03-05", "en")).toBe("Mar 5, 2026");
    expect(formatDate("2026-03-05", "fr")).toBe("5 mars 2026");
    expect(formatDate("2026-12-31", "en")).toBe("Dec 31, 2026");
    expect(formatDate("2026-03-05", "en")).toBe("Mar 5, 2026");
  });

  test("a value that is not a date comes back as it was", () => {
    expect(formatDate("not-a-date", "en")).toBe("not-a-date");
    expect(formatDate("", "fr")).toBe("");
  });
});
