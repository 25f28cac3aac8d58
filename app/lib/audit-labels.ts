// The reader's words for the audit log's actions and entity types, and its time stamps: one place for
// the page (useAuditLabels) and the CSV export. Pure.
import type { TFunction } from "i18next";
import type { AuditAction } from "./enums";
import { dateTimeFormat } from "./format";

/** Entity types that have a label; any other type in the log is shown as stored. */
export const labelledEntityTypes = [
  "organisation",
  "municipality",
  "relationship",
  "partnership",
  "partnership_member",
  "document",
  "objective",
  "funding_line",
  "risk",
  "health_check",
  "pilot",
  "milestone",
  "pilot_period",
  "pilot_outcome",
  "event",
  "event_organiser",
  "event_participant",
  "event_takeaway",
  "follow_up_action",
  "user",
  "user_municipality",
  "invitation",
  "password_reset",
  "graph_layout",
  "backup",
] as const;
type LabelledEntityType = (typeof labelledEntityTypes)[number];

function isLabelled(type: string): type is LabelledEntityType {
  return (labelledEntityTypes as readonly string[]).includes(type);
}

const AT_OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" };

/** The labels in the language of this `t`. */
export function auditLabelsOf(t: TFunction, language: string) {
  return {
    action: (action: AuditAction) => t(`audit.actions.${action}`),
    entityType: (type: string) => (isLabelled(type) ? t(`audit.entityTypes.${type}`) : type),
    actor: (actor: { name: string } | null) => actor?.name ?? t("audit.system"),
    /** Date and time in UTC (the filter's days are UTC days; the same text on server and client). */
    at: (at: Date) =>
      t("audit.atUtc", {
        time: dateTimeFormat(language, AT_OPTIONS).format(at),
      }),
  };
}
