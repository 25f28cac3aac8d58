// Recent activity from the audit log: who did what to which record, when. Never before/after values.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { useAuditLabels } from "~/components/audit/labels";
import { dashboardLinks } from "~/lib/dashboard";
import type { Activity } from "~/models/dashboard-activity.server";
import { EmptyLine, SeeAll } from "./section";

export function ActivitySection({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  return (
    <>
      {activity.entries.length === 0 ? (
        <EmptyLine>{t("home.activity.empty")}</EmptyLine>
      ) : (
        <ol className="divide-y divide-slate-100">
          {activity.entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5 text-sm">
              <span className="font-medium">
                {labels.actor(entry.actorName === null ? null : { name: entry.actorName })}
              </span>
              <span>{labels.action(entry.action)}</span>
              <span className="text-slate-700">{labels.entityType(entry.entityType)}</span>
              {entry.label !== null && entry.href !== null ? (
                <Link to={entry.href} className="text-brand-700 underline">
                  {entry.label}
                </Link>
              ) : (
                <span className="text-slate-600">{entry.label ?? t("home.activity.unnamed")}</span>
              )}
              <time dateTime={new Date(entry.at).toISOString()} className="ml-auto text-xs text-slate-600">
                {labels.at(new Date(entry.at))}
              </time>
            </li>
          ))}
        </ol>
      )}
      {activity.mayReadAll ? <SeeAll to={dashboardLinks.audit()} label={t("home.activity.seeAll")} /> : null}
    </>
  );
}
