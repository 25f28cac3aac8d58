// The table of follow-up actions (an event's tab and /actions): status, due date (overdue marked),
// owner, links; per row a status change for those who may make it, an edit link for editors, and
// (on /actions) a checkbox that belongs to the bulk status form.
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { SortHeading } from "~/components/sort-heading";
import type { ActionSort } from "~/lib/actions";
import { actionStatuses, type ActionStatus } from "~/lib/enums";
import { formatDate } from "~/lib/format";

export interface ActionRowView {
  id: string;
  eventId: string | null;
  eventTitle: string | null;
  title: string;
  description: string | null;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  ownerUserId: string | null;
  ownerUserName: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  pilotId: string | null;
  pilotName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  version: number;
  overdue: boolean;
  mayChangeStatus: boolean;
}

const statusClass: Record<ActionStatus, string> = {
  open: "bg-sky-100 text-sky-900",
  in_progress: "bg-amber-100 text-amber-900",
  done: "bg-emerald-100 text-emerald-900",
  dropped: "bg-slate-200 text-slate-800",
};

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-semibold ${statusClass[status]}`}>
      {t(`actions.status.${status}`)}
    </span>
  );
}

/** Change one action's status; the done date defaults to today on the server. */
export function StatusForm({ action }: { action: ActionRowView }) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      className="flex flex-wrap items-end gap-2"
      aria-label={t("actions.statusForm.label", { title: action.title })}
    >
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="id" value={action.id} />
      <input type="hidden" name="version" value={action.version} />
      <label className="text-xs">
        <span className="sr-only">{t("actions.fields.status")}</span>
        <select
          name="status"
          defaultValue={action.status}
          className="rounded border border-slate-300 bg-white px-1 py-1 text-xs"
        >
          {actionStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`actions.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs">
        <span className="sr-only">{t("actions.fields.doneOn")}</span>
        <input
          type="date"
          name="doneOn"
          className="rounded border border-slate-300 px-1 py-0.5 text-xs"
          aria-describedby={`done-hint-${action.id}`}
        />
        <span id={`done-hint-${action.id}`} className="sr-only">
          {t("actions.hints.doneOn")}
        </span>
      </label>
      <button
        type="submit"
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-semibold hover:bg-slate-100"
      >
        {t("actions.statusForm.submit")}
      </button>
    </Form>
  );
}

export function ActionTable({
  actions,
  showEvent,
  editHref,
  bulkFormId,
  sort,
}: {
  actions: readonly ActionRowView[];
  showEvent: boolean;
  /** The edit link of a row, for editors. */
  editHref?: (id: string) => string;
  /** The bulk form the rows' checkboxes belong to (only rows the user may change have one). */
  bulkFormId?: string;
  /** Sortable headings (on /actions). */
  sort?: { current: ActionSort; dir: "asc" | "desc" };
}) {
  const { t, i18n } = useTranslation();
  const date = (day: string | null) => (day ? formatDate(day, i18n.language) : t("common.none"));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {bulkFormId ? (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">{t("actions.bulk.select")}</span>
              </th>
            ) : null}
            <Heading sortKey="title" label={t("actions.fields.title")} sort={sort} />
            <Heading sortKey="status" label={t("actions.fields.status")} sort={sort} />
            <Heading sortKey="due" label={t("actions.fields.dueOn")} sort={sort} />
            <Heading sortKey="owner" label={t("actions.fields.ownerOrganisation")} sort={sort} />
            {showEvent ? <Heading sortKey="event" label={t("actions.fields.event")} sort={sort} /> : null}
            <th scope="col" className="px-4 py-2 font-medium">
              {t("actions.columns.links")}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("actions.columns.change")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {actions.map((a) => (
            <tr key={a.id} id={`action-${a.id}`}>
              {bulkFormId ? (
                <td className="px-4 py-2">
                  {a.mayChangeStatus ? (
                    <input
                      type="checkbox"
                      name="selected"
                      value={`${a.id}:${a.version}`}
                      form={bulkFormId}
                      aria-label={t("actions.bulk.selectOne", { title: a.title })}
                    />
                  ) : null}
                </td>
              ) : null}
              <td className="px-4 py-2">
                <span className="font-medium">{a.title}</span>
                {a.description ? <span className="block text-xs text-slate-600">{a.description}</span> : null}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                <ActionStatusBadge status={a.status} />
                {a.status === "done" && a.doneOn ? (
                  <span className="block text-xs text-slate-600">
                    {t("actions.doneOn", { date: date(a.doneOn) })}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                {date(a.dueOn)}
                {a.overdue ? (
                  <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">
                    {t("actions.overdue")}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2">
                {a.ownerOrganisationId ? (
                  <Link
                    to={`/organisations/${a.ownerOrganisationId}`}
                    className="text-brand-800 hover:underline"
                  >
                    {a.ownerOrganisationName}
                  </Link>
                ) : (
                  t("common.none")
                )}
                {a.ownerUserName ? (
                  <span className="block text-xs text-slate-600">{a.ownerUserName}</span>
                ) : null}
              </td>
              {showEvent ? (
                <td className="px-4 py-2">
                  {a.eventId ? (
                    <Link to={`/events/${a.eventId}/actions`} className="text-brand-800 hover:underline">
                      {a.eventTitle}
                    </Link>
                  ) : (
                    t("common.none")
                  )}
                </td>
              ) : null}
              <td className="px-4 py-2 text-xs">
                <ul className="space-y-0.5">
                  {a.partnershipId ? (
                    <li>
                      <Link
                        to={`/partnerships/${a.partnershipId}`}
                        className="text-brand-800 hover:underline"
                      >
                        {a.partnershipName}
                      </Link>
                    </li>
                  ) : null}
                  {a.pilotId ? (
                    <li>
                      <Link to={`/pilots/${a.pilotId}`} className="text-brand-800 hover:underline">
                        {a.pilotName}
                      </Link>
                    </li>
                  ) : null}
                  {a.organisationId ? (
                    <li>
                      <Link
                        to={`/organisations/${a.organisationId}`}
                        className="text-brand-800 hover:underline"
                      >
                        {a.organisationName}
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </td>
              <td className="px-4 py-2">
                {a.mayChangeStatus ? <StatusForm action={a} /> : null}
                {editHref ? (
                  <Link
                    to={editHref(a.id)}
                    className="mt-1 inline-block text-xs text-brand-700 underline"
                    aria-label={t("actions.editLabel", { title: a.title })}
                  >
                    {t("actions.edit")}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column heading: a sort link on /actions, plain text elsewhere. */
function Heading({
  sortKey,
  label,
  sort,
}: {
  sortKey: ActionSort;
  label: string;
  sort: { current: ActionSort; dir: "asc" | "desc" } | undefined;
}) {
  if (sort) return <SortHeading sort={sortKey} label={label} current={sort.current} dir={sort.dir} />;
  return (
    <th scope="col" className="px-4 py-2 font-medium">
      {label}
    </th>
  );
}
