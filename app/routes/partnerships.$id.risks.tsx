import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { ArchivedRisks, RiskForm } from "~/components/risks/risk-forms";
import { RiskAggregates, RiskMatrix, RiskRegister } from "~/components/risks/risk-register";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { riskCommandInput, riskInput } from "~/lib/validation/risk-health";
import { getInstance } from "~/middleware/i18next";
import { riskRegisterFor } from "~/models/confidential.server";
import { memberOrganisationOptions } from "~/models/health-checks.server";
import { findPartnershipHeader } from "~/models/partnerships.server";
import { archivedRisks, saveRisk, setRiskArchived, type Risk } from "~/models/risks.server";
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
