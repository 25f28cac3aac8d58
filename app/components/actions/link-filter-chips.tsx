// The "Linked to: <name>" filters of /actions (a partnership, a pilot, an organisation: what a record
// page's "See all" opens) and the dashboard's "Of your events" and "Not done or dropped", each a chip
// with a link that removes it and keeps the other filters.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { ActionFilterChipKind } from "~/lib/actions";

/** A mark, not a word: the link's accessible name says what it does. */
const REMOVE_MARK = "\u00d7";

export interface LinkFilterChip {
  kind: ActionFilterChipKind;
  /** The query parameter and its value (kept by the filter form as a hidden field): a record's id. */
  param: string;
  value: string;
  /** The record's name; null when the id names no record (the list is then empty) or for no record. */
  name: string | null;
  /** /actions without this filter. */
  removeHref: string;
}

export function LinkFilterChips({ chips }: { chips: readonly LinkFilterChip[] }) {
  const { t } = useTranslation();
  if (chips.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("linkedActions.filter.label")}>
      {chips.map((chip) => {
        const label =
          chip.kind === "mineEvents" || chip.kind === "open"
            ? t(`actions.filters.chips.${chip.kind}`)
            : t(`linkedActions.filter.${chip.kind}`, {
                name: chip.name ?? t("linkedActions.filter.unknown"),
              });
        return (
          <li
            key={chip.param}
            className="flex items-center gap-2 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-800"
            data-testid={`link-filter-${chip.kind}`}
          >
            <span>{label}</span>
            <Link
              to={chip.removeHref}
              className="font-semibold text-brand-800 hover:underline"
              aria-label={t("linkedActions.filter.remove", { label })}
            >
              <span aria-hidden="true">{REMOVE_MARK}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
