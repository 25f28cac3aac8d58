import { describe, expect, test } from "vitest";
import { auditDiff, formatAuditValue, sameValue } from "~/lib/audit-diff";

describe("auditDiff", () => {
  test("an update lists only the fields whose value changed, with before and after", () => {
    const diff = auditDiff({
      action: "update",
      before: { id: "o1", name: "Old", acronym: "OLD", countryCode: "NL", website: null },
      after: { id: "o1", name: "New", acronym: "OLD", countryCode: "BE", website: "https://x.org" },
    });
    expect(diff).toEqual({
      changes: [
        { field: "name", before: "Old", after: "New" },
        { field: "countryCode", before: "NL", after: "BE" },
        { field: "website", before: null, after: "https://x.org" },
      ],
      lifecycle: null,
    });
  });

  test("updatedAt, createdAt and version are noise, in either spelling", () => {
    const diff = auditDiff({
      action: "update",
      before: { name: "A", version: 1, updatedAt: "2025-01-01T00:00:00Z", created_at: "x", updated_at: "y" },
      after: { name: "A", version: 2, updatedAt: "2025-02-01T00:00:00Z", created_at: "z", updated_at: "w" },
    });
    expect(diff.changes).toEqual([]);
  });

  test("a creation lists every field of after (but the noise), a deletion every field of before", () => {
    const created = auditDiff({
      action: "create",
      before: null,
      after: { id: "o1", name: "A", acronym: null, createdAt: "2025-01-01T00:00:00Z", version: 1 },
    });
    expect(created.changes).toEqual([
      { field: "id", after: "o1" },
      { field: "name", after: "A" },
      { field: "acronym", after: null },
    ]);
    expect(created.lifecycle).toBeNull();
    const deleted = auditDiff({ action: "delete", before: { id: "o1", name: "A" }, after: null });
    expect(deleted.changes).toEqual([
      { field: "id", before: "o1" },
      { field: "name", before: "A" },
    ]);
  });

  test("a seed entry (after only, no action given) reads as a creation", () => {
    expect(auditDiff({ after: { name: "A" } }).changes).toEqual([{ field: "name", after: "A" }]);
  });

  test("archiving and restoring are noted, not listed as an archivedAt change", () => {
    const archived = auditDiff({
      action: "update",
      before: { name: "A", archivedAt: null },
      after: { name: "A", archivedAt: "2025-03-01T10:00:00.000Z" },
    });
    expect(archived).toEqual({ changes: [], lifecycle: "archived" });
    const restored = auditDiff({
      action: "update",
      before: { name: "A", archivedAt: "2025-03-01T10:00:00.000Z" },
      after: { name: "B", archivedAt: null },
    });
    expect(restored).toEqual({
      changes: [{ field: "name", before: "A", after: "B" }],
      lifecycle: "restored",
    });
    // The action says so even when the rows do not carry archivedAt.
    expect(auditDiff({ action: "archive", before: { id: "x" }, after: { id: "x" } }).lifecycle).toBe(
      "archived",
    );
    expect(auditDiff({ action: "restore" }).lifecycle).toBe("restored");
  });

  test("nested values compare by content, whatever the key order (jsonb reorders keys)", () => {
    const diff = auditDiff({
      before: { scope: { a: 1, b: [1, 2] }, tags: ["x", "y"], pathways: ["a"] },
      after: { scope: { b: [1, 2], a: 1 }, tags: ["x", "y"], pathways: ["a", "b"] },
    });
    expect(diff.changes).toEqual([{ field: "pathways", before: ["a"], after: ["a", "b"] }]);
  });

  test("a field that appears or disappears in an update is a change", () => {
    const diff = auditDiff({ before: { a: 1 }, after: { b: 2 } });
    expect(diff.changes).toEqual([
      { field: "a", before: 1 },
      { field: "b", after: 2 },
    ]);
  });

  test("secrets are listed as changed but their values withheld", () => {
    const diff = auditDiff({
      action: "update",
      before: { passwordHash: "scrypt$old", calendarTokenHash: null, tokenHash: "a", name: "A" },
      after: { passwordHash: "scrypt$new", calendarTokenHash: "abc", tokenHash: "a", name: "A" },
    });
    expect(diff.changes).toEqual([
      { field: "passwordHash", redacted: true },
      { field: "calendarTokenHash", redacted: true },
    ]);
    expect(JSON.stringify(diff)).not.toContain("scrypt");
  });

  test("no before and no after: nothing changed", () => {
    expect(auditDiff({})).toEqual({ changes: [], lifecycle: null });
    expect(auditDiff({ before: "not an object", after: [1, 2] })).toEqual({ changes: [], lifecycle: null });
  });
});

describe("sameValue", () => {
  test("JSON values", () => {
    expect(sameValue(1, 1)).toBe(true);
    expect(sameValue("1", 1)).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
  });
});

describe("formatAuditValue", () => {
  test("empty values are null; others become one line of text", () => {
    expect(formatAuditValue(null)).toBeNull();
    expect(formatAuditValue(undefined)).toBeNull();
    expect(formatAuditValue("")).toBeNull();
    expect(formatAuditValue("text")).toEqual({ text: "text", truncated: false });
    expect(formatAuditValue(0)).toEqual({ text: "0", truncated: false });
    expect(formatAuditValue(false)).toEqual({ text: "false", truncated: false });
    expect(formatAuditValue(["a", "b"])).toEqual({ text: '["a","b"]', truncated: false });
    expect(formatAuditValue({ x: 1 })).toEqual({ text: '{"x":1}', truncated: false });
  });

  test("markup stays text (React escapes it when rendering)", () => {
    expect(formatAuditValue("<script>alert(1)</script>")?.text).toBe("<script>alert(1)</script>");
  });

  test("long values are cut at the limit, never inside a character", () => {
    expect(formatAuditValue("a".repeat(10), 10)).toEqual({ text: "a".repeat(10), truncated: false });
    expect(formatAuditValue("a".repeat(11), 10)).toEqual({ text: `${"a".repeat(10)}…`, truncated: true });
    expect(formatAuditValue("😀".repeat(5), 3)).toEqual({ text: "😀😀😀…", truncated: true });
    expect(formatAuditValue("x".repeat(1000))?.text).toHaveLength(201);
  });
});
