import { useTranslation } from "~/i18n/use-translation";
import type { PreviewView } from "~/lib/import/preview-view";

/** The counts of the preview. */
export function PreviewSummary({ summary }: { summary: PreviewView["summary"] }) {
  const { t } = useTranslation();
  const keys = ["new", "update", "skip", "error"] as const;
  return (
    <dl aria-label={t("import.preview.summaryLabel")} className="mt-4 flex flex-wrap gap-3 text-sm">
      {keys.map((key) => (
        <div
          key={key}
          className={`rounded border px-3 py-2 ${
            key === "error" && summary.error > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"
          }`}
        >
          <dt className="text-slate-700">{t(`import.preview.${key}`)}</dt>
          <dd className="text-lg font-semibold" data-testid={`import-count-${key}`}>
            {summary[key]}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Every problem of the file: which row, which column, why. */
export function PreviewProblems({ problems, more }: { problems: PreviewView["problems"]; more: number }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <section aria-labelledby="import-errors" className="mt-6">
      <h2 id="import-errors" className="text-lg font-semibold text-red-800">
        {t("import.preview.errorsTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("import.preview.errorsIntro")}</p>
      <table className="mt-2 min-w-full text-sm" data-testid="import-problems">
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-1 pr-4">
              {t("import.preview.line")}
            </th>
            <th scope="col" className="py-1 pr-4">
              {t("import.preview.column")}
            </th>
            <th scope="col" className="py-1">
              {t("import.preview.why")}
            </th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={`${problem.line}-${problem.field}`} className="border-t border-slate-200">
              <td className="py-1 pr-4">{t("import.preview.row", { line: problem.line })}</td>
              <td className="py-1 pr-4">{problem.column ?? t("import.preview.noColumn")}</td>
              <td className="py-1">
                {t(problem.message as never, { ...problem.values, defaultValue: problem.message })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="mt-2 text-sm">{t("import.preview.moreErrors", { count: more })}</p> : null}
    </section>
  );
}
