// The pilot project form, shared by /municipalities/:id/pilots/new and /pilots/:id/edit: the fields,
// their errors next to them, and the "changed by someone else" notice with the values now saved
// (the user's own values stay in the form).
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form } from "react-router";
import {
  ErrorList,
  FormErrors,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "~/components/form";
import { StaleNotice } from "~/components/records/fields";
import {
  outcomeGroups,
  pilotStatuses,
  targetGroups,
  type OutcomePathway,
  type PilotStatus,
  type TargetGroup,
} from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { pathwaysByGroup } from "~/lib/outcomes";
import { createPilotInput, updatePilotInput } from "~/lib/validation/pilots";

/** A pilot's editable values: the form's defaults, or what someone else saved (stale notice). */
export interface PilotFormValues {
  name: string;
  description: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  targetGroup: TargetGroup;
  pathways: readonly OutcomePathway[];
  status: PilotStatus;
  startsOn: string | null;
  endsOn: string | null;
  capacity: number | null;
  version: number;
}

export interface PartnershipChoices {
  member: readonly { id: string; name: string }[];
  other: readonly { id: string; name: string }[];
}

/** What the form's fields hold, as Conform sees them. */
interface PilotFormShape {
  intent?: string;
  version?: number;
  name: string;
  description?: string;
  partnershipId?: string;
  targetGroup: string;
  pathways?: string[];
  status: string;
  startsOn?: string;
  endsOn?: string;
  capacity?: number;
}

const selectClass =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600";

/** The partnership, its municipality's own partnerships first (an option group each). */
function PartnershipSelect({
  field,
  choices,
  municipalityName,
}: {
  field: FieldMetadata<string | undefined>;
  choices: PartnershipChoices;
  municipalityName: string;
}) {
  const { t } = useTranslation();
  const hintId = `${field.id}-hint`;
  const props = getSelectProps(field, { ariaAttributes: true });
  const option = (p: { id: string; name: string }) => (
    <option key={p.id} value={p.id}>
      {p.name}
    </option>
  );
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {t("pilot.fields.partnership")}
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        {t("pilot.hints.partnership")}
      </p>
      <select
        {...props}
        key={props.key}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ")}
        className={selectClass}
      >
        <option value="">{t("pilot.form.noPartnership")}</option>
        {choices.member.length > 0 ? (
          <optgroup label={t("pilot.form.memberPartnerships", { municipality: municipalityName })}>
            {choices.member.map(option)}
          </optgroup>
        ) : null}
        {choices.other.length > 0 ? (
          <optgroup label={t("pilot.form.otherPartnerships")}>{choices.other.map(option)}</optgroup>
        ) : null}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The pathways offered, as checkboxes grouped durable / semi-durable / no solution. */
function PathwayCheckboxes({ field }: { field: FieldMetadata<string[] | undefined> }) {
  const { t } = useTranslation();
  const initial = field.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : []);
  const hintId = `${field.id}-hint`;
  const byGroup = pathwaysByGroup();
  return (
    <fieldset
      aria-describedby={[hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ")}
      data-testid="pilot-pathways"
    >
      <legend className="text-sm font-medium text-slate-800">{t("pilot.fields.pathways")}</legend>
      <p id={hintId} className="text-xs text-slate-600">
        {t("pilot.hints.pathways")}
      </p>
      <div className="mt-2 grid gap-4 sm:grid-cols-3">
        {outcomeGroups.map((group) => (
          <fieldset key={group}>
            <legend className="text-xs font-semibold tracking-wide text-slate-700 uppercase">
              {t(`outcomes.groups.${group}`)}
            </legend>
            <div className="mt-1 space-y-1">
              {byGroup[group].map((pathway) => {
                const id = `${field.id}-${pathway}`;
                return (
                  <div key={pathway} className="flex items-start gap-2">
                    <input
                      // Conform changes the field's key when it resets the form or answers a submission.
                      key={`${field.key ?? ""}-${pathway}`}
                      type="checkbox"
                      id={id}
                      name={field.name}
                      value={pathway}
                      defaultChecked={chosen.has(pathway)}
                      className="mt-0.5 h-4 w-4 rounded border-slate-300"
                    />
                    <label htmlFor={id} className="text-sm text-slate-800">
                      {t(`enums.outcomePathway.${pathway}`)}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

function CurrentValues({ current, reloadTo }: { current: PilotFormValues; reloadTo: string }) {
  const { t, i18n } = useTranslation();
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : "");
  return (
    <StaleNotice
      message={t("pilot.form.stale")}
      currentValuesLabel={t("pilot.form.currentValues")}
      reloadHref={reloadTo}
      reloadLabel={t("pilot.form.reload")}
      values={[
        [t("pilot.fields.name"), current.name],
        [t("pilot.fields.partnership"), current.partnershipName ?? ""],
        [t("pilot.fields.targetGroup"), t(`enums.targetGroup.${current.targetGroup}`)],
        [t("pilot.fields.pathways"), current.pathways.map((p) => t(`enums.outcomePathway.${p}`)).join(", ")],
        [t("pilot.fields.status"), t(`enums.pilotStatus.${current.status}`)],
        [t("pilot.fields.startsOn"), day(current.startsOn)],
        [t("pilot.fields.endsOn"), day(current.endsOn)],
        [t("pilot.fields.capacity"), current.capacity === null ? "" : String(current.capacity)],
        [t("pilot.fields.description"), current.description ?? ""],
      ]}
    />
  );
}

export function PilotForm({
  mode,
  lastResult,
  initial,
  current,
  reloadTo,
  partnerships,
  municipalityName,
}: {
  mode: "create" | "update";
  lastResult: SubmissionResult<string[]> | null | undefined;
  initial: PilotFormValues | null;
  /** After a stale save: the values saved by someone else. */
  current?: PilotFormValues | null | undefined;
  /** Where "start again from the saved values" leads. */
  reloadTo: string;
  partnerships: PartnershipChoices;
  municipalityName: string;
}) {
  const { t } = useTranslation();
  const schema = mode === "create" ? createPilotInput : updatePilotInput;
  const [form, fields] = useForm<PilotFormShape>({
    id: `pilot-${mode}`,
    lastResult,
    defaultValue: initial
      ? {
          intent: mode === "update" ? "update" : undefined,
          version: initial.version,
          name: initial.name,
          description: initial.description ?? "",
          partnershipId: initial.partnershipId ?? "",
          targetGroup: initial.targetGroup,
          pathways: [...initial.pathways],
          status: initial.status,
          startsOn: initial.startsOn ?? "",
          endsOn: initial.endsOn ?? "",
          capacity: initial.capacity ?? undefined,
        }
      : { status: "planned", targetGroup: "both" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onBlur",
  });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-3xl space-y-4">
      {current ? <CurrentValues current={current} reloadTo={reloadTo} /> : null}
      <FormErrors errors={form.errors} />
      {mode === "update" ? <input type="hidden" name="intent" value="update" /> : null}
      {mode === "update" ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.name} label={t("pilot.fields.name")} focusOnLoad={mode === "create"} />
      <TextAreaField field={fields.description} label={t("pilot.fields.description")} rows={4} />
      <PartnershipSelect
        field={fields.partnershipId}
        choices={partnerships}
        municipalityName={municipalityName}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          field={fields.targetGroup}
          label={t("pilot.fields.targetGroup")}
          options={targetGroups.map((value) => ({ value, label: t(`enums.targetGroup.${value}`) }))}
        />
        <SelectField
          field={fields.status}
          label={t("pilot.fields.status")}
          options={pilotStatuses.map((value) => ({ value, label: t(`enums.pilotStatus.${value}`) }))}
        />
      </div>
      <PathwayCheckboxes field={fields.pathways} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField field={fields.startsOn} label={t("pilot.fields.startsOn")} type="date" />
        <TextField field={fields.endsOn} label={t("pilot.fields.endsOn")} type="date" />
        <TextField
          field={fields.capacity}
          label={t("pilot.fields.capacity")}
          hint={t("pilot.hints.capacity")}
          type="number"
        />
      </div>
      <SubmitButton pendingLabel={t("pilot.form.pending")}>
        {mode === "create" ? t("pilot.form.create") : t("pilot.form.save")}
      </SubmitButton>
    </Form>
  );
}
