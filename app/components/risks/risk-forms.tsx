// The risk register's forms (a partnership's risks tab, coordinators only): add or edit a risk
// (Conform, validated by riskInput on both sides, with the "changed by someone else" values after
// a stale save) and restore an archived one. The loader and action are
// app/routes/partnerships.$id.risks.tsx's.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { useTranslation } from "~/i18n/use-translation";
import { riskCategories, riskStatuses } from "~/lib/enums";
import { riskInput } from "~/lib/validation/risk-health";
import type { RiskDetail } from "~/models/confidential.server";
import type { OrganisationOption } from "~/models/health-checks.server";
import type { ArchivedRisk, Risk } from "~/models/risks.server";

/** The action's answer to a refused save, as the form shows it. */
export interface RiskFormAnswer {
  result: SubmissionResult<string[]> | null;
  current: Risk | null;
}

/** The archived risks, each with its restore button (a form of its own). */
export function ArchivedRisks({ risks }: { risks: ArchivedRisk[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-archived-heading">
      <h2 id="risk-archived-heading" className="text-lg font-semibold">
        {t("partnership.risks.archived.title")}
      </h2>
      <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {risks.map((risk) => (
          <li key={risk.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
            <span>
              {risk.title}
              <span className="text-slate-600">
                {t("audit.history.separator")}
                {t(`enums.riskCategory.${risk.category}`)}
              </span>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="id" value={risk.id} />
              <input type="hidden" name="version" value={risk.version} />
              <button
                type="submit"
                className="text-brand-700 underline"
                aria-label={t("partnership.risks.archived.restoreLabel", { title: risk.title })}
              >
                {t("partnership.risks.archived.restore")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The form that adds a risk (`risk` null) or edits one; `answer` is a refused save's. */
export function RiskForm({
  risk,
  owners,
  answer,
}: {
  risk: RiskDetail | null;
  owners: OrganisationOption[];
  answer: RiskFormAnswer | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    // Not "risk-<id>": that is the register row's id (the #risk-<id> links); a second element with
    // it would take the fields' form="..." away from this form.
    id: risk ? `risk-edit-${risk.id}` : "risk-new",
    lastResult: answer?.result ?? undefined,
    defaultValue: risk
      ? {
          id: risk.id,
          version: String(risk.version),
          category: risk.category,
          title: risk.title,
          description: risk.description ?? "",
          likelihood: String(risk.likelihood),
          impact: String(risk.impact),
          ownerOrganisationId: risk.ownerOrganisationId ?? "",
          mitigation: risk.mitigation ?? "",
          status: risk.status,
          reviewOn: risk.reviewOn ?? "",
        }
      : { status: "open", likelihood: "3", impact: "3" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: riskInput }),
    shouldRevalidate: "onInput",
  });
  const current = answer?.current ?? null;
  const selectClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  const textareaClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      {current ? (
        <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("partnership.risks.errors.currentValues")}</p>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
            <dt>{t("partnership.risks.fields.title")}</dt>
            <dd>{current.title}</dd>
            <dt>{t("partnership.risks.fields.category")}</dt>
            <dd>{t(`enums.riskCategory.${current.category}`)}</dd>
            <dt>{t("partnership.risks.fields.likelihood")}</dt>
            <dd>{current.likelihood}</dd>
            <dt>{t("partnership.risks.fields.impact")}</dt>
            <dd>{current.impact}</dd>
            <dt>{t("partnership.risks.fields.status")}</dt>
            <dd>{t(`enums.riskStatus.${current.status}`)}</dd>
            <dt>{t("partnership.risks.fields.mitigation")}</dt>
            <dd className="whitespace-pre-line">{current.mitigation ?? t("common.none")}</dd>
          </dl>
          <p className="mt-2">
            <Link
              to={current.archivedAt ? "." : `?edit=${current.id}#risk-edit-heading`}
              reloadDocument
              className="text-brand-700 underline"
            >
              {t("partnership.risks.errors.reload")}
            </Link>
          </p>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="save" />
      {risk ? <input {...idProps} key={idProps.key} /> : null}
      {risk ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.title} label={t("partnership.risks.fields.title")} />
      <div>
        <label htmlFor={fields.category.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.category")}
        </label>
        <select {...getSelectProps(fields.category)} key={fields.category.key} className={selectClass}>
          <option value="">{t("partnership.risks.form.choose")}</option>
          {riskCategories.map((category) => (
            <option key={category} value={category}>
              {t(`enums.riskCategory.${category}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.category.errorId} errors={fields.category.errors} />
      </div>
      <div>
        <label htmlFor={fields.description.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.description")}
        </label>
        <textarea
          {...getTextareaProps(fields.description)}
          key={fields.description.key}
          rows={3}
          className={textareaClass}
        />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <ScoreSelect field={fields.likelihood} label={t("partnership.risks.fields.likelihood")} />
        <ScoreSelect field={fields.impact} label={t("partnership.risks.fields.impact")} />
      </div>
      <div>
        <label htmlFor={fields.ownerOrganisationId.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.owner")}
        </label>
        <select
          {...getSelectProps(fields.ownerOrganisationId)}
          key={fields.ownerOrganisationId.key}
          className={selectClass}
        >
          <option value="">{t("partnership.risks.form.noOwner")}</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
        <ErrorList id={fields.ownerOrganisationId.errorId} errors={fields.ownerOrganisationId.errors} />
      </div>
      <div>
        <label htmlFor={fields.mitigation.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.mitigation")}
        </label>
        <textarea
          {...getTextareaProps(fields.mitigation)}
          key={fields.mitigation.key}
          rows={3}
          className={textareaClass}
        />
        <ErrorList id={fields.mitigation.errorId} errors={fields.mitigation.errors} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <div>
          <label htmlFor={fields.status.id} className="block text-sm font-medium text-slate-800">
            {t("partnership.risks.fields.status")}
          </label>
          <select {...getSelectProps(fields.status)} key={fields.status.key} className={selectClass}>
            {riskStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`enums.riskStatus.${status}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
        </div>
        <TextField field={fields.reviewOn} type="date" label={t("partnership.risks.fields.reviewOn")} />
      </div>
      <SubmitButton pendingLabel={t("partnership.risks.form.pending")}>
        {risk ? t("partnership.risks.form.saveEdit") : t("partnership.risks.form.saveNew")}
      </SubmitButton>
    </Form>
  );
}

/** A 1-5 score (likelihood or impact) as a select. */
function ScoreSelect({ field, label }: { field: Parameters<typeof getSelectProps>[0]; label: string }) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...getSelectProps(field)}
        key={field.key}
        className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
      >
        {[1, 2, 3, 4, 5].map((score) => (
          <option key={score} value={score}>
            {score}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
