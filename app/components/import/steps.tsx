import { useTranslation } from "~/i18n/use-translation";

const STEPS = ["upload", "map", "preview", "done"] as const;
export type ImportStep = (typeof STEPS)[number];

/** Where the user is among the four steps. */
export function ImportSteps({ current }: { current: ImportStep }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("import.steps.label")} className="mt-3">
      <ol className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((step, i) => (
          <li
            key={step}
            aria-current={step === current ? "step" : undefined}
            className={`rounded px-3 py-1 ${
              step === current ? "bg-brand-50 font-semibold text-brand-800" : "text-slate-600"
            }`}
          >
            {i + 1}. {t(`import.steps.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
