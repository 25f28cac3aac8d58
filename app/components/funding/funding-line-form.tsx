// The funding-line form, shared by a partnership's and a pilot's funding pages. Works without
// JavaScript; with it, Conform validates with the same zod schema as the server.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { SelectField, TextField } from "~/components/form";
import {
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { CheckboxField, CheckboxGroup, NumberField } from "~/components/records/fields";
import { RecordForm } from "~/components/records/record-tab";
import { fundingSources, fundingStages, outcomePathways, type OutcomePathway } from "~/lib/enums";
import { fundingLineInput } from "~/lib/validation/partnership-records";

export interface FundingLineDefaults {
  id: string;
  version: number;
  source: string;
  reference: string | null;
  funderOrganisationId: string | null;
  recipientOrganisationId: string | null;
  amount: string | null;
  currency: string;
  cofinancingRate: number | null;
  startsOn: string | null;
  endsOn: string | null;
  stage: string;
  pathwaysCovered: readonly OutcomePathway[];
  voluntaryReturnOnly: boolean;
}

function optionsOf(organisations: readonly PickerOption[]) {
  return organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name }));
}

export function FundingLineForm({
  line,
  lastResult,
  funders,
  recipients,
  chosen,
  cancelHref,
}: {
  /** The line being edited, or null to add one. */
  line: FundingLineDefaults | null;
  lastResult: SubmissionResult<string[]> | undefined;
  /**
   * Every organisation that may fund (a select), or above the organisation picker's threshold none
   * but the names the form holds (a searching combobox); the same for recipients, unless they are
   * a partnership's members (always a select).
   */
  funders: PickerChoices;
  recipients: PickerChoices;
  /** The organisations a refused save had picked (named in the combobox). */
  chosen: readonly PickerOption[] | undefined;
  /** Where "cancel" leads when editing. */
  cancelHref: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: line ? `funding-line-${line.id}` : "funding-line-new",
    lastResult,
    defaultValue: line
      ? {
          id: line.id,
          version: String(line.version),
          source: line.source,
          reference: line.reference ?? "",
          funderOrganisationId: line.funderOrganisationId ?? "",
          recipientOrganisationId: line.recipientOrganisationId ?? "",
          amount: line.amount ?? "",
          currency: line.currency,
          cofinancingRate: line.cofinancingRate === null ? "" : String(line.cofinancingRate),
          startsOn: line.startsOn ?? "",
          endsOn: line.endsOn ?? "",
          stage: line.stage,
          pathwaysCovered: [...line.pathwaysCovered],
          voluntaryReturnOnly: line.voluntaryReturnOnly ? "on" : undefined,
        }
      : { source: "amif", currency: "EUR", stage: "proposal" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fundingLineInput }),
    shouldRevalidate: "onBlur",
  });
  return (
    <RecordForm form={form} fields={fields} editing={line !== null} words="funding" cancelHref={cancelHref}>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          field={fields.source}
          label={t("funding.fields.source")}
          options={fundingSources.map((s) => ({ value: s, label: t(`enums.fundingSource.${s}`) }))}
        />
        <TextField
          field={fields.reference}
          label={t("funding.fields.reference")}
          hint={t("funding.hints.reference")}
        />
        {funders.mode === "select" ? (
          <SelectField
            field={fields.funderOrganisationId}
            label={t("funding.fields.funder")}
            options={optionsOf(funders.options)}
            emptyLabel={t("funding.none")}
          />
        ) : (
          <OrganisationCombobox
            field={fields.funderOrganisationId}
            label={t("funding.fields.funder")}
            known={[...funders.known, ...(chosen ?? [])]}
          />
        )}
        {recipients.mode === "select" ? (
          <SelectField
            field={fields.recipientOrganisationId}
            label={t("funding.fields.recipient")}
            hint={t("funding.hints.recipient")}
            options={optionsOf(recipients.options)}
            emptyLabel={t("funding.none")}
          />
        ) : (
          // Any organisation (a pilot outside a partnership): the members' hint does not apply.
          <OrganisationCombobox
            field={fields.recipientOrganisationId}
            label={t("funding.fields.recipient")}
            known={[...recipients.known, ...(chosen ?? [])]}
          />
        )}
        <TextField
          field={fields.amount}
          label={t("funding.fields.amount")}
          hint={t("funding.hints.amount")}
        />
        <TextField
          field={fields.currency}
          label={t("funding.fields.currency")}
          hint={t("funding.hints.currency")}
        />
        <NumberField
          field={fields.cofinancingRate}
          label={t("funding.fields.cofinancingRate")}
          hint={t("funding.hints.cofinancingRate")}
        />
        <SelectField
          field={fields.stage}
          label={t("funding.fields.stage")}
          options={fundingStages.map((s) => ({ value: s, label: t(`enums.fundingStage.${s}`) }))}
        />
        <TextField field={fields.startsOn} type="date" label={t("funding.fields.startsOn")} />
        <TextField field={fields.endsOn} type="date" label={t("funding.fields.endsOn")} />
      </div>
      <CheckboxGroup
        field={fields.pathwaysCovered}
        legend={t("funding.fields.pathwaysCovered")}
        options={outcomePathways.map((p) => ({ value: p, label: t(`enums.outcomePathway.${p}`) }))}
      />
      <CheckboxField
        field={fields.voluntaryReturnOnly}
        label={t("funding.fields.voluntaryReturnOnly")}
        hint={t("funding.hints.voluntaryReturnOnly")}
      />
    </RecordForm>
  );
}
