// What an audit entry changed, field by field: pure, shared by the audit page and each record's
// history. Values are the JSON the audit log stores (dates are ISO strings).
import type { AuditAction } from "./enums";

/** Bookkeeping columns that change on every write and say nothing about the change itself. */
export const NOISE_FIELDS: ReadonlySet<string> = new Set([
  "createdAt",
  "updatedAt",
  "version",
  "created_at",
  "updated_at",
]);

/**
 * Secrets that must never be shown, even to a coordinator: password and token hashes. The change is
 * listed (a password was changed), its values are not.
 */
const SECRET_FIELD = /password|token|secret|hash$/i;

export interface FieldChange {
  field: string;
  /** Undefined when the field did not exist before (a creation). */
  before?: unknown;
  /** Undefined when the field no longer exists (a deletion). */
  after?: unknown;
  /** A secret: the values are withheld. */
  redacted?: true;
}

/** Archiving and restoring are told as such, not as a change of `archivedAt`. */
export type Lifecycle = "archived" | "restored";

export interface AuditDiff {
  changes: FieldChange[];
  lifecycle: Lifecycle | null;
}

/** One audit entry as pages show it: who did what to which record, and what changed. */
export interface AuditEntryView {
  id: number;
  at: Date;
  action: AuditAction;
  entityType: string;
  entityId: string;
  batchId: string | null;
  /** Null: the system (seeding, imports without a user). */
  actor: { id: string; name: string } | null;
  changes: FieldChange[];
  lifecycle: Lifecycle | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The fields an entry changed. A creation lists every field of `after`, a deletion every field of
 * `before`, an update only the fields whose value differs; bookkeeping fields are left out. When
 * `archivedAt` is set or cleared (or the action says so), the entry is noted as archived/restored.
 */
export function auditDiff(entry: { action?: AuditAction; before?: unknown; after?: unknown }): AuditDiff {
  const before = isObject(entry.before) ? entry.before : null;
  const after = isObject(entry.after) ? entry.after : null;
  const lifecycle = lifecycleOf(entry.action, before, after);
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (NOISE_FIELDS.has(field)) continue;
    // Told by the lifecycle note instead.
    if (lifecycle && isArchivedAt(field)) continue;
    const had = before !== null && Object.hasOwn(before, field);
    const has = after !== null && Object.hasOwn(after, field);
    const oldValue = had ? before[field] : undefined;
    const newValue = has ? after[field] : undefined;
    // Both sides present and equal: unchanged. (A creation lists all of `after`, a deletion all
    // of `before`, whatever the values.)
    if (had && has && sameValue(oldValue, newValue)) continue;
    if (SECRET_FIELD.test(field)) {
      changes.push({ field, redacted: true });
      continue;
    }
    const change: FieldChange = { field };
    if (had) change.before = oldValue;
    if (has) change.after = newValue;
    changes.push(change);
  }
  return { changes, lifecycle };
}

function isArchivedAt(field: string) {
  return field === "archivedAt" || field === "archived_at";
}

function archivedAtOf(row: JsonObject | null): unknown {
  if (!row) return undefined;
  return row.archivedAt ?? row.archived_at;
}

function lifecycleOf(action: AuditAction | undefined, before: JsonObject | null, after: JsonObject | null) {
  if (action === "archive") return "archived" as const;
  if (action === "restore") return "restored" as const;
  if (!before || !after) return null;
  const was = archivedAtOf(before);
  const is = archivedAtOf(after);
  if (!was && is) return "archived" as const;
  if (was && !is) return "restored" as const;
  return null;
}

/** Deep equality of JSON values; object key order does not matter (jsonb reorders keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}

export const DEFAULT_VALUE_LENGTH = 200;

/**
 * A value as one line of text, cut at `maxLength` characters. Null for an empty value (null,
 * undefined, ''), which the page shows as "empty" in the reader's language.
 */
export function formatAuditValue(
  value: unknown,
  maxLength = DEFAULT_VALUE_LENGTH,
): { text: string; truncated: boolean } | null {
  if (value === null || value === undefined || value === "") return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // Count characters, not UTF-16 units, so a cut never splits an emoji.
  const chars = Array.from(text);
  if (chars.length <= maxLength) return { text, truncated: false };
  return { text: `${chars.slice(0, maxLength).join("")}…`, truncated: true };
}
