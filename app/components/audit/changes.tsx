import { useTranslation } from "~/i18n/use-translation";
import { formatAuditValue, type AuditEntryView, type FieldChange } from "~/lib/audit-diff";

/** How many field names the collapsed summary lists before "and N more". */
const SUMMARY_FIELDS = 4;

/** What an audit entry changed: a lifecycle note, then the fields in a collapsible list. */
export function AuditChanges({ entry }: { entry: Pick<AuditEntryView, "changes" | "lifecycle"> }) {
  const { t } = useTranslation();
  const { changes, lifecycle } = entry;
  const shown = changes.slice(0, SUMMARY_FIELDS).map((change) => change.field);
  const more = changes.length - shown.length;
  return (
    <div className="space-y-1">
      {lifecycle ? <p className="font-medium">{t(`audit.lifecycle.${lifecycle}`)}</p> : null}
      {changes.length === 0 ? (
        lifecycle ? null : (
          <p className="text-slate-600">{t("audit.changes.none")}</p>
        )
      ) : (
        <details>
          <summary className="cursor-pointer text-slate-800">
            {t("audit.changes.summary", { count: changes.length })}
            <span className="text-slate-600">
              {t("audit.changes.fieldList", { fields: shown.join(", ") })}
              {more > 0 ? t("audit.changes.more", { count: more }) : null}
            </span>
          </summary>
          <dl className="mt-2 space-y-2">
            {changes.map((change) => (
              <div key={change.field}>
                <dt>
                  <code className="text-xs font-semibold text-slate-800">{change.field}</code>
                </dt>
                <dd className="break-words text-slate-800">
                  <ChangeValues change={change} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}

function ChangeValues({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  if (change.redacted) return <em className="text-slate-600">{t("audit.changes.redacted")}</em>;
  const had = "before" in change;
  const has = "after" in change;
  if (had && has) {
    return (
      <>
        <span className="sr-only">{t("audit.changes.before")}</span>
        <Value value={change.before} className="text-red-800 line-through decoration-red-300" />
        <span aria-hidden="true" className="mx-1 text-slate-500">
          {t("audit.changes.arrow")}
        </span>
        <span className="sr-only">{t("audit.changes.after")}</span>
        <Value value={change.after} className="text-green-900" />
      </>
    );
  }
  if (had) {
    return (
      <>
        <span className="sr-only">{t("audit.changes.removed")}</span>
        <Value value={change.before} className="text-red-800 line-through decoration-red-300" />
      </>
    );
  }
  return <Value value={change.after} />;
}

/** A stored value as text (React escapes it), long values cut. */
function Value({ value, className = "" }: { value: unknown; className?: string }) {
  const { t } = useTranslation();
  const formatted = formatAuditValue(value);
  if (!formatted) return <em className="text-slate-500">{t("audit.changes.empty")}</em>;
  return (
    <span className={`whitespace-pre-wrap ${className}`}>
      {formatted.text}
      {formatted.truncated ? <span className="sr-only">{t("audit.changes.truncated")}</span> : null}
    </span>
  );
}
