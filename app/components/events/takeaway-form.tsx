// Add or edit a takeaway: a theme and its text in Markdown (the hint says what is understood; raw
// HTML is never rendered). After a stale save the text saved by someone else is shown beside it.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { StaleNotice } from "~/components/records/fields";
import { takeawayInput } from "~/lib/validation/events";

export interface TakeawayValues {
  id: string;
  theme: string | null;
  text: string;
  version: number;
}

export function TakeawayForm({
  editing,
  lastResult,
  current,
  basePath,
}: {
  editing: TakeawayValues | null;
  lastResult: SubmissionResult<string[]> | null | undefined;
  current: TakeawayValues | null | undefined;
  basePath: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ id?: string; version?: number; theme?: string; text: string }>({
    id: editing ? `takeaway-${editing.id}` : "takeaway-new",
    lastResult,
    defaultValue: editing
      ? { id: editing.id, version: editing.version, theme: editing.theme ?? "", text: editing.text }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: takeawayInput }),
    shouldRevalidate: "onBlur",
  });
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <section aria-labelledby="takeaway-form-heading" className="max-w-3xl">
      <h3 id="takeaway-form-heading" className="text-base font-semibold">
        {editing ? t("events.takeaways.editTitle") : t("events.takeaways.addTitle")}
      </h3>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        {current ? (
          <StaleNotice
            message={t("events.takeaways.stale")}
            currentValuesLabel={t("events.form.currentValues")}
            reloadHref={`${basePath}?edit=${current.id}`}
            reloadLabel={t("events.form.reload")}
            values={[
              [t("events.takeaways.theme"), current.theme ?? ""],
              [t("events.takeaways.text"), current.text],
            ]}
          />
        ) : null}
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        {editing ? <input {...idProps} key={idProps.key} /> : null}
        {editing ? <input {...versionProps} key={versionProps.key} /> : null}
        <TextField field={fields.theme} label={t("events.takeaways.theme")} focusOnLoad={editing !== null} />
        <TextAreaField
          field={fields.text}
          label={t("events.takeaways.text")}
          hint={t("events.takeaways.textHint")}
          rows={6}
        />
        <div className="flex items-center gap-4">
          <SubmitButton pendingLabel={t("events.form.pending")}>
            {editing ? t("events.takeaways.save") : t("events.takeaways.add")}
          </SubmitButton>
          {editing ? (
            <Link to={basePath} className="text-sm text-brand-700 underline">
              {t("events.takeaways.cancel")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
