import { useTranslation } from "~/i18n/use-translation";
import type { PilotStatus } from "~/lib/enums";

const tone: Record<PilotStatus, string> = {
  planned: "bg-sky-50 text-sky-800 ring-sky-200",
  running: "bg-brand-50 text-brand-800 ring-brand-100",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  completed: "bg-slate-100 text-slate-800 ring-slate-300",
  stopped: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function PilotStatusBadge({ status }: { status: PilotStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {t(`enums.pilotStatus.${status}`)}
    </span>
  );
}
