// The tabs of a record's page (a partnership, a pilot): child routes as links, the current one marked.
import type { ParseKeys } from "i18next";
import { useTranslation } from "~/i18n/use-translation";
import { NavLink } from "react-router";

export interface Tab {
  /** Relative to the record's address ("" for the overview). */
  to: string;
  /** The i18n key of its label. */
  key: ParseKeys;
  /** Active only on exactly this address (the overview). */
  end: boolean;
}

export function TabNav({ tabs, label }: { tabs: readonly Tab[]; label: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={label} className="mt-4 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                `inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  isActive
                    ? "border-brand-700 text-brand-800"
                    : "border-transparent text-slate-700 hover:border-slate-300"
                }`
              }
            >
              {t(tab.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
