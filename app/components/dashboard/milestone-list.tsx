// A capped list of pilot milestones: title (to the pilot's milestones tab), pilot, municipality,
// due date (overdue said in words).
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { formatDate } from "~/lib/format";
import type { CappedList, DashboardMilestone } from "~/models/dashboard.server";
import { EmptyLine, OverdueBadge } from "./section";

export function DashboardMilestoneList({
  list,
  empty,
  overdue,
  labelledBy,
}: {
  list: CappedList<DashboardMilestone>;
  empty: string;
  overdue: boolean;
  labelledBy: string;
}) {
  const { t, i18n } = useTranslation();
  if (list.items.length === 0) return <EmptyLine>{empty}</EmptyLine>;
  return (
    <>
      <ul aria-labelledby={labelledBy} className="divide-y divide-slate-100">
        {list.items.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
            <Link
              to={`/pilots/${m.pilotId}/milestones?milestone=${m.id}`}
              className="font-medium text-brand-700 underline"
            >
              {m.title}
            </Link>
            <span className="text-slate-600">{t(`enums.milestoneStatus.${m.status}`)}</span>
            {overdue ? <OverdueBadge label={t("home.overdue")} /> : null}
            <span className={overdue ? "font-semibold text-red-800" : "text-slate-700"}>
              {t("home.due", { date: formatDate(m.dueOn, i18n.language) })}
            </span>
            <Link to={`/pilots/${m.pilotId}`} className="text-slate-700 underline">
              {m.pilotName}
            </Link>
            <Link to={`/municipalities/${m.municipalityId}`} className="text-slate-700 underline">
              {m.municipalityName}
            </Link>
          </li>
        ))}
      </ul>
      {list.total > list.items.length ? (
        <p className="mt-2 text-sm text-slate-700">
          {t("home.shown", { shown: list.items.length, total: list.total })}
        </p>
      ) : null}
    </>
  );
}
