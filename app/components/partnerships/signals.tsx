// The four partnership signals: compact badges for lists and headers (with the explanation as
// accessible text and tooltip), and the full list with one sentence each for the overview.
import { useTranslation } from "~/i18n/use-translation";
import type { PartnershipSignals, Signal, SignalLevel } from "~/lib/signals";

type SignalKey = keyof PartnershipSignals;

const names = {
  trust: "signals.trust",
  powerImbalance: "signals.power",
  exposure: "signals.exposure",
  clarity: "signals.clarity",
} as const satisfies Record<SignalKey, string>;

const order: SignalKey[] = ["trust", "powerImbalance", "exposure", "clarity"];

const tone: Record<SignalLevel | "flagged", string> = {
  none: "bg-slate-50 text-slate-600 ring-slate-200",
  low: "bg-slate-50 text-slate-800 ring-slate-300",
  medium: "bg-amber-50 text-amber-900 ring-amber-200",
  high: "bg-slate-50 text-slate-800 ring-slate-300",
  flagged: "bg-red-50 text-red-800 ring-red-200",
};

function useSignalText() {
  const { t } = useTranslation();
  return (key: SignalKey, signal: Signal<number>) => {
    const base = names[key];
    const value =
      signal.value === null
        ? t("signals.notAvailable")
        : t(`${base}.value` as "signals.trust.value", {
            value: key === "clarity" ? Math.round(signal.value * 100) : signal.value,
          });
    const why = t(signal.why.key as "signals.trust.why.none", signal.why.values);
    return {
      name: t(`${base}.name` as "signals.trust.name"),
      short: t(`${base}.short` as "signals.trust.short"),
      value,
      why,
    };
  };
}

/** One small badge per signal; flagged ones stand out, and say so in words. */
export function SignalBadges({ signals }: { signals: PartnershipSignals }) {
  const { t } = useTranslation();
  const text = useSignalText();
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t("signals.label")}>
      {order.map((key) => {
        const signal = signals[key];
        const { name, short, value, why } = text(key, signal);
        const label = t(signal.flagged ? "signals.badgeFlagged" : "signals.badge", { name, value });
        return (
          <li key={key}>
            <span
              title={why}
              className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${
                tone[signal.flagged ? "flagged" : signal.level]
              }`}
            >
              <span aria-hidden="true">
                {signal.flagged ? "! " : ""}
                {short} {value}
              </span>
              <span className="sr-only">
                {label}. {why}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Each signal with its value and the one sentence that explains it. */
export function SignalList({ signals }: { signals: PartnershipSignals }) {
  const { t } = useTranslation();
  const text = useSignalText();
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {order.map((key) => {
        const signal = signals[key];
        const { name, value, why } = text(key, signal);
        return (
          <div
            key={key}
            className={`rounded-lg border p-3 ${signal.flagged ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}
          >
            <dt className="text-sm text-slate-700">
              {name}
              {signal.flagged ? (
                <span className="ml-2 font-semibold text-red-800">{t("signals.flagged")}</span>
              ) : null}
            </dt>
            <dd className="mt-1">
              <span className="text-lg font-semibold tabular-nums">{value}</span>
              <p className="mt-1 text-sm text-slate-700">{why}</p>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
