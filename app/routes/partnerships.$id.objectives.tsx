import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { SelectField } from "~/components/form";
import { ArchiveButton, NumberField, StaleNotice } from "~/components/records/fields";
import { dbContext } from "~/db/context";
import { objectiveStatuses } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { isOverdue, notClearlyDefined, progressPercent, todayIso } from "~/lib/objectives";
import { objectiveInput, recordCommandInput } from "~/lib/validation/partnership-records";
import {
  listObjectives,
  saveObjective,
  setObjectiveArchived,
  type Objective,
} from "~/models/objectives.server";
import { isUuid } from "~/models/partnerships.server";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/partnerships.$id.objectives";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

function partnershipIdFrom(params: { id: string }): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnershipId = partnershipIdFrom(params);
  const canEdit = can(user, "partnership:write");
  const [objectives, archived] = await Promise.all([
    listObjectives(db, partnershipId),
    canEdit ? listObjectives(db, partnershipId, { archived: true }) : Promise.resolve([]),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (objectives.find((o) => o.id === editId) ?? null) : null;
  return {
    title: getInstance(context).t("partnership.objectives.title"),
    objectives,
    archived,
    canEdit,
    editing,
    today: todayIso(),
    basePath: url.pathname,
  };
}

// The document title: this tab's title and the partnership's name (from the layout's loader).
export const meta: Route.MetaFunction = ({ loaderData, matches }) => {
  const layout = matches.find((match) => match?.id === "routes/partnerships.$id")?.loaderData as
    { partnership?: { name?: string } } | undefined;
  const name = layout?.partnership?.name;
  return pageTitle(loaderData?.title && name ? `${loaderData.title} · ${name}` : loaderData?.title);
};

interface Answer {
  objectiveId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The objective as it is now, when the save was refused because someone else changed it. */
  current: Objective | null;
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>({ objectiveId: null, result: null, current: null, ...body }, { status });
}

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const partnershipId = partnershipIdFrom(params);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: objectiveInput });
    const objectiveId = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;
    if (submission.status !== "success") return answer({ objectiveId, result: submission.reply() }, 400);
    const outcome = await saveObjective(db, actor, partnershipId, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    if (outcome.reason === "stale") {
      return answer({ objectiveId, result: submission.reply(), current: outcome.current }, 409);
    }
    throw notFound();
  }

  const command = recordCommandInput.safeParse({
    intent,
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await setObjectiveArchived(db, actor, partnershipId, command.data);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale")
    return answer({ objectiveId: command.data.id, current: outcome.current }, 409);
  throw notFound();
}

function number(value: number, locale: string) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
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
                  {archived ? (
                    <ArchiveButton
                      id={objective.id}
                      version={objective.version}
                      intent="restore"
                      label={t("partnership.objectives.restore")}
                      accessibleLabel={t("partnership.objectives.restoreLabel", { title: objective.title })}
                    />
                  ) : (
                    <>
                      <Link
                        to={`${basePath}?edit=${objective.id}`}
                        aria-label={t("partnership.objectives.editAction", { title: objective.title })}
                        className="text-sm font-medium text-brand-700 underline"
                      >
                        {t("partnership.objectives.edit")}
                      </Link>
                      <ArchiveButton
                        id={objective.id}
                        version={objective.version}
                        intent="archive"
                        label={t("partnership.objectives.archive")}
                        accessibleLabel={t("partnership.objectives.archiveLabel", { title: objective.title })}
                      />
                    </>
                  )}
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
          target: objective.target === null ? "" : String(objective.target),
          unit: objective.unit ?? "",
          progress: objective.progress === null ? "" : String(objective.progress),
          dueDate: objective.dueDate ?? "",
          status: objective.status,
        }
      : { status: "not_started" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectiveInput }),
    shouldRevalidate: "onInput",
  });
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {objective ? (
        <>
          <input {...idProps} key={idProps.key} />
          <input {...versionProps} key={versionProps.key} />
        </>
      ) : null}
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
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("partnership.objectives.pending")}>
          {t("partnership.objectives.submit")}
        </SubmitButton>
        {objective ? (
          <Link to={cancelHref} className="text-sm text-brand-700 underline">
            {t("partnership.objectives.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export default function PartnershipObjectives({ loaderData, actionData }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const { objectives, archived, canEdit, editing, today, basePath } = loaderData;
  const current = actionData?.current ?? null;
  const lastResult =
    actionData?.result && actionData.objectiveId === (editing?.id ?? null) ? actionData.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="objectives-heading" className="space-y-4">
        <div>
          <h2 id="objectives-heading" className="text-lg font-semibold">
            {t("partnership.objectives.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("partnership.objectives.intro")}</p>
        </div>
        {objectives.length === 0 ? (
          <EmptyState>
            <p>{t("partnership.objectives.empty")}</p>
          </EmptyState>
        ) : (
          <ObjectivesTable objectives={objectives} canEdit={canEdit} today={today} basePath={basePath} />
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="objective-form-heading" className="max-w-3xl space-y-4">
          <h2 id="objective-form-heading" className="text-lg font-semibold">
            {editing ? t("partnership.objectives.edit") : t("partnership.objectives.add")}
          </h2>
          {current ? (
            <StaleNotice
              message={t("partnership.objectives.stale")}
              currentValuesLabel={t("partnership.objectives.currentValues")}
              reloadHref={current.archivedAt ? basePath : `${basePath}?edit=${current.id}`}
              reloadLabel={t("partnership.objectives.reload")}
              values={[
                [t("partnership.objectives.fields.title"), current.title],
                [t("partnership.objectives.fields.indicator"), current.indicator ?? ""],
                [
                  t("partnership.objectives.fields.target"),
                  current.target === null ? "" : String(current.target),
                ],
                [t("partnership.objectives.fields.unit"), current.unit ?? ""],
                [
                  t("partnership.objectives.fields.progress"),
                  current.progress === null ? "" : String(current.progress),
                ],
                [
                  t("partnership.objectives.fields.dueDate"),
                  current.dueDate ? formatDate(current.dueDate, i18n.language) : "",
                ],
                [t("partnership.objectives.fields.status"), t(`enums.objectiveStatus.${current.status}`)],
              ]}
            />
          ) : null}
          <ObjectiveForm
            key={editing ? `${editing.id}-${editing.version}` : `new-${location.key}`}
            objective={editing}
            lastResult={lastResult}
            cancelHref={basePath}
          />
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="objectives-archived-heading" className="space-y-2">
          <h2 id="objectives-archived-heading" className="text-lg font-semibold">
            {t("partnership.objectives.archivedTitle")}
          </h2>
          <ObjectivesTable objectives={archived} canEdit today={today} basePath={basePath} archived />
        </section>
      ) : null}
    </div>
  );
}
