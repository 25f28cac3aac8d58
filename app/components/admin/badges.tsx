import { useTranslation } from "~/i18n/use-translation";
import { dateTimeFormat } from "~/lib/format";

const badge = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

export function UserStatusBadge({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return disabled ? (
    <span className={`${badge} bg-slate-100 text-slate-700 ring-slate-300`}>
      {t("admin.users.status.disabled")}
    </span>
  ) : (
    <span className={`${badge} bg-brand-50 text-brand-800 ring-brand-100`}>
      {t("admin.users.status.active")}
    </span>
  );
}

export function InvitationStatusBadge({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  return expired ? (
    <span className={`${badge} bg-slate-100 text-slate-700 ring-slate-300`}>
      {t("admin.users.invitations.expired")}
    </span>
  ) : (
    <span className={`${badge} bg-sky-50 text-sky-800 ring-sky-200`}>
      {t("admin.users.invitations.pending")}
    </span>
  );
}

/** A moment in the reader's language, in UTC so the server and the browser render the same text. */
export function DateTime({ value }: { value: Date }) {
  const { i18n } = useTranslation();
  const text = dateTimeFormat(i18n.language, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(value);
  return <time dateTime={value.toISOString()}>{text}</time>;
}
