import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import { can, forbidden, requirePermission, requireUser } from "~/auth/permissions.server";
import { EmptyState } from "~/components/empty-state";
import { HealthCheckForm, type HealthCheckAnswer } from "~/components/partnerships/health-check-form";
import {
  MemberAnswers,
  PeriodSelector,
  PeriodSummary,
  TrendChart,
} from "~/components/partnerships/health-summary";
import { useTranslation } from "~/i18n/use-translation";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { periodOf, recentPeriods } from "~/lib/periods";
import { healthCheckInput } from "~/lib/validation/risk-health";
import { getInstance } from "~/middleware/i18next";
import { healthChecksFor } from "~/models/confidential.server";
import { submitHealthCheck, submittableOrganisations } from "~/models/health-checks.server";
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
    return data<HealthCheckAnswer>({ result: submission.reply(), notice: null }, { status: 400 });
  }
  // The respondent comes from the form: it must be one this user may answer for, today.
  const allowed = await submittableOrganisations(db, user, partnership.id);
  if (!allowed.some((organisation) => organisation.id === submission.value.respondentOrganisationId)) {
    throw forbidden();
  }
  const outcome = await submitHealthCheck(db, user, partnership.id, submission.value);
  if (!outcome.ok) {
    return data<HealthCheckAnswer>(
      {
        result: submission.reply({
          fieldErrors: { respondentOrganisationId: ["partnership.health.errors.notMember"] },
        }),
        notice: null,
      },
      { status: 400 },
    );
  }
  return data<HealthCheckAnswer>({
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
