// The alerts of one pilot or of several (pilot tab, pilot overview, municipality page, dashboard),
// given what loadAlerts (models/alerts.server.ts) answered. Rules: lib/alerts.ts.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { AlertKind, PilotAlert } from "~/lib/alerts";
import { formatDate } from "~/lib/format";

const tone: Record<AlertKind, string> = {
  milestone_overdue: "border-red-300 bg-red-50 text-red-900",
  milestone_due_soon: "border-amber-300 bg-amber-50 text-amber-950",
  milestone_after_funding: "border-orange-300 bg-orange-50 text-orange-950",
  outcomes_missing: "border-sky-300 bg-sky-50 text-sky-950",
};

/** Where an alert leads: the pilot's milestones (the milestone selected) or its outcomes. */
export function alertHref(alert: PilotAlert): string {
  if (alert.kind === "outcomes_missing") return `/pilots/${alert.pilotId}/outcomes`;
  return `/pilots/${alert.pilotId}/milestones${alert.milestoneId ? `?milestone=${alert.milestoneId}` : ""}`;
}

export function PilotAlerts({
  alerts,
  pilotNames,
  showEmpty = true,
  className = "",
}: {
  alerts: readonly PilotAlert[];
  /** Across several pilots: each alert names its pilot (id -> name). */
  pilotNames?: Readonly<Record<string, string>>;
  /** Say "no alerts" rather than render nothing when the list is empty. */
  showEmpty?: boolean;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  if (alerts.length === 0) {
    return showEmpty ? (
      <p data-testid="pilot-alerts" className={`text-sm text-slate-700 ${className}`}>
        {t("alerts.none")}
      </p>
    ) : null;
  }
  return (
    <ul data-testid="pilot-alerts" aria-label={t("alerts.title")} className={`space-y-1 ${className}`}>
      {alerts.map((alert) => {
        const date = alert.date ? formatDate(alert.date, i18n.language) : "";
        const text = t(`alerts.kind.${alert.kind}`, { title: alert.title ?? "", date });
        const pilot = pilotNames?.[alert.pilotId];
        return (
          <li
            key={`${alert.kind}-${alert.pilotId}-${alert.milestoneId ?? ""}`}
            data-alert-kind={alert.kind}
            className={`rounded border px-3 py-1.5 text-sm ${tone[alert.kind]}`}
          >
            {pilot ? <span className="font-semibold">{pilot}: </span> : null}
            <Link to={alertHref(alert)} className="underline">
              {text}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
