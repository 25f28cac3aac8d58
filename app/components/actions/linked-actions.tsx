// The "Follow-ups" section of a partnership, pilot or organisation page: the record's follow-up
// actions (open ones first by due date, overdue marked, then done and dropped), each with its status,
// due date, event and owner; "See all N" opens /actions filtered to the record. The empty state says
// where actions are created (an event's Follow-up actions tab), with a link for those who may.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import type { LinkedActionsView } from "~/lib/actions";
import { formatDate } from "~/lib/format";
import { ActionStatusBadge } from "./action-table";

export function LinkedActions({
  actions,
  seeAllHref,
  canWrite,
  headingId = "follow-ups-heading",
  children,
}: {
  actions: LinkedActionsView;
  /** /actions filtered to the record. */
  seeAllHref: string;
  /** May create actions: the empty state links to the events. */
  canWrite: boolean;
  headingId?: string;
  /** Shown under the list (e.g. the calendar feed's address). */
  children?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { items, total, open, overdue } = actions;
  return (
    <section aria-labelledby={headingId} data-testid="linked-actions">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {t("linkedActions.title")}
        </h2>
        {total > 0 ? (
          <p className="text-sm text-slate-700">{t("linkedActions.counts", { open, overdue, total })}</p>
        ) : null}
      </div>
      {items.length === 0 ? (
        <div className="mt-3">
          <EmptyState>
            <p>{t("linkedActions.empty")}</p>
            {canWrite ? (
              <p className="mt-2">
                <Link to="/events" className="text-brand-700 underline">
                  {t("linkedActions.emptyLink")}
                </Link>
              </p>
            ) : null}
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {items.map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
              <span className="font-medium">{a.title}</span>
              <ActionStatusBadge status={a.status} />
              {a.relation ? (
                <span className="rounded border border-slate-300 px-1.5 text-xs text-slate-700">
                  {t(`linkedActions.relation.${a.relation}`)}
                </span>
              ) : null}
              <span className="text-slate-700">
                {a.status === "done" && a.doneOn
                  ? t("actions.doneOn", { date: formatDate(a.doneOn, i18n.language) })
                  : a.dueOn
                    ? t("linkedActions.due", { date: formatDate(a.dueOn, i18n.language) })
                    : t("linkedActions.noDue")}
              </span>
              {a.overdue ? (
                <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">
                  {t("actions.overdue")}
                </span>
              ) : null}
              <span className="basis-full text-xs text-slate-600 sm:basis-auto">
                {a.ownerOrganisationId ? (
                  <>
                    {t("linkedActions.owner", {
                      name: a.ownerUserName
                        ? `${a.ownerOrganisationName ?? ""} (${a.ownerUserName})`
                        : (a.ownerOrganisationName ?? ""),
                    })}
                  </>
                ) : null}
                {a.eventId ? (
                  <>
                    {a.ownerOrganisationId ? " · " : ""}
                    {t("linkedActions.event")}{" "}
                    <Link
                      to={`/events/${a.eventId}/actions#action-${a.id}`}
                      className="text-brand-700 underline"
                    >
                      {a.eventTitle}
                    </Link>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > 0 ? (
        <p className="mt-2 text-sm">
          {total > items.length ? (
            <span className="mr-3 text-slate-700">
              {t("linkedActions.showing", { shown: items.length, total })}
            </span>
          ) : null}
          <Link
            to={seeAllHref}
            className="text-brand-700 underline"
            aria-label={t("linkedActions.seeAllLabel", { count: total })}
          >
            {t("linkedActions.seeAll", { count: total })}
          </Link>
        </p>
      ) : null}
      {children ? <div className="mt-3">{children}</div> : null}
    </section>
  );
}
