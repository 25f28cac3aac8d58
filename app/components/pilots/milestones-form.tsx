// Add or edit a milestone (zod + Conform: errors next to the fields, entered values kept), and the
// "mark done on a day" form of the selected milestone.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { StaleNotice } from "~/components/records/fields";
import { milestoneStatuses } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { markDoneInput, milestoneInput } from "~/lib/validation/milestones";
import type { ListedMilestone } from "./milestones-list";

export function MilestoneForm({
  milestone,
  lastResult,
  today,
  cancelHref,
}: {
  milestone: ListedMilestone | null;
  lastResult: SubmissionResult<string[]> | undefined;
  today: string;
  cancelHref: string;
}) {
  const { t } = useTranslation();
  const schema = milestoneInput(today);
  const [form, fields] = useForm({
    // Not "milestone-<id>": that is the list row's id; a second element with it would take the
    // fields' form="..." away from this form.
    id: milestone ? `milestone-edit-${milestone.id}` : "milestone-new",
    lastResult,
    defaultValue: milestone
      ? {
          id: milestone.id,
          version: String(milestone.version),
          title: milestone.title,
          description: milestone.description ?? "",
          dueOn: milestone.dueOn ?? "",
          doneOn: milestone.doneOn ?? "",
          status: milestone.status,
          notes: milestone.notes ?? "",
        }
      : { status: "planned" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onInput",
  });
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {milestone ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
      <TextField field={fields.title} label={t("milestones.fields.title")} />
      <TextAreaField field={fields.description} label={t("milestones.fields.description")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField field={fields.dueOn} type="date" label={t("milestones.fields.dueOn")} />
        <SelectField
          field={fields.status}
          label={t("milestones.fields.status")}
          options={milestoneStatuses.map((s) => ({ value: s, label: t(`enums.milestoneStatus.${s}`) }))}
        />
        <TextField
          field={fields.doneOn}
          type="date"
          label={t("milestones.fields.doneOn")}
          hint={t("milestones.hints.doneOn")}
        />
      </div>
      <TextAreaField field={fields.notes} label={t("milestones.fields.notes")} rows={2} />
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("milestones.form.pending")}>
          {milestone ? t("milestones.form.save") : t("milestones.form.add")}
        </SubmitButton>
        {milestone ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t("milestones.form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** Mark the selected milestone done on a chosen day (today by default). */
export function MarkDoneForm({
  milestone,
  lastResult,
  today,
}: {
  milestone: ListedMilestone;
  lastResult: SubmissionResult<string[]> | undefined;
  today: string;
}) {
  const { t } = useTranslation();
  const schema = markDoneInput(today);
  const [form, fields] = useForm({
    id: `milestone-done-${milestone.id}`,
    lastResult,
    defaultValue: { id: milestone.id, version: String(milestone.version), doneOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onInput",
  });
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-label={t("milestones.form.markDoneLabel", { title: milestone.title })}
      className="flex flex-wrap items-end gap-3"
    >
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="done" />
      <input {...idProps} key={idProps.key} />
      <input {...versionProps} key={versionProps.key} />
      <TextField field={fields.doneOn} type="date" label={t("milestones.fields.doneOn")} />
      <SubmitButton pendingLabel={t("milestones.form.pending")}>{t("milestones.form.markDone")}</SubmitButton>
    </Form>
  );
}

/** Someone else changed the milestone meanwhile: what it holds now. */
export function MilestoneStaleNotice({ current, basePath }: { current: ListedMilestone; basePath: string }) {
  const { t, i18n } = useTranslation();
  const fmt = (day: string | null) => (day ? formatDate(day, i18n.language) : "");
  return (
    <StaleNotice
      message={t("milestones.form.stale")}
      currentValuesLabel={t("milestones.form.currentValues")}
      reloadHref={`${basePath}?milestone=${current.id}`}
      reloadLabel={t("milestones.form.reload")}
      values={[
        [t("milestones.fields.title"), current.title],
        [t("milestones.fields.description"), current.description ?? ""],
        [t("milestones.fields.dueOn"), fmt(current.dueOn)],
        [t("milestones.fields.status"), t(`enums.milestoneStatus.${current.status}`)],
        [t("milestones.fields.doneOn"), fmt(current.doneOn)],
        [t("milestones.fields.notes"), current.notes ?? ""],
      ]}
    />
  );
}
