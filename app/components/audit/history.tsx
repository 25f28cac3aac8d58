import { useId } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { EmptyState } from "~/components/empty-state";
import type { AuditEntryView } from "~/lib/audit-diff";
import { AuditChanges } from "./changes";
import { useAuditLabels } from "./labels";

/**
 * A record's own history (from `entityHistory`), newest first, for the record's page. The loader
 * decides what the reader may see: drop confidential fields from `changes` before they get here.
 */
export function AuditHistory({
  entries,
  headingLevel = 2,
}: {
  entries: AuditEntryView[];
  /** The level of the section heading, so it fits the page's outline. */
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const Heading = `h${headingLevel}` as const;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <Heading id={headingId} className="text-lg font-semibold">
        {t("audit.history.title")}
      </Heading>
      {entries.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("audit.history.empty")}</EmptyState>
        </div>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {entries.map((entry) => (
            <li key={entry.id} className="px-4 py-3">
              <p className="text-slate-700">
                <time dateTime={entry.at.toISOString()} className="whitespace-nowrap">
                  {labels.at(entry.at)}
                </time>
                {t("audit.history.separator")}
                <span className="font-medium text-slate-900">{labels.actor(entry.actor)}</span>
                {t("audit.history.separator")}
                {labels.action(entry.action)}
              </p>
              <div className="mt-1">
                <AuditChanges entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
