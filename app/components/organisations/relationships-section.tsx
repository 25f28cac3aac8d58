// The organisation page's relationships section (direct links outside any partnership, Net-Map
// style): the list, and for coordinators the add, edit and archive forms. Moved out of
// routes/organisations.$id.tsx, which keeps the loader and the action that answer these forms.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import {
  OrganisationCombobox,
  type PickerChoices,
  type PickerOption,
} from "~/components/organisation-picker";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { SelectField, TextAreaField } from "~/components/organisations/organisation-form";
import { relationshipTypes } from "~/lib/enums";
import { relationshipInput } from "~/lib/validation/organisations";
import type { RelationshipView } from "~/models/relationships.server";

/** What the page's action answered, as far as the relationship forms are concerned. */
export interface RelationshipAnswer {
  intent: string | null;
  result: SubmissionResult<string[]> | null;
  relationshipId: string | null;
  error: string | null;
  /** The organisation a refused form had picked (named in the picker). */
  chosen?: PickerOption[];
}

const secondaryButton =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100";

export function RelationshipsSection({
  organisationId,
  relationships,
  canEdit,
  choices,
  answer,
  day,
}: {
  organisationId: string;
  relationships: RelationshipView[];
  canEdit: boolean;
  choices: PickerChoices;
  answer: RelationshipAnswer | undefined;
  day: (value: string | null) => string;
}) {
  const { t } = useTranslation();
  const archiveError = answer?.intent === "archiveRelationship" ? answer.error : null;
  return (
    <section className="mt-8" aria-labelledby="relationships-heading">
      <h2 id="relationships-heading" className="text-lg font-semibold">
        {t("relationships.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("relationships.intro")}</p>
      {archiveError ? (
        <div className="mt-3">
          <FormErrors errors={[archiveError]} />
        </div>
      ) : null}
      {relationships.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("relationships.empty")}</EmptyState>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {relationships.map((relationship) => (
            <li key={relationship.id} className="px-4 py-2">
              <p>
                {t(`relationships.${relationship.direction}.${relationship.type}`)}{" "}
                <Link to={`/organisations/${relationship.other.id}`} className="text-brand-700 underline">
                  {relationship.other.name}
                </Link>
                {relationship.startsOn || relationship.endsOn ? (
                  <span className="ml-2 text-slate-600">
                    {t("relationships.period", {
                      from: day(relationship.startsOn),
                      to: day(relationship.endsOn),
                    })}
                  </span>
                ) : null}
              </p>
              {relationship.notes ? (
                <p className="mt-1 whitespace-pre-line text-slate-700">{relationship.notes}</p>
              ) : null}
              {canEdit ? (
                <div className="mt-2 flex flex-wrap items-start gap-3">
                  <details>
                    <summary className="cursor-pointer text-brand-700 underline">
                      {t("relationships.edit")}
                    </summary>
                    <RelationshipForm
                      organisationId={organisationId}
                      choices={choices}
                      chosen={answer?.chosen}
                      relationship={relationship}
                      lastResult={
                        answer?.intent === "updateRelationship" && answer.relationshipId === relationship.id
                          ? answer.result
                          : undefined
                      }
                    />
                  </details>
                  <Form method="post">
                    <input type="hidden" name="intent" value="archiveRelationship" />
                    <input type="hidden" name="relationshipId" value={relationship.id} />
                    <input type="hidden" name="version" value={relationship.version} />
                    <button type="submit" className={secondaryButton}>
                      {t("relationships.archive")}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="mt-4 max-w-xl">
          <h3 className="text-base font-semibold">{t("relationships.add")}</h3>
          <RelationshipForm
            organisationId={organisationId}
            choices={choices}
            chosen={answer?.intent === "addRelationship" ? answer.chosen : undefined}
            lastResult={answer?.intent === "addRelationship" ? answer.result : undefined}
          />
        </div>
      ) : null}
    </section>
  );
}

/** What the relationship form's fields hold, as Conform sees them. */
interface RelationshipFormShape {
  intent: string;
  relationshipId?: string;
  version?: number;
  otherOrganisationId: string;
  type: string;
  direction: string;
  startsOn?: string;
  endsOn?: string;
  notes?: string;
}

function RelationshipForm({
  organisationId,
  choices,
  chosen,
  relationship,
  lastResult,
}: {
  organisationId: string;
  choices: PickerChoices;
  /** The organisation the action answered about (a refused form's pick). */
  chosen: PickerOption[] | undefined;
  relationship?: RelationshipView;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const schema = relationshipInput(organisationId);
  const [form, fields] = useForm<RelationshipFormShape>({
    id: relationship ? `relationship-${relationship.id}` : "relationship-add",
    lastResult,
    defaultValue: relationship
      ? {
          relationshipId: relationship.id,
          version: String(relationship.version),
          otherOrganisationId: relationship.other.id,
          type: relationship.type,
          direction: relationship.direction,
          startsOn: relationship.startsOn ?? "",
          endsOn: relationship.endsOn ?? "",
          notes: relationship.notes ?? "",
        }
      : { direction: "outgoing", type: "shares_information" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onInput",
  });
  const fieldOf = fields;
  const versionProps = relationship ? getInputProps(fieldOf.version, { type: "hidden" }) : null;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value={relationship ? "updateRelationship" : "addRelationship"} />
      {relationship ? <input type="hidden" name="relationshipId" value={relationship.id} /> : null}
      {versionProps ? <input {...versionProps} key={versionProps.key} /> : null}
      <SelectField field={fieldOf.direction} label={t("relationships.fields.direction")}>
        <option value="outgoing">{t("relationships.direction.outgoing")}</option>
        <option value="incoming">{t("relationships.direction.incoming")}</option>
      </SelectField>
      <SelectField field={fieldOf.type} label={t("relationships.fields.type")}>
        {relationshipTypes.map((value) => (
          <option key={value} value={value}>
            {t(`enums.relationshipType.${value}`)}
          </option>
        ))}
      </SelectField>
      {choices.mode === "select" ? (
        <SelectField field={fieldOf.otherOrganisationId} label={t("relationships.fields.other")}>
          <option value="">{t("relationships.fields.choose")}</option>
          {choices.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.acronym ? `${o.name} (${o.acronym})` : o.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <OrganisationCombobox
          field={fieldOf.otherOrganisationId}
          label={t("relationships.fields.other")}
          known={[...(relationship ? [relationship.other] : []), ...(chosen ?? [])]}
          exclude={organisationId}
        />
      )}
      <TextField field={fieldOf.startsOn} label={t("relationships.fields.startsOn")} type="date" />
      <TextField field={fieldOf.endsOn} label={t("relationships.fields.endsOn")} type="date" />
      <TextAreaField field={fieldOf.notes} label={t("relationships.fields.notes")} />
      <SubmitButton pendingLabel={t("relationships.pending")}>
        {relationship ? t("relationships.save") : t("relationships.addSubmit")}
      </SubmitButton>
    </Form>
  );
}
