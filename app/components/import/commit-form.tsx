import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import type { ImportSummary } from "~/lib/import/organisation-plan";
import { BusyStatus, StepButton } from "./busy-status";

/** Step 4: the commit, allowed with errors only when "skip the rows with errors" is ticked. */
export function CommitForm({
  batchId,
  summary,
  error,
}: {
  batchId: string;
  summary: ImportSummary;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-8 space-y-3 rounded border border-slate-200 bg-white p-4">
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-700">
          {t(error as never, { defaultValue: error })}
        </p>
      ) : summary.error > 0 ? (
        <p className="text-sm text-slate-700">{t("import.preview.blocked")}</p>
      ) : null}
      {summary.error > 0 ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="skipErrors" value="on" />
          {t("import.preview.skipErrors")}
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <StepButton intent="commit" pendingLabel={t("import.preview.busy")}>
          {t("import.preview.commit")}
        </StepButton>
        <Link to={`/import/${batchId}?step=map`} className="text-sm text-brand-700 underline">
          {t("import.preview.changeMapping")}
        </Link>
        <Link to="/import" className="text-sm text-brand-700 underline">
          {t("import.preview.uploadAgain")}
        </Link>
      </div>
      <BusyStatus intent="commit" label={t("import.preview.busy")} />
    </Form>
  );
}
