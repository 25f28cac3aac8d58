// The partnership form, shared by /partnerships/new and /partnerships/:id/edit: the fields, their
// errors next to them, and the "changed by someone else" notice with the values now saved.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import {
  formalisations,
  levels,
  partnershipStatuses,
  type Formalisation,
  type Level,
  type PartnershipStatus,
} from "~/lib/enums";
import { createPartnershipInput, updatePartnershipInput } from "~/lib/validation/partnerships";
import { SelectField, TextAreaField } from "~/components/form";

/** The values someone else saved, shown when a save is refused as stale. */
export interface CurrentPartnershipValues {
  name: string;
  description: string | null;
  status: PartnershipStatus;
  startDate: string | null;
  endDate: string | null;
  scopeLevel: Level | null;
  countryCode: string | null;
  formalisation: Formalisation;
  governance: string | null;
  version: number;
}

/** What the form's fields hold, as Conform sees them. */
interface PartnershipFormShape {
  intent?: string;
  version?: number;
  name: string;
  description?: string;
  status: string;
  startDate?: string;
  endDate?: string;
  scopeLevel?: string;
  countryCode?: string;
  formalisation: string;
  governance?: string;
}

export function PartnershipForm({
  mode,
  lastResult,
  initial,
  current,
  reloadTo,
}: {
  mode: "create" | "update";
  lastResult: SubmissionResult<string[]> | undefined;
  initial: CurrentPartnershipValues | null;
  /** After a stale save: the values saved by someone else. */
  current?: CurrentPartnershipValues | null | undefined;
  reloadTo?: string;
}) {
  const { t } = useTranslation();
  const schema = mode === "create" ? createPartnershipInput : updatePartnershipInput;
  const [form, fields] = useForm<PartnershipFormShape>({
    id: `partnership-${mode}`,
    lastResult,
    defaultValue: initial
      ? {
          intent: mode === "update" ? "update" : undefined,
          version: initial.version,
          name: initial.name,
          description: initial.description ?? "",
          status: initial.status,
          startDate: initial.startDate ?? "",
          endDate: initial.endDate ?? "",
          scopeLevel: initial.scopeLevel ?? "",
          countryCode: initial.countryCode ?? "",
          formalisation: initial.formalisation,
          governance: initial.governance ?? "",
        }
      : { status: "exploring", formalisation: "informal" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onBlur",
  });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  const none = t("partnership.form.noChoice");
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      {current ? (
        <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("partnership.form.currentValues")}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt>{t("partnership.form.name")}</dt>
            <dd>{current.name}</dd>
            <dt>{t("partnership.form.status")}</dt>
            <dd>{t(`enums.partnershipStatus.${current.status}`)}</dd>
            <dt>{t("partnership.form.startDate")}</dt>
            <dd>{current.startDate ?? none}</dd>
            <dt>{t("partnership.form.endDate")}</dt>
            <dd>{current.endDate ?? none}</dd>
            <dt>{t("partnership.form.countryCode")}</dt>
            <dd>{current.countryCode ?? none}</dd>
            <dt>{t("partnership.form.formalisation")}</dt>
            <dd>{t(`enums.formalisation.${current.formalisation}`)}</dd>
            <dt>{t("partnership.form.governance")}</dt>
            <dd className="whitespace-pre-line">{current.governance ?? none}</dd>
            <dt>{t("partnership.form.description")}</dt>
            <dd className="whitespace-pre-line">{current.description ?? none}</dd>
          </dl>
          {reloadTo ? (
            <p className="mt-2">
              <Link to={reloadTo} reloadDocument className="text-brand-700 underline">
                {t("partnership.form.reload")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {mode === "update" ? <input type="hidden" name="intent" value="update" /> : null}
      {mode === "update" ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.name} label={t("partnership.form.name")} focusOnLoad={mode === "create"} />
      <TextAreaField field={fields.description} label={t("partnership.form.description")} rows={5} />
      <SelectField
        field={fields.status}
        label={t("partnership.form.status")}
        hint={t("partnership.form.statusHint")}
        options={partnershipStatuses.map((value) => ({
          value,
          label: t(`enums.partnershipStatus.${value}`),
        }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.startDate} label={t("partnership.form.startDate")} type="date" />
        <TextField field={fields.endDate} label={t("partnership.form.endDate")} type="date" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          field={fields.scopeLevel}
          label={t("partnership.form.scopeLevel")}
          emptyLabel={none}
          options={levels.map((value) => ({ value, label: t(`enums.level.${value}`) }))}
        />
        <TextField
          field={fields.countryCode}
          label={t("partnership.form.countryCode")}
          hint={t("partnership.form.countryHint")}
        />
      </div>
      <SelectField
        field={fields.formalisation}
        label={t("partnership.form.formalisation")}
        options={formalisations.map((value) => ({ value, label: t(`enums.formalisation.${value}`) }))}
      />
      <TextAreaField
        field={fields.governance}
        label={t("partnership.form.governance")}
        hint={t("partnership.form.governanceHint")}
      />
      <SubmitButton pendingLabel={t("partnership.form.pending")}>
        {mode === "create" ? t("partnership.form.create") : t("partnership.form.save")}
      </SubmitButton>
    </Form>
  );
}
