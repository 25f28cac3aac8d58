// The event form, shared by /events/new and /events/:id/edit: the fields, their errors next to
// them, and the "changed by someone else" notice with the values now saved (the user's own values
// stay in the form).
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
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
import { CheckboxField, StaleNotice } from "~/components/records/fields";
import { eventKinds, type EventKind } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { eventInput, updateEventInput } from "~/lib/validation/events";

/** An event's editable values: the form's defaults, or what someone else saved (stale notice). */
export interface EventFormValues {
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn: string | null;
  location: string | null;
  online: boolean;
  description: string | null;
  organiserIds: readonly string[];
  version: number;
}

export interface OrganisationChoice {
  id: string;
  name: string;
  acronym: string | null;
}

interface EventFormShape {
  intent?: string;
  version?: number;
  title: string;
  kind: string;
  startsOn: string;
  endsOn?: string;
  location?: string;
  online?: boolean;
  description?: string;
  organiserIds?: string[];
}

const label = (o: OrganisationChoice) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);

function CurrentValues({
  current,
  reloadTo,
  organisations,
}: {
  current: EventFormValues;
  reloadTo: string;
  organisations: readonly OrganisationChoice[];
}) {
  const { t, i18n } = useTranslation();
  const names = new Map(organisations.map((o) => [o.id, label(o)]));
  return (
    <StaleNotice
      message={t("events.form.stale")}
      currentValuesLabel={t("events.form.currentValues")}
      reloadHref={reloadTo}
      reloadLabel={t("events.form.reload")}
      values={[
        [t("events.fields.title"), current.title],
        [t("events.fields.kind"), t(`events.kinds.${current.kind}`)],
        [t("events.fields.startsOn"), formatDate(current.startsOn, i18n.language)],
        [t("events.fields.endsOn"), current.endsOn ? formatDate(current.endsOn, i18n.language) : ""],
        [t("events.fields.location"), current.location ?? ""],
        [t("events.fields.online"), current.online ? t("events.yes") : t("events.no")],
        [t("events.fields.organisers"), current.organiserIds.map((id) => names.get(id) ?? id).join(", ")],
        [t("events.fields.description"), current.description ?? ""],
      ]}
    />
  );
}

export function EventForm({
  mode,
  lastResult,
  initial,
  current,
  reloadTo,
  organisations,
}: {
  mode: "create" | "update";
  lastResult: SubmissionResult<string[]> | null | undefined;
  initial: EventFormValues | null;
  /** After a stale save: the values saved by someone else. */
  current?: EventFormValues | null | undefined;
  reloadTo: string;
  organisations: readonly OrganisationChoice[];
}) {
  const { t } = useTranslation();
  const schema = mode === "create" ? eventInput : updateEventInput;
  const [form, fields] = useForm<EventFormShape>({
    id: `event-${mode}`,
    lastResult,
    defaultValue: initial
      ? {
          intent: mode === "update" ? "update" : undefined,
          version: initial.version,
          title: initial.title,
          kind: initial.kind,
          startsOn: initial.startsOn,
          endsOn: initial.endsOn ?? "",
          location: initial.location ?? "",
          online: initial.online,
          description: initial.description ?? "",
          organiserIds: [...initial.organiserIds],
        }
      : { kind: "seminar" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onBlur",
  });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  const organisers = fields.organiserIds;
  const organiserProps = getSelectProps(organisers, { ariaAttributes: true });
  const hintId = `${organisers.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-3xl space-y-4">
      {current ? <CurrentValues current={current} reloadTo={reloadTo} organisations={organisations} /> : null}
      <FormErrors errors={form.errors} />
      {mode === "update" ? <input type="hidden" name="intent" value="update" /> : null}
      {mode === "update" ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.title} label={t("events.fields.title")} focusOnLoad={mode === "create"} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          field={fields.kind}
          label={t("events.fields.kind")}
          options={eventKinds.map((value) => ({ value, label: t(`events.kinds.${value}`) }))}
        />
        <TextField field={fields.startsOn} label={t("events.fields.startsOn")} type="date" />
        <TextField
          field={fields.endsOn}
          label={t("events.fields.endsOn")}
          hint={t("events.hints.endsOn")}
          type="date"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          field={fields.location}
          label={t("events.fields.location")}
          hint={t("events.hints.location")}
        />
        <div className="sm:pt-7">
          <CheckboxField field={fields.online} label={t("events.fields.online")} />
        </div>
      </div>
      <div>
        <label htmlFor={organisers.id} className="block text-sm font-medium text-slate-800">
          {t("events.fields.organisers")}
        </label>
        <p id={hintId} className="text-xs text-slate-600">
          {t("events.hints.organisers")}
        </p>
        <select
          {...organiserProps}
          key={organiserProps.key}
          multiple
          size={8}
          aria-describedby={[organiserProps["aria-describedby"], hintId].filter(Boolean).join(" ")}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        >
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {label(o)}
            </option>
          ))}
        </select>
        <ErrorList id={organisers.errorId} errors={organisers.errors} />
      </div>
      <TextAreaField field={fields.description} label={t("events.fields.description")} rows={5} />
      <SubmitButton pendingLabel={t("events.form.pending")}>
        {mode === "create" ? t("events.form.create") : t("events.form.save")}
      </SubmitButton>
    </Form>
  );
}
