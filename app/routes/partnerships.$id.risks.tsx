import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { riskCategories, riskStatuses } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import {
  exposureBand,
  exposureBandRanges,
  exposureBands,
  isReviewOverdue,
  riskMatrix,
  type ExposureBand,
} from "~/lib/risk-matrix";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { riskCommandInput, riskInput } from "~/lib/validation/risk-health";
import { getInstance } from "~/middleware/i18next";
import { riskRegisterFor, type RiskDetail, type RiskSummary } from "~/models/confidential.server";
import { memberOrganisationOptions, type OrganisationOption } from "~/models/health-checks.server";
import { findPartnershipHeader } from "~/models/partnerships.server";
import {
  archivedRisks,
  saveRisk,
  setRiskArchived,
  type ArchivedRisk,
  type Risk,
} from "~/models/risks.server";
import type { Route } from "./+types/partnerships.$id.risks";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** Today as 'YYYY-MM-DD' (UTC): review dates before it are overdue. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// Anyone signed in reads; what they get (every field, or the aggregates) is decided by
// riskRegisterFor. Coordinators also get the member organisations a risk can be owned by.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  const canEdit = can(user, "risk:write") && partnership.archivedAt === null;
  const [register, owners, archived] = await Promise.all([
    riskRegisterFor(db, user, partnership.id),
    canEdit ? memberOrganisationOptions(db, partnership.id) : Promise.resolve([]),
    // Coordinators only: they read every partnership's confidential fields.
    canEdit ? archivedRisks(db, partnership.id) : Promise.resolve([]),
  ]);
  const edit = url.searchParams.get("edit");
  return {
    title: getInstance(context).t("partnership.risks.title", { name: partnership.name }),
    register,
    canEdit,
    owners,
    archived,
    today: today(),
    editId: canEdit && register.access === "full" && register.risks.some((r) => r.id === edit) ? edit : null,
  };
}

interface Answer {
  intent: "save" | "archive";
  /** The form that was sent: "risk-new" or "risk-<id>". */
  formId: string;
  result: SubmissionResult<string[]> | null;
  /** Why an archive was refused (an i18n key). */
  error: string | null;
  /** After a refused stale change: what is stored now. */
  current: Risk | null;
}

function answer(body: Partial<Answer> & Pick<Answer, "intent" | "formId">, status: number) {
  return data<Answer>({ result: null, error: null, current: null, ...body }, { status });
}

// Coordinators only. Intents: save (add, or edit with the version read), archive, restore.
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "risk:write");
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  const formData = await request.formData();
  const back = `/partnerships/${partnership.id}/risks`;

  const intent = formData.get("intent");
  if (intent === "archive" || intent === "restore") {
    // The save form is Conform's; archive and restore read their fields one by one.
    if (repeatedFields(formData).length > 0) {
      return answer({ intent: "archive", formId: "risk-archive", error: REPEATED_FIELD }, 400);
    }
    const parsed = riskCommandInput.safeParse({
      intent,
      id: formData.get("id"),
      version: Number(formData.get("version")),
    });
    if (!parsed.success) throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
    const outcome = await setRiskArchived(db, actor, partnership.id, parsed.data, intent === "archive");
    if (outcome.ok) return redirect(intent === "restore" ? `${back}#risk-${outcome.risk.id}` : back);
    if (outcome.reason === "notFound") throw notFound();
    return answer(
      {
        intent: "archive",
        formId: `risk-${parsed.data.id}`,
        error: "partnership.risks.errors.stale",
        current: outcome.reason === "stale" ? outcome.current : null,
      },
      409,
    );
  }

  const submission = parseWithZod(formData, { schema: riskInput });
  const id = formData.get("id");
  const formId = typeof id === "string" && id ? `risk-${id}` : "risk-new";
  if (submission.status !== "success") {
    if (intent !== "save") {
      throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
    }
    return answer({ intent: "save", formId, result: submission.reply() }, 400);
  }
  const outcome = await saveRisk(db, actor, partnership.id, submission.value);
  if (outcome.ok) return redirect(`${back}#risk-${outcome.risk.id}`);
  switch (outcome.reason) {
    case "notFound":
      throw notFound();
    case "stale":
      return answer(
        {
          intent: "save",
          formId,
          result: submission.reply({ formErrors: ["partnership.risks.errors.stale"] }),
          current: outcome.current,
        },
        409,
      );
    case "ownerNotMember":
      return answer(
        {
          intent: "save",
          formId,
          result: submission.reply({
            fieldErrors: { ownerOrganisationId: ["partnership.risks.errors.ownerNotMember"] },
          }),
        },
        400,
      );
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const bandTone: Record<ExposureBand, string> = {
  low: "bg-emerald-50 text-emerald-900",
  medium: "bg-amber-50 text-amber-900",
  high: "bg-orange-100 text-orange-900",
  critical: "bg-red-100 text-red-900",
};

export default function PartnershipRisks({ loaderData, actionData }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t } = useTranslation();
  const { register, canEdit, owners, archived, today, editId } = loaderData;
  if (register.access === "aggregate") return <RiskAggregates summary={register.summary} />;
  const editing = register.risks.find((r) => r.id === editId) ?? null;
  return (
    <div className="space-y-10">
      <RiskMatrix risks={register.risks} />
      <RiskRegister
        risks={register.risks}
        today={today}
        canEdit={canEdit}
        archiveError={actionData?.intent === "archive" ? actionData : null}
      />
      {canEdit && editing ? (
        <section aria-labelledby="risk-edit-heading">
          <h2 id="risk-edit-heading" className="text-lg font-semibold">
            {t("partnership.risks.form.editTitle", { title: editing.title })}
          </h2>
          <RiskForm
            key={`${editing.id}-${editing.version}`}
            risk={editing}
            owners={owners}
            answer={
              actionData?.intent === "save" && actionData.formId === `risk-${editing.id}` ? actionData : null
            }
          />
        </section>
      ) : null}
      {canEdit && archived.length > 0 ? <ArchivedRisks risks={archived} /> : null}
      {canEdit ? (
        <section aria-labelledby="risk-new-heading">
          <h2 id="risk-new-heading" className="text-lg font-semibold">
            {t("partnership.risks.form.newTitle")}
          </h2>
          <RiskForm
            key={`new-${location.key}`}
            risk={null}
            owners={owners}
            answer={actionData?.intent === "save" && actionData.formId === "risk-new" ? actionData : null}
          />
        </section>
      ) : null}
    </div>
  );
}

function ArchivedRisks({ risks }: { risks: ArchivedRisk[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-archived-heading">
      <h2 id="risk-archived-heading" className="text-lg font-semibold">
        {t("partnership.risks.archived.title")}
      </h2>
      <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {risks.map((risk) => (
          <li key={risk.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
            <span>
              {risk.title}
              <span className="text-slate-600">
                {t("audit.history.separator")}
                {t(`enums.riskCategory.${risk.category}`)}
              </span>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="id" value={risk.id} />
              <input type="hidden" name="version" value={risk.version} />
              <button
                type="submit"
                className="text-brand-700 underline"
                aria-label={t("partnership.risks.archived.restoreLabel", { title: risk.title })}
              >
                {t("partnership.risks.archived.restore")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RiskAggregates({ summary }: { summary: RiskSummary }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-summary-heading" className="max-w-xl">
      <h2 id="risk-summary-heading" className="text-lg font-semibold">
        {t("partnership.risks.summary.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.risks.summary.confidential")}</p>
      <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-600">{t("partnership.risks.summary.openCount")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{summary.openCount}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-600">{t("partnership.risks.summary.highestExposure")}</dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {summary.highestExposure > 0
              ? t("partnership.risks.exposureOf", { exposure: summary.highestExposure })
              : t("partnership.risks.summary.none")}
          </dd>
        </div>
      </dl>
      <table className="mt-4 w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <caption className="px-4 py-2 text-left font-medium">
          {t("partnership.risks.summary.byCategory")}
        </caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("partnership.risks.fields.category")}
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              {t("partnership.risks.summary.count")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {riskCategories.map((category) => (
            <tr key={category}>
              <th scope="row" className="px-4 py-2 font-normal">
                {t(`enums.riskCategory.${category}`)}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{summary.byCategory[category]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RiskMatrix({ risks }: { risks: RiskDetail[] }) {
  const { t } = useTranslation();
  const rows = riskMatrix(risks);
  return (
    <section aria-labelledby="risk-matrix-heading">
      <h2 id="risk-matrix-heading" className="text-lg font-semibold">
        {t("partnership.risks.matrix.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.risks.matrix.description")}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="border-collapse text-sm">
          <caption className="sr-only">{t("partnership.risks.matrix.caption")}</caption>
          <thead>
            <tr>
              <td className="p-2" />
              <th scope="colgroup" colSpan={5} className="p-2 text-center font-medium">
                {t("partnership.risks.fields.impact")}
              </th>
            </tr>
            <tr>
              <th scope="col" className="p-2 text-left font-medium">
                {t("partnership.risks.fields.likelihood")}
              </th>
              {[1, 2, 3, 4, 5].map((impact) => (
                <th key={impact} scope="col" className="w-28 p-2 text-center font-medium">
                  {t("partnership.risks.matrix.impactHeader", { score: impact })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.likelihood}>
                <th scope="row" className="p-2 text-left font-medium">
                  {t("partnership.risks.matrix.likelihoodHeader", { score: row.likelihood })}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.impact}
                    className={`h-20 w-28 border border-white p-2 align-top ${bandTone[cell.band]}`}
                  >
                    <span className="sr-only">
                      {t("partnership.risks.matrix.cellLabel", {
                        exposure: cell.exposure,
                        band: t(`partnership.risks.bands.${cell.band}`),
                      })}
                    </span>
                    <span aria-hidden="true" className="block text-xs">
                      {cell.exposure}
                    </span>
                    {cell.risks.length > 0 ? (
                      <ul className="mt-1 space-y-0.5">
                        {cell.risks.map((risk) => (
                          <li key={risk.id}>
                            <a href={`#risk-${risk.id}`} className="underline">
                              {risk.title}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="mt-3 flex flex-wrap gap-3 text-xs" aria-label={t("partnership.risks.bands.legend")}>
        {exposureBands.map((band) => (
          <li key={band} className={`rounded px-2 py-1 ${bandTone[band]}`}>
            {t("partnership.risks.bands.range", {
              band: t(`partnership.risks.bands.${band}`),
              from: exposureBandRanges[band].from,
              to: exposureBandRanges[band].to,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RiskRegister({
  risks,
  today,
  canEdit,
  archiveError,
}: {
  risks: RiskDetail[];
  today: string;
  canEdit: boolean;
  archiveError: { formId: string; error: string | null; current: Risk | null } | null;
}) {
  const { t, i18n } = useTranslation();
  const none = t("common.none");
  return (
    <section aria-labelledby="risk-register-heading">
      <h2 id="risk-register-heading" className="text-lg font-semibold">
        {t("partnership.risks.register.title")}
      </h2>
      {archiveError?.error ? (
        <div className="mt-3">
          <FormErrors errors={[archiveError.error]} />
        </div>
      ) : null}
      {risks.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("partnership.risks.register.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.title")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.category")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.likelihood")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.impact")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.risks.fields.exposure")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.owner")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.mitigation")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.status")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.risks.fields.reviewOn")}
                </th>
                {canEdit ? (
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("partnership.risks.register.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {risks.map((risk) => {
                const overdue = isReviewOverdue(risk, today);
                return (
                  <tr key={risk.id} id={`risk-${risk.id}`} className="target:bg-brand-50">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {risk.title}
                      {risk.description ? (
                        <p className="font-normal whitespace-pre-line text-slate-700">{risk.description}</p>
                      ) : null}
                    </th>
                    <td className="px-3 py-2">{t(`enums.riskCategory.${risk.category}`)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{risk.likelihood}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{risk.impact}</td>
                    <td className="px-3 py-2 text-right">
                      <span
                        className={`rounded px-2 py-0.5 tabular-nums ${bandTone[exposureBand(risk.exposure)]}`}
                      >
                        {risk.exposure}
                      </span>
                    </td>
                    <td className="px-3 py-2">{risk.ownerName ?? none}</td>
                    <td className="px-3 py-2 whitespace-pre-line">{risk.mitigation ?? none}</td>
                    <td className="px-3 py-2">{t(`enums.riskStatus.${risk.status}`)}</td>
                    <td className="px-3 py-2">
                      {risk.reviewOn ? formatDate(risk.reviewOn, i18n.language) : none}
                      {overdue ? (
                        <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">
                          {t("partnership.risks.register.overdue")}
                        </span>
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap items-center gap-2">
                          <Link
                            to={`?edit=${risk.id}#risk-edit-heading`}
                            className="text-brand-700 underline"
                            aria-label={t("partnership.risks.register.editLabel", { title: risk.title })}
                          >
                            {t("partnership.risks.register.edit")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="archive" />
                            <input type="hidden" name="id" value={risk.id} />
                            <input type="hidden" name="version" value={risk.version} />
                            <button
                              type="submit"
                              className="text-brand-700 underline"
                              aria-label={t("partnership.risks.register.archiveLabel", { title: risk.title })}
                            >
                              {t("partnership.risks.register.archive")}
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RiskForm({
  risk,
  owners,
  answer,
}: {
  risk: RiskDetail | null;
  owners: OrganisationOption[];
  answer: { result: SubmissionResult<string[]> | null; current: Risk | null } | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    // Not "risk-<id>": that is the register row's id (the #risk-<id> links); a second element with
    // it would take the fields' form="..." away from this form.
    id: risk ? `risk-edit-${risk.id}` : "risk-new",
    lastResult: answer?.result ?? undefined,
    defaultValue: risk
      ? {
          id: risk.id,
          version: String(risk.version),
          category: risk.category,
          title: risk.title,
          description: risk.description ?? "",
          likelihood: String(risk.likelihood),
          impact: String(risk.impact),
          ownerOrganisationId: risk.ownerOrganisationId ?? "",
          mitigation: risk.mitigation ?? "",
          status: risk.status,
          reviewOn: risk.reviewOn ?? "",
        }
      : { status: "open", likelihood: "3", impact: "3" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: riskInput }),
    shouldRevalidate: "onInput",
  });
  const current = answer?.current ?? null;
  const selectClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  const textareaClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  const idProps = getInputProps(fields.id, { type: "hidden" });
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-2xl space-y-4">
      <FormErrors errors={form.errors} />
      {current ? (
        <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("partnership.risks.errors.currentValues")}</p>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
            <dt>{t("partnership.risks.fields.title")}</dt>
            <dd>{current.title}</dd>
            <dt>{t("partnership.risks.fields.category")}</dt>
            <dd>{t(`enums.riskCategory.${current.category}`)}</dd>
            <dt>{t("partnership.risks.fields.likelihood")}</dt>
            <dd>{current.likelihood}</dd>
            <dt>{t("partnership.risks.fields.impact")}</dt>
            <dd>{current.impact}</dd>
            <dt>{t("partnership.risks.fields.status")}</dt>
            <dd>{t(`enums.riskStatus.${current.status}`)}</dd>
            <dt>{t("partnership.risks.fields.mitigation")}</dt>
            <dd className="whitespace-pre-line">{current.mitigation ?? t("common.none")}</dd>
          </dl>
          <p className="mt-2">
            <Link
              to={current.archivedAt ? "." : `?edit=${current.id}#risk-edit-heading`}
              reloadDocument
              className="text-brand-700 underline"
            >
              {t("partnership.risks.errors.reload")}
            </Link>
          </p>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="save" />
      {risk ? <input {...idProps} key={idProps.key} /> : null}
      {risk ? <input {...versionProps} key={versionProps.key} /> : null}
      <TextField field={fields.title} label={t("partnership.risks.fields.title")} />
      <div>
        <label htmlFor={fields.category.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.category")}
        </label>
        <select {...getSelectProps(fields.category)} key={fields.category.key} className={selectClass}>
          <option value="">{t("partnership.risks.form.choose")}</option>
          {riskCategories.map((category) => (
            <option key={category} value={category}>
              {t(`enums.riskCategory.${category}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.category.errorId} errors={fields.category.errors} />
      </div>
      <div>
        <label htmlFor={fields.description.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.description")}
        </label>
        <textarea
          {...getTextareaProps(fields.description)}
          key={fields.description.key}
          rows={3}
          className={textareaClass}
        />
        <ErrorList id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <ScoreSelect field={fields.likelihood} label={t("partnership.risks.fields.likelihood")} />
        <ScoreSelect field={fields.impact} label={t("partnership.risks.fields.impact")} />
      </div>
      <div>
        <label htmlFor={fields.ownerOrganisationId.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.owner")}
        </label>
        <select
          {...getSelectProps(fields.ownerOrganisationId)}
          key={fields.ownerOrganisationId.key}
          className={selectClass}
        >
          <option value="">{t("partnership.risks.form.noOwner")}</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
        <ErrorList id={fields.ownerOrganisationId.errorId} errors={fields.ownerOrganisationId.errors} />
      </div>
      <div>
        <label htmlFor={fields.mitigation.id} className="block text-sm font-medium text-slate-800">
          {t("partnership.risks.fields.mitigation")}
        </label>
        <textarea
          {...getTextareaProps(fields.mitigation)}
          key={fields.mitigation.key}
          rows={3}
          className={textareaClass}
        />
        <ErrorList id={fields.mitigation.errorId} errors={fields.mitigation.errors} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <div>
          <label htmlFor={fields.status.id} className="block text-sm font-medium text-slate-800">
            {t("partnership.risks.fields.status")}
          </label>
          <select {...getSelectProps(fields.status)} key={fields.status.key} className={selectClass}>
            {riskStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`enums.riskStatus.${status}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
        </div>
        <TextField field={fields.reviewOn} type="date" label={t("partnership.risks.fields.reviewOn")} />
      </div>
      <SubmitButton pendingLabel={t("partnership.risks.form.pending")}>
        {risk ? t("partnership.risks.form.saveEdit") : t("partnership.risks.form.saveNew")}
      </SubmitButton>
    </Form>
  );
}

function ScoreSelect({ field, label }: { field: Parameters<typeof getSelectProps>[0]; label: string }) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...getSelectProps(field)}
        key={field.key}
        className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
      >
        {[1, 2, 3, 4, 5].map((score) => (
          <option key={score} value={score}>
            {score}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
