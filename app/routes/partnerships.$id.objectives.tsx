import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { SelectField, TextField } from "~/components/form";
import { NumberField } from "~/components/records/fields";
import { RecordActions, RecordForm, RecordTab } from "~/components/records/record-tab";
import { dbContext } from "~/db/context";
import { objectiveStatuses } from "~/lib/enums";
import { formatDate, numberFormat } from "~/lib/format";
import { isOverdue, notClearlyDefined, progressPercent, todayIso } from "~/lib/objectives";
import { notFound, recordsTabAction, recordsTabData } from "~/lib/owned-record-routes.server";
import { objectiveInput } from "~/lib/validation/partnership-records";
import {
  listObjectives,
  saveObjective,
  setObjectiveArchived,
  type Objective,
} from "~/models/objectives.server";
import { isUuid } from "~/lib/uuid";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/partnerships.$id.objectives";

function partnershipIdFrom(params: { id: string }): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnershipId = partnershipIdFrom(params);
  const { records, ...tab } = await recordsTabData(can(user, "partnership:write"), url, (options) =>
    listObjectives(db, partnershipId, options),
  );
  return {
    title: getInstance(context).t("partnership.objectives.title"),
    objectives: records,
    ...tab,
    today: todayIso(),
  };
}

// The document title: this tab's title and the partnership's name (from the layout's loader).
export const meta: Route.MetaFunction = ({ loaderData, matches }) => {
  const layout = matches.find((match) => match?.id === "routes/partnerships.$id")?.loaderData as
    { partnership?: { name?: string } } | undefined;
  const name = layout?.partnership?.name;
  return pageTitle(loaderData?.title && name ? `${loaderData.title} · ${name}` : loaderData?.title);
};

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const partnershipId = partnershipIdFrom(params);
  return recordsTabAction(request, url, {
    key: "objectiveId",
    schema: objectiveInput,
    save: (value) => saveObjective(db, actor, partnershipId, value),
    setArchived: (command) => setObjectiveArchived(db, actor, partnershipId, command),
  });
}

/** A number as a form field or the stale notice shows it ("" for none). */
function numberText(value: number | null) {
  return value === null ? "" : String(value);
}

function number(value: number, locale: string) {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

function ProgressBar({ objective }: { objective: Objective }) {
  const { t, i18n } = useTranslation();
  const percent = progressPercent(objective);
  const unit = objective.unit ? ` ${objective.unit}` : "";
  if (objective.progress === null && percent === null) {
    return <span className="text-slate-600">{t("partnership.objectives.noProgress")}</span>;
  }
  const progress = `${number(objective.progress ?? 0, i18n.language)}${unit}`;
  if (percent === null || objective.target === null) {
    return <span>{t("partnership.objectives.progressNoTarget", { progress })}</span>;
  }
  const text = t("partnership.objectives.progressText", {
    progress,
    target: `${number(objective.target, i18n.language)}${unit}`,
    percent,
  });
  return (
    <div className="min-w-40">
      <div
        role="progressbar"
        aria-label={t("partnership.objectives.progressLabel", { title: objective.title })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-700">{text}</p>
    </div>
  );
}

function ObjectivesTable({
  objectives,
  canEdit,
  today,
  basePath,
  archived = false,
}: {
  objectives: readonly Objective[];
  canEdit: boolean;
  today: string;
  basePath: string;
  archived?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <caption className="sr-only">
          {archived ? t("partnership.objectives.archivedTitle") : t("partnership.objectives.title")}
        </caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("partnership.objectives.fields.title")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("partnership.objectives.fields.indicator")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("partnership.objectives.fields.progress")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("partnership.objectives.fields.dueDate")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("partnership.objectives.fields.status")}
            </th>
            {canEdit ? (
              <th scope="col" className="px-3 py-2">
                {t("partnership.objectives.actions")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {objectives.map((objective) => (
            <tr key={objective.id} className="align-top">
              <td className="px-3 py-2 font-medium">{objective.title}</td>
              <td className="px-3 py-2">
                {notClearlyDefined(objective) ? (
                  <span className="inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                    {t("partnership.objectives.notClearlyDefined")}
                  </span>
                ) : (
                  objective.indicator
                )}
              </td>
              <td className="px-3 py-2">
                <ProgressBar objective={objective} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {objective.dueDate ? formatDate(objective.dueDate, i18n.language) : t("common.none")}
                {isOverdue(objective, today) ? (
                  <span className="ml-2 inline-block rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
                    {t("partnership.objectives.overdue")}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2">{t(`enums.objectiveStatus.${objective.status}`)}</td>
              {canEdit ? (
                <td className="space-x-3 px-3 py-2 whitespace-nowrap">
                  <RecordActions
                    words="partnership.objectives"
                    record={objective}
                    name={{ title: objective.title }}
                    archived={archived}
                    editHref={`${basePath}?edit=${objective.id}`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObjectiveForm({
  objective,
  lastResult,
  cancelHref,
}: {
  objective: Objective | null;
  lastResult: SubmissionResult<string[]> | undefined;
  cancelHref: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: objective ? `objective-${objective.id}` : "objective-new",
    lastResult,
    defaultValue: objective
      ? {
          id: objective.id,
          version: String(objective.version),
          title: objective.title,
          indicator: objective.indicator ?? "",
          target: numberText(objective.target),
          unit: objective.unit ?? "",
          progress: numberText(objective.progress),
          dueDate: objective.dueDate ?? "",
          status: objective.status,
        }
      : { status: "not_started" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectiveInput }),
    shouldRevalidate: "onInput",
  });
  return (
    <RecordForm
      form={form}
      fields={fields}
      editing={objective !== null}
      words="partnership.objectives"
      cancelHref={cancelHref}
    >
      <TextField field={fields.title} label={t("partnership.objectives.fields.title")} />
      <TextField
        field={fields.indicator}
        label={t("partnership.objectives.fields.indicator")}
        hint={t("partnership.objectives.hints.indicator")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <NumberField
          field={fields.target}
          label={t("partnership.objectives.fields.target")}
          hint={t("partnership.objectives.hints.target")}
        />
        <TextField
          field={fields.unit}
          label={t("partnership.objectives.fields.unit")}
          hint={t("partnership.objectives.hints.unit")}
        />
        <NumberField field={fields.progress} label={t("partnership.objectives.fields.progress")} />
        <TextField field={fields.dueDate} type="date" label={t("partnership.objectives.fields.dueDate")} />
        <SelectField
          field={fields.status}
          label={t("partnership.objectives.fields.status")}
          options={objectiveStatuses.map((s) => ({ value: s, label: t(`enums.objectiveStatus.${s}`) }))}
        />
      </div>
    </RecordForm>
  );
}

export default function PartnershipObjectives({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { objectives, archived, canEdit, today, basePath } = loaderData;
  return (
    <RecordTab
      ids={{ list: "objectives", form: "objective" }}
      words="partnership.objectives"
      title={t("partnership.objectives.title")}
      intro={t("partnership.objectives.intro")}
      data={loaderData}
      answer={actionData}
      answerId={actionData?.objectiveId}
      currentValues={(current) => [
        [t("partnership.objectives.fields.title"), current.title],
        [t("partnership.objectives.fields.indicator"), current.indicator ?? ""],
        [t("partnership.objectives.fields.target"), numberText(current.target)],
        [t("partnership.objectives.fields.unit"), current.unit ?? ""],
        [t("partnership.objectives.fields.progress"), numberText(current.progress)],
        [
          t("partnership.objectives.fields.dueDate"),
          current.dueDate ? formatDate(current.dueDate, i18n.language) : "",
        ],
        [t("partnership.objectives.fields.status"), t(`enums.objectiveStatus.${current.status}`)],
      ]}
      list={
        objectives.length === 0 ? (
          <EmptyState>
            <p>{t("partnership.objectives.empty")}</p>
          </EmptyState>
        ) : (
          <ObjectivesTable objectives={objectives} canEdit={canEdit} today={today} basePath={basePath} />
        )
      }
      form={(lastResult) => (
        <ObjectiveForm objective={loaderData.editing} lastResult={lastResult} cancelHref={basePath} />
      )}
      archived={
        archived.length > 0 ? (
          <ObjectivesTable objectives={archived} canEdit today={today} basePath={basePath} archived />
        ) : null
      }
    />
  );
}
