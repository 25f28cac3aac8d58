// The quarterly health check a member organisation answers for a partnership: respondent, period,
// a score of 1 to 5 per dimension, a comment. Conform keeps what was typed when the save is refused.
import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { ErrorList, FormErrors, SubmitButton } from "~/components/form";
import { useTranslation } from "~/i18n/use-translation";
import { healthDimensions, type HealthDimension } from "~/lib/enums";
import { healthCheckInput } from "~/lib/validation/risk-health";
import type { OrganisationOption } from "~/models/health-checks.server";

/** What the health page's action answers. */
export interface HealthCheckAnswer {
  result: SubmissionResult<string[]>;
  /** What was done (an i18n key). */
  notice: string | null;
}

export function HealthCheckForm({
  respondents,
  periods,
  currentPeriod,
  answer,
}: {
  respondents: OrganisationOption[];
  periods: string[];
  currentPeriod: string;
  answer: HealthCheckAnswer | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "health-check",
    lastResult: answer?.result,
    defaultValue: {
      respondentOrganisationId: respondents.length === 1 ? respondents[0]?.id : "",
      period: currentPeriod,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: healthCheckInput }),
    shouldRevalidate: "onInput",
  });
  const selectClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  return (
    <section aria-labelledby="health-form-heading" className="max-w-2xl">
      <h2 id="health-form-heading" className="text-lg font-semibold">
        {t("partnership.health.form.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.health.form.hint")}</p>
      {answer?.notice ? (
        <p
          role="status"
          className="mt-3 rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800"
        >
          {t(answer.notice as "partnership.health.form.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <div className="grid grid-cols-2 gap-4">
          <div>
            <label
              htmlFor={fields.respondentOrganisationId.id}
              className="block text-sm font-medium text-slate-800"
            >
              {t("partnership.health.fields.respondent")}
            </label>
            <select
              {...getSelectProps(fields.respondentOrganisationId)}
              key={fields.respondentOrganisationId.key}
              className={selectClass}
            >
              {respondents.length > 1 ? (
                <option value="">{t("partnership.health.form.choose")}</option>
              ) : null}
              {respondents.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
            <ErrorList
              id={fields.respondentOrganisationId.errorId}
              errors={fields.respondentOrganisationId.errors}
            />
          </div>
          <div>
            <label htmlFor={fields.period.id} className="block text-sm font-medium text-slate-800">
              {t("partnership.health.period")}
            </label>
            <select {...getSelectProps(fields.period)} key={fields.period.key} className={selectClass}>
              {periods.map((period) => (
                <option key={period} value={period}>
                  {period}
                </option>
              ))}
            </select>
            <ErrorList id={fields.period.errorId} errors={fields.period.errors} />
          </div>
        </div>
        {healthDimensions.map((dimension) => (
          <ScoreRadios key={dimension} dimension={dimension} field={fields[dimension]} />
        ))}
        <div>
          <label htmlFor={fields.comment.id} className="block text-sm font-medium text-slate-800">
            {t("partnership.health.fields.comment")}
          </label>
          <textarea
            {...getTextareaProps(fields.comment)}
            key={fields.comment.key}
            rows={3}
            className={selectClass}
          />
          <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        <SubmitButton pendingLabel={t("partnership.health.form.pending")}>
          {t("partnership.health.form.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function ScoreRadios({
  dimension,
  field,
}: {
  dimension: HealthDimension;
  field: {
    id: string;
    name: string;
    errorId: string;
    errors?: string[] | undefined;
    initialValue?: unknown;
    key?: string | undefined;
  };
}) {
  const { t } = useTranslation();
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? field.errorId : undefined}
      className="rounded border border-slate-200 p-3"
    >
      <legend className="px-1 text-sm font-medium text-slate-800">
        {t(`enums.healthDimension.${dimension}`)}
      </legend>
      <div className="flex flex-wrap gap-4" key={field.key}>
        {[1, 2, 3, 4, 5].map((score) => (
          <label key={score} className="inline-flex items-center gap-1 text-sm">
            <input
              type="radio"
              name={field.name}
              value={score}
              defaultChecked={field.initialValue === String(score)}
            />
            {t("partnership.health.form.score", { score })}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
