// How an event's dates and place read: "12 Mar 2025" or "12 Mar 2025 – 13 Mar 2025"; "Brussels",
// "Online", "Brussels and online".
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";

export function EventDates({ startsOn, endsOn }: { startsOn: string; endsOn: string | null }) {
  const { i18n, t } = useTranslation();
  const start = formatDate(startsOn, i18n.language);
  if (!endsOn || endsOn === startsOn) return <>{start}</>;
  return <>{t("events.dateRange", { start, end: formatDate(endsOn, i18n.language) })}</>;
}

export function EventPlace({ location, online }: { location: string | null; online: boolean }) {
  const { t } = useTranslation();
  if (location && online) return <>{t("events.placeAndOnline", { place: location })}</>;
  if (location) return <>{location}</>;
  return <>{online ? t("events.online") : t("events.noPlace")}</>;
}
