// A fresh install (no organisations): what to do next, by role.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";

export function FreshInstall({ mayAddOrganisations }: { mayAddOrganisations: boolean }) {
  const { t } = useTranslation();
  return (
    <EmptyState>
      <h2 className="text-lg font-semibold text-slate-900">{t("home.fresh.title")}</h2>
      {mayAddOrganisations ? (
        <>
          <p className="mt-2">{t("home.fresh.coordinator")}</p>
          <p className="mt-4">
            <Link
              to="/organisations/new"
              className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
            >
              {t("home.fresh.addOrganisation")}
            </Link>
          </p>
        </>
      ) : (
        <p className="mt-2">{t("home.fresh.other")}</p>
      )}
    </EmptyState>
  );
}
