// A capped list of follow-up actions: title (to its event's actions tab), status, due date (overdue
// said in words), owner; "see all" with the total when there are more.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { ActionStatusBadge } from "~/components/actions/action-table";
import { formatDate } from "~/lib/format";
import type { CappedList, DashboardAction } from "~/models/dashboard.server";
import { EmptyLine, OverdueBadge, SeeAll } from "./section";

export function DashboardActionList({
  list,
  empty,
  seeAllTo,
  labelledBy,
}: {
  list: CappedList<DashboardAction>;
  empty: string;
  seeAllTo: string;
  labelledBy?: string;
}) {
  const { t, i18n } = useTranslation();
  if (list.items.length === 0) return <EmptyLine>{empty}</EmptyLine>;
  return (
    <>
      <ul aria-labelledby={labelledBy} className="divide-y divide-slate-100">
        {list.items.map((action) => (
          <li key={action.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
            <Link
              to={action.eventId ? `/events/${action.eventId}/actions` : "/actions"}
              className="font-medium text-brand-700 underline"
            >
              {action.title}
            </Link>
            <ActionStatusBadge status={action.status} />
            {action.overdue ? <OverdueBadge label={t("home.overdue")} /> : null}
            <span className={action.overdue ? "font-semibold text-red-800" : "text-slate-700"}>
              {action.dueOn
                ? t("home.due", { date: formatDate(action.dueOn, i18n.language) })
                : t("home.noDueDate")}
            </span>
            {action.ownerOrganisationName ? (
              <span className="text-slate-700">{action.ownerOrganisationName}</span>
            ) : null}
            {action.eventTitle ? <span className="text-slate-600">{action.eventTitle}</span> : null}
          </li>
        ))}
      </ul>
      {list.total > list.items.length ? (
        <SeeAll to={seeAllTo} label={t("home.seeAll", { count: list.total })} />
      ) : null}
    </>
  );
}
