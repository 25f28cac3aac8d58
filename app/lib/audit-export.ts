// The audit log as CSV (/export/audit.csv, coordinators): the entries of the page's filters, newest
// first, with what changed field by field. Secrets stay withheld as on the page. Times are ISO 8601 in
// UTC, so a spreadsheet sorts them. Pure.
import type { TFunction } from "i18next";
import { auditLabelsOf } from "./audit-labels";
import { formatAuditValue, type AuditEntryView } from "./audit-diff";
import { csvDocument, type CsvCell } from "./csv";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "user",
  "action",
  "entityType",
  "entityId",
  "batchId",
  "changes",
] as const;

/** Longest value written for one side of a change (the page shows 80 characters). */
const VALUE_LENGTH = 2_000;

function changesText(entry: AuditEntryView, t: TFunction): string {
  const lines = entry.lifecycle ? [t(`audit.lifecycle.${entry.lifecycle}`)] : [];
  for (const change of entry.changes) {
    if (change.redacted) {
      lines.push(`${change.field}: ${t("exports.audit.withheld")}`);
      continue;
    }
    const before = formatAuditValue(change.before, VALUE_LENGTH)?.text ?? "";
    const after = formatAuditValue(change.after, VALUE_LENGTH)?.text ?? "";
    lines.push(`${change.field}: ${before} → ${after}`);
  }
  return lines.join("\n");
}

export function auditCsv(entries: readonly AuditEntryView[], t: TFunction, language: string): string {
  const labels = auditLabelsOf(t, language);
  const header = AUDIT_CSV_COLUMNS.map((column) => t(`exports.audit.${column}`));
  const rows = entries.map((entry): CsvCell[] => [
    entry.id,
    entry.at.toISOString(),
    labels.actor(entry.actor),
    labels.action(entry.action),
    labels.entityType(entry.entityType),
    entry.entityId,
    entry.batchId,
    changesText(entry, t),
  ]);
  return csvDocument([header, ...rows]);
}
