// The grid of one reporting period: its dates, new participants, participants still in guidance at
// its end, and one row per pathway with the number of people who left by it. Keyboard-friendly:
// plain number inputs in reading order; an empty cell is 0. Errors are shown next to each field and
// the entered values are kept (Conform).
import {
  getFormProps,
  getInputProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { outcomeGroups, pathwayGroup, type OutcomePathway } from "~/lib/enums";
import type { PathwayCounts } from "~/lib/outcomes";
import { periodInput } from "~/lib/validation/outcomes";

export interface GridPeriod {
  id: string;
  version: number;
  periodStart: string;
  periodEnd: string;
  newParticipants: number;
  participantsAtEnd: number;
  notes: string | null;
  outcomes: PathwayCounts;
}

const countClass =
  "block w-24 rounded border border-slate-300 px-2 py-1 text-right text-sm tabular-nums shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

function CountInput({
  field,
  testId,
}: {
  field: FieldMetadata<string | number | undefined>;
  testId: string;
}) {
  const props = getInputProps(field, { type: "number", ariaAttributes: true });
  return (
    <>
      <input
        {...props}
        key={props.key}
        min={0}
        step={1}
        inputMode="numeric"
        data-testid={testId}
        className={countClass}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </>
  );
}

export function OutcomesGrid({
  period,
  newStart,
  pathways,
  lastResult,
  cancelHref,
  title,
}: {
  period: GridPeriod | null;
  /** Suggested start of a new period (the day after the latest one ends). */
  newStart: string | null;
  pathways: readonly OutcomePathway[];
  lastResult: SubmissionResult<string[]> | undefined;
  cancelHref: string | null;
  title: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: period ? `period-${period.id}` : "period-new",
    lastResult,
    defaultValue: period
      ? {
          id: period.id,
          version: String(period.version),
          periodStart: period.periodStart,
          periodEnd: period.periodEnd,
          newParticipants: String(period.newParticipants),
          participantsAtEnd: String(period.participantsAtEnd),
          notes: period.notes ?? "",
          outcomes: Object.fromEntries(
            pathways.map((p) => [p, period.outcomes[p] ? String(period.outcomes[p]) : ""]),
          ),
        }
      : { periodStart: newStart ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: periodInput }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const outcomeFields = fields.outcomes.getFieldset();
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  const notesProps = getInputProps(fields.notes, { type: "text", ariaAttributes: true });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-labelledby={`${form.id}-title`}
      data-testid="outcomes-grid"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${form.id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {period ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.periodStart} type="date" label={t("outcomes.fields.periodStart")} />
        <TextField field={fields.periodEnd} type="date" label={t("outcomes.fields.periodEnd")} />
      </div>
      <table className="text-sm">
        <caption className="text-left text-sm text-slate-700">{t("outcomes.form.gridHint")}</caption>
        <tbody>
          <tr>
            <th scope="row" className="py-1 pr-4 text-left font-medium">
              <label htmlFor={fields.newParticipants.id}>{t("outcomes.fields.newParticipants")}</label>
            </th>
            <td className="py-1">
              <CountInput field={fields.newParticipants} testId="outcome-newParticipants" />
            </td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-4 text-left font-medium">
              <label htmlFor={fields.participantsAtEnd.id}>{t("outcomes.fields.participantsAtEnd")}</label>
            </th>
            <td className="py-1">
              <CountInput field={fields.participantsAtEnd} testId="outcome-participantsAtEnd" />
            </td>
          </tr>
          {outcomeGroups.map((group) => {
            const rows = pathways.filter((p) => pathwayGroup[p] === group);
            if (rows.length === 0) return null;
            return [
              <tr key={group}>
                <th scope="rowgroup" colSpan={2} className="pt-3 pb-1 text-left font-semibold">
                  {t("outcomes.form.leftBy", { group: t(`outcomes.groups.${group}`) })}
                </th>
              </tr>,
              ...rows.map((pathway) => (
                <tr key={pathway}>
                  <th scope="row" className="py-1 pr-4 pl-3 text-left font-normal">
                    <label htmlFor={outcomeFields[pathway].id}>{t(`enums.outcomePathway.${pathway}`)}</label>
                  </th>
                  <td className="py-1">
                    <CountInput field={outcomeFields[pathway]} testId={`outcome-${pathway}`} />
                  </td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
      <div>
        <label htmlFor={fields.notes.id} className="block text-sm font-medium text-slate-800">
          {t("outcomes.fields.notes")}
        </label>
        <input
          {...notesProps}
          key={notesProps.key}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
        <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("outcomes.form.saving")}>{t("outcomes.form.save")}</SubmitButton>
        {cancelHref ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t("outcomes.form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
