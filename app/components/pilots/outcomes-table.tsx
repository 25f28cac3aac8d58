// The counts of a pilot's reporting periods side by side (one column per period, and all periods),
// as the viewer may see them (exact, or suppressed by app/lib/suppression.ts).
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { ArchiveButton } from "~/components/records/fields";
import { outcomeGroups, type OutcomePathway } from "~/lib/enums";
import { formatShown, type Shown, type ShownOutcomes } from "~/lib/suppression";
import { useFormatCount, useGroupValue } from "./outcomes-chart";

export interface TableColumn {
  key: string;
  label: string;
  shown: ShownOutcomes;
  /** The period's id and version, for the edit and archive actions (not for "all periods"). */
  period?: { id: string; version: number };
}

function Cell({ value, testId }: { value: Shown | null; testId?: string }) {
  const formatCount = useFormatCount();
  const { t } = useTranslation();
  return (
    <td className="px-3 py-1.5 text-right tabular-nums" data-testid={testId}>
      {value === null ? t("common.none") : formatShown(value, formatCount)}
    </td>
  );
}

export function OutcomesTable({
  columns,
  pathways,
  canEdit,
  basePath,
  archived = false,
}: {
  columns: readonly TableColumn[];
  pathways: readonly OutcomePathway[];
  canEdit: boolean;
  basePath: string;
  archived?: boolean;
}) {
  const { t } = useTranslation();
  const groupValue = useGroupValue();
  const rowHeader = "px-3 py-1.5 text-left font-normal";
  const caption = archived ? t("outcomes.archivedTitle") : t("outcomes.table.caption");
  return (
    // Wider than the page with many periods: focusable, so it scrolls by keyboard also for readers,
    // who have no links in it.
    <div
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
      role="region"
      aria-label={caption}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region (axe: scrollable-region-focusable)
      tabIndex={0}
    >
      <table
        data-testid={archived ? "outcomes-archived-table" : "outcomes-table"}
        className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              {t("outcomes.table.count")}
            </th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="px-3 py-2 text-right align-top">
                <span className="block whitespace-nowrap">{column.label}</span>
                {canEdit && column.period ? (
                  <span className="mt-1 flex justify-end gap-3 font-normal">
                    {archived ? null : (
                      <Link
                        to={`${basePath}?edit=${column.period.id}`}
                        aria-label={t("outcomes.actions.editLabel", { period: column.label })}
                        className="text-sm font-medium text-brand-700 underline"
                      >
                        {t("outcomes.actions.edit")}
                      </Link>
                    )}
                    <ArchiveButton
                      id={column.period.id}
                      version={column.period.version}
                      intent={archived ? "restore" : "archive"}
                      label={archived ? t("outcomes.actions.restore") : t("outcomes.actions.archive")}
                      accessibleLabel={t(
                        archived ? "outcomes.actions.restoreLabel" : "outcomes.actions.archiveLabel",
                        { period: column.label },
                      )}
                    />
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <th scope="row" className={rowHeader}>
              {t("outcomes.fields.newParticipants")}
            </th>
            {columns.map((c) => (
              <Cell key={c.key} value={c.shown.newParticipants} />
            ))}
          </tr>
          <tr>
            <th scope="row" className={rowHeader}>
              {t("outcomes.fields.participantsAtEnd")}
            </th>
            {columns.map((c) => (
              <Cell key={c.key} value={c.shown.participantsAtEnd} />
            ))}
          </tr>
          {pathways.map((pathway) => (
            <tr key={pathway}>
              <th scope="row" className={`${rowHeader} pl-6`}>
                {t(`enums.outcomePathway.${pathway}`)}
              </th>
              {columns.map((c) => (
                <Cell key={c.key} value={c.shown.cells[pathway]} testId={`outcome-cell-${pathway}`} />
              ))}
            </tr>
          ))}
          <tr className="font-semibold">
            <th scope="row" className="px-3 py-1.5 text-left">
              {t("outcomes.left")}
            </th>
            {columns.map((c) => (
              <Cell key={c.key} value={c.shown.left} testId="outcome-cell-left" />
            ))}
          </tr>
          {outcomeGroups.map((group) => (
            <tr key={group}>
              <th scope="row" className={rowHeader}>
                {t(`outcomes.groups.${group}`)}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                  {groupValue(c.shown, group)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
