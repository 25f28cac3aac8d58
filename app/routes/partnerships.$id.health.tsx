import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form } from "react-router";
import { can, forbidden, requirePermission, requireUser } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { ErrorList, FormErrors, SubmitButton } from "~/components/form";
import { dbContext } from "~/db/context";
import { healthDimensions, type HealthDimension } from "~/lib/enums";
import { pageTitle } from "~/lib/meta";
import { periodOf, recentPeriods } from "~/lib/periods";
import { disagreements } from "~/lib/health";
import { healthCheckInput } from "~/lib/validation/risk-health";
import { getInstance } from "~/middleware/i18next";
import { healthChecksFor, type HealthAnswer, type HealthPeriodSummary } from "~/models/confidential.server";
import {
  submitHealthCheck,
  submittableOrganisations,
  type OrganisationOption,
} from "~/models/health-checks.server";
import { findPartnershipHeader } from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships.$id.health";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** How many quarters back the form offers (the current one first). */
const FORM_PERIODS = 8;

// Anyone signed in reads; healthChecksFor decides whether they get each member's answer or the
// aggregates only. The form lists only the member organisations the user may answer for.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  const mayAnswer = can(user, "healthcheck:submit:own-organisation") && partnership.archivedAt === null;
  const [view, respondents] = await Promise.all([
    healthChecksFor(db, user, partnership.id, url.searchParams.get("period")),
    mayAnswer ? submittableOrganisations(db, user, partnership.id) : Promise.resolve([]),
  ]);
  return {
    title: getInstance(context).t("partnership.health.title", { name: partnership.name }),
    view,
    respondents,
    formPeriods: recentPeriods(FORM_PERIODS),
    currentPeriod: periodOf(),
  };
}

interface Answer {
  result: SubmissionResult<string[]>;
  /** What was done (an i18n key). */
  notice: string | null;
}

// Users of a member organisation (not viewers) answer for it; coordinators for any member.
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const user = requireUser(context, url);
  if (!can(user, "healthcheck:submit:own-organisation")) throw forbidden();
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  if (partnership.archivedAt !== null) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: healthCheckInput });
  if (submission.status !== "success") {
    return data<Answer>({ result: submission.reply(), notice: null }, { status: 400 });
  }
  // The respondent comes from the form: it must be one this user may answer for, today.
  const allowed = await submittableOrganisations(db, user, partnership.id);
  if (!allowed.some((organisation) => organisation.id === submission.value.respondentOrganisationId)) {
    throw forbidden();
  }
  const outcome = await submitHealthCheck(db, user, partnership.id, submission.value);
  if (!outcome.ok) {
    return data<Answer>(
      {
        result: submission.reply({
          fieldErrors: { respondentOrganisationId: ["partnership.health.errors.notMember"] },
        }),
        notice: null,
      },
      { status: 400 },
    );
  }
  return data<Answer>({
    result: submission.reply({ resetForm: true }),
    notice: outcome.replaced ? "partnership.health.form.replaced" : "partnership.health.form.saved",
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function PartnershipHealth({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { view, respondents, formPeriods, currentPeriod } = loaderData;
  const { summary } = view;
  return (
    <div className="space-y-10">
      {summary.period === null ? (
        <EmptyState>{t("partnership.health.empty")}</EmptyState>
      ) : (
        <>
          <PeriodSelector periods={summary.periods} period={summary.period} />
          {summary.current ? <PeriodSummary summary={summary.current} /> : null}
          {view.access === "full" ? (
            <MemberAnswers answers={view.answers} />
          ) : (
            <p className="text-sm text-slate-700">{t("partnership.health.confidential")}</p>
          )}
          <TrendChart trend={summary.trend} />
        </>
      )}
      {respondents.length > 0 ? (
        <HealthCheckForm
          respondents={respondents}
          periods={formPeriods}
          currentPeriod={currentPeriod}
          answer={actionData ?? null}
        />
      ) : null}
    </div>
  );
}

function PeriodSelector({ periods, period }: { periods: string[]; period: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="health-period" className="block text-sm font-medium text-slate-800">
          {t("partnership.health.period")}
        </label>
        <select
          id="health-period"
          name="period"
          defaultValue={period}
          key={period}
          className="mt-1 block rounded border border-slate-300 px-3 py-2 text-sm"
        >
          {periods.includes(period) ? null : <option value={period}>{period}</option>}
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
      >
        {t("partnership.health.show")}
      </button>
    </Form>
  );
}

function PeriodSummary({ summary }: { summary: HealthPeriodSummary }) {
  const { t } = useTranslation();
  const disagreed = disagreements(summary.dimensions);
  return (
    <section aria-labelledby="health-summary-heading">
      <h2 id="health-summary-heading" className="text-lg font-semibold">
        {t("partnership.health.summary.title", { period: summary.period })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t("partnership.health.summary.respondents", { count: summary.respondents })}
      </p>
      {disagreed.length > 0 ? (
        <div
          role="note"
          className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p className="font-medium">{t("partnership.health.disagreement.title")}</p>
          <p>
            {t("partnership.health.disagreement.list", {
              dimensions: disagreed.map((d) => t(`enums.healthDimension.${d}`)).join(", "),
            })}
          </p>
        </div>
      ) : null}
      {summary.respondents === 0 ? null : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("partnership.health.summary.dimension")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.mean")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.spread")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("partnership.health.summary.answers")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {healthDimensions.map((dimension) => {
                const aggregate = summary.dimensions[dimension];
                const disagree = disagreed.includes(dimension);
                return (
                  <tr key={dimension} className={disagree ? "bg-amber-50" : undefined}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {t(`enums.healthDimension.${dimension}`)}
                      {disagree ? (
                        <span className="ml-2 rounded bg-amber-200 px-2 py-0.5 text-xs font-medium text-amber-950">
                          {t("partnership.health.disagreement.badge")}
                        </span>
                      ) : null}
                    </th>
                    {aggregate.withheld ? (
                      <td colSpan={2} className="px-3 py-2 text-right text-slate-600">
                        {t("partnership.health.summary.withheld")}
                      </td>
                    ) : (
                      <>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {aggregate.mean ?? t("common.none")}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {aggregate.spread ?? t("common.none")}
                        </td>
                      </>
                    )}
                    <td className="px-3 py-2 text-right tabular-nums">{aggregate.respondents}</td>
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

function MemberAnswers({ answers }: { answers: HealthAnswer[] }) {
  const { t } = useTranslation();
  if (answers.length === 0) return null;
  return (
    <section aria-labelledby="health-answers-heading">
      <h2 id="health-answers-heading" className="text-lg font-semibold">
        {t("partnership.health.answers.title")}
      </h2>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.answers.member")}
              </th>
              {healthDimensions.map((dimension) => (
                <th key={dimension} scope="col" className="px-3 py-2 text-right font-medium">
                  {t(`enums.healthDimension.${dimension}`)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.fields.comment")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {answers.map((answer) => (
              <tr key={answer.respondentOrganisationId}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {answer.respondentName}
                </th>
                {healthDimensions.map((dimension) => (
                  <td key={dimension} className="px-3 py-2 text-right tabular-nums">
                    {answer.scores[dimension] ?? t("common.none")}
                  </td>
                ))}
                <td className="px-3 py-2 whitespace-pre-line">{answer.comment ?? t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const CHART = { width: 560, height: 220, left: 40, right: 16, top: 16, bottom: 36 } as const;

/** The trust index per period as an inline SVG line chart, with the numbers in a table below. */
function TrendChart({ trend }: { trend: HealthPeriodSummary[] }) {
  const { t } = useTranslation();
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (i: number) =>
    CHART.left + (trend.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (trend.length - 1));
  const y = (score: number) => CHART.top + ((5 - score) * plotHeight) / 4;
  const points = trend.flatMap((summary, i) =>
    summary.trustIndex === null ? [] : [{ x: x(i), y: y(summary.trustIndex), summary }],
  );
  return (
    <section aria-labelledby="health-trend-heading">
      <h2 id="health-trend-heading" className="text-lg font-semibold">
        {t("partnership.health.trend.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.health.trend.description")}</p>
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        className="mt-3 w-full max-w-2xl rounded-lg border border-slate-200 bg-white"
        role="img"
        aria-labelledby="health-trend-svg-title"
        aria-describedby="health-trend-table"
      >
        <title id="health-trend-svg-title">{t("partnership.health.trend.chartLabel")}</title>
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line
              x1={CHART.left}
              x2={CHART.width - CHART.right}
              y1={y(score)}
              y2={y(score)}
              className="stroke-slate-200"
            />
            <text x={CHART.left - 8} y={y(score) + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
              {score}
            </text>
          </g>
        ))}
        {trend.map((summary, i) => (
          <text
            key={summary.period}
            x={x(i)}
            y={CHART.height - 12}
            textAnchor="middle"
            className="fill-slate-600 text-[11px]"
          >
            {summary.period}
          </text>
        ))}
        {points.length > 1 ? (
          <polyline
            points={points.map((p) => `${p.x},${p.y}`).join(" ")}
            fill="none"
            className="stroke-brand-700"
            strokeWidth={2}
          />
        ) : null}
        {points.map((p) => (
          <circle key={p.summary.period} cx={p.x} cy={p.y} r={4} className="fill-brand-700" />
        ))}
      </svg>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table id="health-trend-table" className="min-w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-medium">
            {t("partnership.health.trend.tableCaption")}
          </caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("partnership.health.period")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("partnership.health.trend.trustIndex")}
              </th>
              {healthDimensions.map((dimension) => (
                <th key={dimension} scope="col" className="px-3 py-2 text-right font-medium">
                  {t(`enums.healthDimension.${dimension}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {trend.map((summary) => (
              <tr key={summary.period}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {summary.period}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">
                  {summary.trustIndex ?? t("common.none")}
                </td>
                {healthDimensions.map((dimension) => (
                  <td key={dimension} className="px-3 py-2 text-right tabular-nums">
                    {summary.dimensions[dimension].mean ?? t("common.none")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HealthCheckForm({
  respondents,
  periods,
  currentPeriod,
  answer,
}: {
  respondents: OrganisationOption[];
  periods: string[];
  currentPeriod: string;
  answer: Answer | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "health-check",
    lastResult: answer?.result,
    defaultValue: {
      respondentOrganisationId: respondents.length === 1 ? respondents[0]?.id : "",
      period: currentPeriod,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: healthCheckInput }),
    shouldRevalidate: "onInput",
  });
  const selectClass =
    "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";
  return (
    <section aria-labelledby="health-form-heading" className="max-w-2xl">
      <h2 id="health-form-heading" className="text-lg font-semibold">
        {t("partnership.health.form.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("partnership.health.form.hint")}</p>
      {answer?.notice ? (
        <p
          role="status"
          className="mt-3 rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800"
        >
          {t(answer.notice as "partnership.health.form.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <div className="grid grid-cols-2 gap-4">
          <div>
            <label
              htmlFor={fields.respondentOrganisationId.id}
              className="block text-sm font-medium text-slate-800"
            >
              {t("partnership.health.fields.respondent")}
            </label>
            <select
              {...getSelectProps(fields.respondentOrganisationId)}
              key={fields.respondentOrganisationId.key}
              className={selectClass}
            >
              {respondents.length > 1 ? (
                <option value="">{t("partnership.health.form.choose")}</option>
              ) : null}
              {respondents.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
            <ErrorList
              id={fields.respondentOrganisationId.errorId}
              errors={fields.respondentOrganisationId.errors}
            />
          </div>
          <div>
            <label htmlFor={fields.period.id} className="block text-sm font-medium text-slate-800">
              {t("partnership.health.period")}
            </label>
            <select {...getSelectProps(fields.period)} key={fields.period.key} className={selectClass}>
              {periods.map((period) => (
                <option key={period} value={period}>
                  {period}
                </option>
              ))}
            </select>
            <ErrorList id={fields.period.errorId} errors={fields.period.errors} />
          </div>
        </div>
        {healthDimensions.map((dimension) => (
          <ScoreRadios key={dimension} dimension={dimension} field={fields[dimension]} />
        ))}
        <div>
          <label htmlFor={fields.comment.id} className="block text-sm font-medium text-slate-800">
            {t("partnership.health.fields.comment")}
          </label>
          <textarea
            {...getTextareaProps(fields.comment)}
            key={fields.comment.key}
            rows={3}
            className={selectClass}
          />
          <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        <SubmitButton pendingLabel={t("partnership.health.form.pending")}>
          {t("partnership.health.form.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function ScoreRadios({
  dimension,
  field,
}: {
  dimension: HealthDimension;
  field: {
    id: string;
    name: string;
    errorId: string;
    errors?: string[] | undefined;
    initialValue?: unknown;
    key?: string | undefined;
  };
}) {
  const { t } = useTranslation();
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? field.errorId : undefined}
      className="rounded border border-slate-200 p-3"
    >
      <legend className="px-1 text-sm font-medium text-slate-800">
        {t(`enums.healthDimension.${dimension}`)}
      </legend>
      <div className="flex flex-wrap gap-4" key={field.key}>
        {[1, 2, 3, 4, 5].map((score) => (
          <label key={score} className="inline-flex items-center gap-1 text-sm">
            <input
              type="radio"
              name={field.name}
              value={score}
              defaultChecked={field.initialValue === String(score)}
            />
            {t("partnership.health.form.score", { score })}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
