// A pilot's milestones as a table: order (move up/down buttons, reachable by keyboard), planned
// and actual dates, status, and for editors: edit, mark done, archive (or restore).
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { ArchiveButton } from "~/components/records/fields";
import { fundingEnd, isMilestoneDueSoon, isMilestoneOverdue, type AlertFunding } from "~/lib/alerts";
import type { MilestoneStatus } from "~/lib/enums";
import { formatDate } from "~/lib/format";

export interface ListedMilestone {
  id: string;
  title: string;
  description: string | null;
  notes: string | null;
  dueOn: string | null;
  doneOn: string | null;
  status: MilestoneStatus;
  version: number;
}

const statusTone: Record<MilestoneStatus, string> = {
  planned: "bg-sky-50 text-sky-800 ring-sky-200",
  in_progress: "bg-brand-50 text-brand-800 ring-brand-100",
  done: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  delayed: "bg-amber-50 text-amber-900 ring-amber-200",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** Symbols, not words: the buttons are named by their aria-label. */
const ARROWS = { up: "\u2191", down: "\u2193" } as const;

function Flag({ tone, children }: { tone: string; children: React.ReactNode }) {
  return (
    <span className={`ml-2 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{children}</span>
  );
}

function MoveButton({
  id,
  title,
  direction,
  disabled,
}: {
  id: string;
  title: string;
  direction: "up" | "down";
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" preventScrollReset className="inline">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <button
        type="submit"
        disabled={disabled}
        aria-label={t(direction === "up" ? "milestones.list.moveUp" : "milestones.list.moveDown", { title })}
        className="rounded border border-slate-300 px-1.5 text-sm leading-6 text-slate-700 hover:bg-slate-100 disabled:opacity-40"
      >
        <span aria-hidden="true">{ARROWS[direction]}</span>
      </button>
    </Form>
  );
}

/** Mark one milestone done today (another day: in the form). */
export function MarkDoneButton({ milestone }: { milestone: ListedMilestone }) {
  const { t } = useTranslation();
  return (
    <Form method="post" preventScrollReset className="inline">
      <input type="hidden" name="intent" value="done" />
      <input type="hidden" name="id" value={milestone.id} />
      <input type="hidden" name="version" value={milestone.version} />
      <button
        type="submit"
        aria-label={t("milestones.list.markDoneLabel", { title: milestone.title })}
        className="text-sm font-medium text-brand-700 underline hover:text-brand-800"
      >
        {t("milestones.list.markDone")}
      </button>
    </Form>
  );
}

export function MilestoneList({
  milestones,
  funding,
  today,
  canEdit,
  selectedId,
  basePath,
  archived = false,
}: {
  milestones: readonly ListedMilestone[];
  funding: readonly AlertFunding[];
  today: string;
  canEdit: boolean;
  selectedId: string | null;
  basePath: string;
  archived?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const fmt = (day: string | null) => (day ? formatDate(day, i18n.language) : t("common.none"));
  const allFundingEnds = fundingEnd([...funding]);
  return (
    <div className="overflow-x-auto">
      <table
        data-testid={archived ? "milestone-list-archived" : "milestone-list"}
        className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm"
      >
        <caption className="sr-only">
          {archived ? t("milestones.archivedTitle") : t("milestones.title")}
        </caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {canEdit && !archived ? (
              <th scope="col" className="px-3 py-2">
                {t("milestones.list.order")}
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2">
              {t("milestones.fields.title")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("milestones.fields.dueOn")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("milestones.fields.doneOn")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("milestones.fields.status")}
            </th>
            {canEdit ? (
              <th scope="col" className="px-3 py-2">
                {t("milestones.list.actions")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {milestones.map((m, index) => {
            const selected = m.id === selectedId;
            const open = m.status !== "done" && m.status !== "cancelled";
            return (
              <tr
                key={m.id}
                id={`milestone-${m.id}`}
                data-milestone-id={m.id}
                aria-current={selected ? "true" : undefined}
                className={`align-top ${selected ? "bg-sky-50" : ""}`}
              >
                {canEdit && !archived ? (
                  <td className="space-x-1 px-3 py-2 whitespace-nowrap">
                    <MoveButton id={m.id} title={m.title} direction="up" disabled={index === 0} />
                    <MoveButton
                      id={m.id}
                      title={m.title}
                      direction="down"
                      disabled={index === milestones.length - 1}
                    />
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <Link
                    to={`${basePath}?milestone=${m.id}`}
                    preventScrollReset
                    className="font-medium text-slate-900 underline decoration-slate-300 hover:decoration-slate-700"
                  >
                    {m.title}
                  </Link>
                  {m.description ? (
                    <p className="mt-0.5 whitespace-pre-line text-slate-700">{m.description}</p>
                  ) : null}
                  {m.notes ? (
                    <p className="mt-0.5 text-xs whitespace-pre-line text-slate-600">
                      {t("milestones.list.notes", { notes: m.notes })}
                    </p>
                  ) : null}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {fmt(m.dueOn)}
                  {isMilestoneOverdue(m, today) ? (
                    <Flag tone="bg-red-100 text-red-800">{t("milestones.list.overdue")}</Flag>
                  ) : isMilestoneDueSoon(m, today) ? (
                    <Flag tone="bg-amber-100 text-amber-900">{t("milestones.list.dueSoon")}</Flag>
                  ) : null}
                  {open && allFundingEnds !== null && m.dueOn !== null && m.dueOn > allFundingEnds ? (
                    <Flag tone="bg-orange-100 text-orange-900">{t("milestones.list.afterFunding")}</Flag>
                  ) : null}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{fmt(m.doneOn)}</td>
                <td className="px-3 py-2">
                  <span
                    className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusTone[m.status]}`}
                  >
                    {t(`enums.milestoneStatus.${m.status}`)}
                  </span>
                </td>
                {canEdit ? (
                  <td className="space-x-3 px-3 py-2 whitespace-nowrap">
                    {archived ? (
                      <ArchiveButton
                        id={m.id}
                        version={m.version}
                        intent="restore"
                        label={t("milestones.list.restore")}
                        accessibleLabel={t("milestones.list.restoreLabel", { title: m.title })}
                      />
                    ) : (
                      <>
                        <Link
                          to={`${basePath}?milestone=${m.id}#milestone-form`}
                          aria-label={t("milestones.list.editLabel", { title: m.title })}
                          className="text-sm font-medium text-brand-700 underline"
                        >
                          {t("milestones.list.edit")}
                        </Link>
                        {open ? <MarkDoneButton milestone={m} /> : null}
                        <ArchiveButton
                          id={m.id}
                          version={m.version}
                          intent="archive"
                          label={t("milestones.list.archive")}
                          accessibleLabel={t("milestones.list.archiveLabel", { title: m.title })}
                        />
                      </>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
