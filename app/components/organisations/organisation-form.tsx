// The organisation form, shared by /organisations/new and /organisations/:id/edit: the fields, the
// near-duplicate warning with its "Save anyway" button, and the "changed by someone else" notice.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import {
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { levels, organisationTypes, type Level, type OrganisationType } from "~/lib/enums";
import type { z } from "zod";

export interface Option {
  id: string;
  name: string;
}

export interface SimilarOrganisationView {
  id: string;
  name: string;
  acronym: string | null;
  countryCode: string | null;
}

/** The values someone else saved, shown when a save is refused as stale. */
export interface CurrentOrganisationValues {
  name: string;
  acronym: string | null;
  type: OrganisationType;
  level: Level;
  countryCode: string | null;
  website: string | null;
  version: number;
}

export interface OrganisationFormAnswer {
  result: SubmissionResult<string[]>;
  similar?: SimilarOrganisationView[] | null;
  current?: CurrentOrganisationValues | null;
  /** The parent organisation a refused form had picked (named in the picker). */
  chosen?: PickerOption[];
}

/** What the form's fields hold, as Conform sees them. */
interface OrganisationFormShape {
  intent: string;
  version?: number;
  name: string;
  acronym?: string;
  type: string;
  level: string;
  countryCode?: string;
  municipalityId?: string;
  parentOrganisationId?: string;
  mandate?: string;
  description?: string;
  website?: string;
  confirmDuplicate?: boolean;
}

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";

export function SelectField({
  field,
  label,
  children,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  children: React.ReactNode;
}) {
  const props = getSelectProps(field, { ariaAttributes: true });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select {...props} key={props.key} className={inputClass}>
        {children}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({ field, label }: { field: FieldMetadata<string | undefined>; label: string }) {
  const props = getTextareaProps(field, { ariaAttributes: true });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={4} className={inputClass} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function OrganisationForm({
  schema,
  answer,
  defaultValue,
  organisations,
  self,
  municipalities,
  submitLabel,
  reloadTo,
}: {
  schema: z.ZodType;
  answer: OrganisationFormAnswer | undefined;
  defaultValue: Record<string, string>;
  /** The parent organisation's choices: all of them, or a search (with the current parent's name). */
  organisations: PickerChoices;
  /** The organisation being edited: never its own parent. */
  self?: string;
  municipalities: readonly (Option & { countryCode: string })[];
  submitLabel: string;
  /** Where "reload" goes after a stale save (the edit page). */
  reloadTo?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<OrganisationFormShape>({
    id: "organisation",
    lastResult: answer?.result,
    defaultValue,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: schema as z.ZodType<OrganisationFormShape> }),
    shouldRevalidate: "onBlur",
  });
  const versionProps = "version" in defaultValue ? getInputProps(fields.version, { type: "hidden" }) : null;
  const similar = answer?.similar ?? [];
  const current = answer?.current;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      {current ? (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("organisation.form.currentValues")}</p>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt>{t("organisation.fields.name")}</dt>
            <dd>{current.name}</dd>
            <dt>{t("organisation.fields.acronym")}</dt>
            <dd>{current.acronym ?? t("common.none")}</dd>
            <dt>{t("organisation.fields.type")}</dt>
            <dd>{t(`enums.organisationType.${current.type}`)}</dd>
            <dt>{t("organisation.fields.level")}</dt>
            <dd>{t(`enums.level.${current.level}`)}</dd>
            <dt>{t("organisation.fields.countryCode")}</dt>
            <dd>{current.countryCode ?? t("common.international")}</dd>
            <dt>{t("organisation.fields.website")}</dt>
            <dd>{current.website ?? t("common.none")}</dd>
          </dl>
          {reloadTo ? (
            <p className="mt-2">
              <Link to={reloadTo} reloadDocument className="text-brand-700 underline">
                {t("organisation.form.reload")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {similar.length > 0 ? (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("organisation.duplicate.title")}</p>
          <p className="mt-1">{t("organisation.duplicate.intro")}</p>
          <ul className="mt-2 list-disc pl-5">
            {similar.map((other) => (
              <li key={other.id}>
                <Link to={`/organisations/${other.id}`} className="text-brand-700 underline">
                  {other.acronym ? `${other.name} (${other.acronym})` : other.name}
                </Link>{" "}
                {other.countryCode ?? t("common.international")}
              </li>
            ))}
          </ul>
          <button
            type="submit"
            name="confirmDuplicate"
            value="on"
            className="mt-3 rounded border border-amber-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-amber-100"
          >
            {t("organisation.duplicate.saveAnyway")}
          </button>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="save" />
      {versionProps ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.name} label={t("organisation.fields.name")} autoComplete="off" />
      <TextField field={fields.acronym} label={t("organisation.fields.acronym")} autoComplete="off" />
      <SelectField field={fields.type} label={t("organisation.fields.type")}>
        {organisationTypes.map((value) => (
          <option key={value} value={value}>
            {t(`enums.organisationType.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.level} label={t("organisation.fields.level")}>
        {levels.map((value) => (
          <option key={value} value={value}>
            {t(`enums.level.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        field={fields.countryCode}
        label={t("organisation.fields.countryCode")}
        hint={t("organisation.fields.countryCodeHint")}
        autoComplete="off"
      />
      <SelectField field={fields.municipalityId} label={t("organisation.fields.municipality")}>
        <option value="">{t("common.none")}</option>
        {municipalities.map((m) => (
          <option key={m.id} value={m.id}>
            {`${m.name} (${m.countryCode})`}
          </option>
        ))}
      </SelectField>
      {organisations.mode === "select" ? (
        <SelectField field={fields.parentOrganisationId} label={t("organisation.fields.parent")}>
          <option value="">{t("common.none")}</option>
          {organisations.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.acronym ? `${o.name} (${o.acronym})` : o.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <OrganisationCombobox
          field={fields.parentOrganisationId}
          label={t("organisation.fields.parent")}
          known={[...organisations.known, ...(answer?.chosen ?? [])]}
          exclude={self}
          className={inputClass}
        />
      )}
      <TextAreaField field={fields.mandate} label={t("organisation.fields.mandate")} />
      <TextAreaField field={fields.description} label={t("organisation.fields.description")} />
      <TextField field={fields.website} label={t("organisation.fields.website")} type="url" />
      <SubmitButton pendingLabel={t("organisation.form.pending")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
