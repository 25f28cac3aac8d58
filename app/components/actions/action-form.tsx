// Add or edit a follow-up action (zod + Conform: errors next to the fields, entered values kept).
// For quick entry the title comes first and Enter saves; after a save the page comes back with an
// empty form and the focus in the title again, so several commitments can be typed in a row.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import {
  ChoiceField,
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { actionStatuses } from "~/lib/enums";
import { actionInput } from "~/lib/validation/actions";
import type { ActionRowView } from "./action-table";

export interface ActionFormOptions {
  /** Every organisation (a select), or above the organisation picker's threshold only the names the form holds. */
  organisations: PickerChoices;
  users: {
    id: string;
    name: string;
    organisationId: string | null;
    /** The user's organisation, when current (named in the label without the organisations' list). */
    organisationName?: string | null;
    organisationAcronym?: string | null;
  }[];
  /** Every partnership and pilot (selects), or above the picker's threshold only the ones the form holds. */
  partnerships: PickerChoices;
  pilots: PickerChoices;
}

/** The records a refused save had picked, named in the pickers. */
export interface ActionFormChosen {
  organisations: readonly PickerOption[];
  partnerships: readonly PickerOption[];
  pilots: readonly PickerOption[];
}

export function ActionForm({
  action,
  options,
  lastResult,
  today,
  cancelHref,
  defaultOwnerId,
  chosen,
  focusTitle,
}: {
  action: ActionRowView | null;
  options: ActionFormOptions;
  lastResult: SubmissionResult<string[]> | undefined;
  today: string;
  cancelHref: string;
  /** The owner of the previous entry: the next one is often the same organisation's. */
  defaultOwnerId: string | null;
  /** The records a refused save had picked (named in the pickers). */
  chosen?: ActionFormChosen;
  /** Put the focus in the title when the form appears (after a quick-entry save). */
  focusTitle: boolean;
}) {
  const { t } = useTranslation();
  const schema = actionInput(today);
  const [form, fields] = useForm({
    // Not "action-<id>": that is the table row's id (the #action-<id> links); a second element with
    // it would take the fields' form="..." away from this form.
    id: action ? `action-edit-${action.id}` : "action-new",
    lastResult,
    defaultValue: action
      ? {
          id: action.id,
          version: String(action.version),
          title: action.title,
          description: action.description ?? "",
          ownerOrganisationId: action.ownerOrganisationId ?? "",
          ownerUserId: action.ownerUserId ?? "",
          dueOn: action.dueOn ?? "",
          status: action.status,
          doneOn: action.doneOn ?? "",
          partnershipId: action.partnershipId ?? "",
          pilotId: action.pilotId ?? "",
          organisationId: action.organisationId ?? "",
        }
      : { status: "open", ownerOrganisationId: defaultOwnerId ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const titleId = fields.title.id;
  useEffect(() => {
    if (focusTitle) document.getElementById(titleId)?.focus();
  }, [focusTitle, titleId]);
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  const none = t("actions.form.none");
  const choices = options.organisations;
  const orgOptions =
    choices.mode === "select"
      ? choices.options.map((o) => ({ value: o.id, label: o.acronym ?? o.name }))
      : [];
  const known = choices.mode === "search" ? [...choices.known, ...(chosen?.organisations ?? [])] : [];
  const orgName = new Map([
    ...orgOptions.map((o) => [o.value, o.label] as const),
    ...known.map((o) => [o.id, o.acronym ?? o.name] as const),
  ]);
  const userOptions = options.users.map((u) => ({
    value: u.id,
    label: `${u.name} (${(u.organisationId && orgName.get(u.organisationId)) ?? u.organisationAcronym ?? u.organisationName ?? none})`,
  }));
  // Details open when editing, or when one of them holds an error.
  const detailsOpen =
    action !== null ||
    [
      fields.description,
      fields.ownerUserId,
      fields.status,
      fields.doneOn,
      fields.partnershipId,
      fields.pilotId,
      fields.organisationId,
    ].some((f) => (f.errors?.length ?? 0) > 0);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {action ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
        <TextField field={fields.title} label={t("actions.fields.title")} />
        {choices.mode === "select" ? (
          <SelectField
            field={fields.ownerOrganisationId}
            label={t("actions.fields.ownerOrganisation")}
            options={orgOptions}
            emptyLabel={t("actions.form.chooseOwner")}
          />
        ) : (
          <OrganisationCombobox
            field={fields.ownerOrganisationId}
            label={t("actions.fields.ownerOrganisation")}
            known={known}
          />
        )}
        <TextField field={fields.dueOn} type="date" label={t("actions.fields.dueOn")} />
      </div>
      <details open={detailsOpen} className="rounded border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">{t("actions.form.more")}</summary>
        <div className="mt-3 space-y-4">
          <TextAreaField field={fields.description} label={t("actions.fields.description")} rows={2} />
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              field={fields.ownerUserId}
              label={t("actions.fields.ownerUser")}
              options={userOptions}
              emptyLabel={none}
            />
            <SelectField
              field={fields.status}
              label={t("actions.fields.status")}
              options={actionStatuses.map((s) => ({ value: s, label: t(`actions.status.${s}`) }))}
            />
            <TextField
              field={fields.doneOn}
              type="date"
              label={t("actions.fields.doneOn")}
              hint={t("actions.hints.doneOn")}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <ChoiceField
              kind="partnership"
              field={fields.partnershipId}
              label={t("actions.fields.partnership")}
              choices={options.partnerships}
              chosen={chosen?.partnerships}
              emptyLabel={none}
            />
            <ChoiceField
              kind="pilot"
              field={fields.pilotId}
              label={t("actions.fields.pilot")}
              choices={options.pilots}
              chosen={chosen?.pilots}
              emptyLabel={none}
            />
            {choices.mode === "select" ? (
              <SelectField
                field={fields.organisationId}
                label={t("actions.fields.organisation")}
                options={orgOptions}
                emptyLabel={none}
              />
            ) : (
              <OrganisationCombobox
                field={fields.organisationId}
                label={t("actions.fields.organisation")}
                known={known}
              />
            )}
          </div>
        </div>
      </details>
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("actions.form.pending")}>
          {action ? t("actions.form.save") : t("actions.form.add")}
        </SubmitButton>
        {action ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t("actions.form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
