import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { MunicipalitiesView } from "~/lib/validation/municipalities";

/** The two views of /municipalities as links (the country filter is kept; the sort is the view's own). */
export function ViewTabs({ view, country }: { view: MunicipalitiesView; country: string | undefined }) {
  const { t } = useTranslation();
  const hrefFor = (target: MunicipalitiesView) => {
    const params = new URLSearchParams();
    if (target === "compare") params.set("view", "compare");
    if (country) params.set("country", country);
    const search = params.toString();
    return search ? `/municipalities?${search}` : "/municipalities";
  };
  const tabs: { view: MunicipalitiesView; label: string }[] = [
    { view: "list", label: t("municipalities.views.list") },
    { view: "compare", label: t("municipalities.views.compare") },
  ];
  return (
    <nav aria-label={t("municipalities.views.label")} className="mt-4 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const active = tab.view === view;
          return (
            <li key={tab.view}>
              <Link
                to={hrefFor(tab.view)}
                aria-current={active ? "page" : undefined}
                data-testid={`municipalities-view-${tab.view}`}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  active
                    ? "border-brand-700 text-brand-800"
                    : "border-transparent text-slate-700 hover:border-slate-300"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
