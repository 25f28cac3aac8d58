import { useTranslation } from "~/i18n/use-translation";
import { auditLabelsOf } from "~/lib/audit-labels";

export { labelledEntityTypes } from "~/lib/audit-labels";

/** The reader's words for the audit log's actions and entity types, and its time stamps. */
export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  return auditLabelsOf(t, i18n.language);
}
