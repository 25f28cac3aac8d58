// A municipal official's municipalities: pilots, overdue milestones (in words), the next milestone.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { dashboardLinks } from "~/lib/dashboard";
import { formatDate } from "~/lib/format";
import type { YourMunicipality } from "~/models/dashboard.server";
import { EmptyLine, OverdueBadge } from "./section";

export function YourMunicipalities({ municipalities }: { municipalities: YourMunicipality[] }) {
  const { t, i18n } = useTranslation();
  if (municipalities.length === 0) return <EmptyLine>{t("home.yourMunicipalities.empty")}</EmptyLine>;
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {municipalities.map((m) => (
        <li key={m.id} className="rounded border border-slate-200 p-3 text-sm">
          <Link to={dashboardLinks.municipality(m.id)} className="font-semibold text-brand-700 underline">
            {m.name}
          </Link>
          <p className="text-slate-700">{t("home.yourMunicipalities.pilots", { count: m.pilots })}</p>
          <p>
            {m.overdueMilestones > 0 ? (
              <OverdueBadge label={t("home.yourMunicipalities.overdue", { count: m.overdueMilestones })} />
            ) : (
              <span className="text-slate-700">{t("home.yourMunicipalities.noOverdue")}</span>
            )}
          </p>
          <p className="text-slate-700">
            {m.next ? (
              <Link to={`/pilots/${m.next.pilotId}/milestones?milestone=${m.next.id}`} className="underline">
                {t("home.yourMunicipalities.next", {
                  title: m.next.title,
                  pilot: m.next.pilotName,
                  date: formatDate(m.next.dueOn, i18n.language),
                })}
              </Link>
            ) : (
              t("home.yourMunicipalities.noNext")
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
