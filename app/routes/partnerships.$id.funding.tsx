import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { FundingLineForm } from "~/components/funding/funding-line-form";
import { FundingLinesTable, FundingTotals, FundingWarnings } from "~/components/funding/funding-summary";
import { StaleNotice } from "~/components/records/fields";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/funding";
import {
  fundingLineInput,
  fundingRefusalFieldErrors,
  recordCommandInput,
} from "~/lib/validation/partnership-records";
import {
  fundingFormOptions,
  fundingOverview,
  saveFundingLine,
  setFundingLineArchived,
  type FundingLine,
} from "~/models/funding.server";
import { isUuid } from "~/models/partnerships.server";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/partnerships.$id.funding";

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
  const [overview, options] = await Promise.all([
    fundingOverview(db, { partnershipId }),
    canEdit ? fundingFormOptions(db, { partnershipId }) : Promise.resolve({ funders: [], recipients: [] }),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (overview.lines.find((line) => line.id === editId) ?? null) : null;
  return {
    title: getInstance(context).t("partnership.funding.title"),
    ...overview,
    ...options,
    canEdit,
    editing,
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
  /** The line the form was about (null: a new one). */
  lineId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The line as it is now, when the save was refused because someone else changed it. */
  current: FundingLine | null;
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>({ lineId: null, result: null, current: null, ...body }, { status });
}

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const owner = { partnershipId: partnershipIdFrom(params) };
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: fundingLineInput });
    const lineId = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;
    if (submission.status !== "success") return answer({ lineId, result: submission.reply() }, 400);
    const outcome = await saveFundingLine(db, actor, owner, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    switch (outcome.reason) {
      case "notFound":
        throw notFound();
      case "stale":
        return answer({ lineId, result: submission.reply(), current: outcome.current }, 409);
      default:
        return answer(
          { lineId, result: submission.reply({ fieldErrors: fundingRefusalFieldErrors(outcome.reason) }) },
          400,
        );
    }
  }

  const command = recordCommandInput.safeParse({
    intent,
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await setFundingLineArchived(db, actor, owner, command.data);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") return answer({ lineId: command.data.id, current: outcome.current }, 409);
  throw notFound();
}

export default function PartnershipFunding({ loaderData, actionData }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const { lines, archived, totals, warnings, funders, recipients, canEdit, editing, basePath } = loaderData;
  const current = actionData?.current ?? null;
  const formLine = editing ?? null;
  const lastResult =
    actionData?.result && actionData.lineId === (formLine?.id ?? null) ? actionData.result : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="funding-heading" className="space-y-4">
        <div>
          <h2 id="funding-heading" className="text-lg font-semibold">
            {t("partnership.funding.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("partnership.funding.intro")}</p>
        </div>
        <FundingWarnings warnings={warnings} />
        <FundingTotals totals={totals} />
        <FundingLinesTable lines={lines} canEdit={canEdit} editHref={(id) => `${basePath}?edit=${id}`} />
      </section>

      {canEdit ? (
        <section aria-labelledby="funding-form-heading" className="max-w-3xl space-y-4">
          <h2 id="funding-form-heading" className="text-lg font-semibold">
            {formLine ? t("funding.edit") : t("funding.add")}
          </h2>
          {current ? (
            <StaleNotice
              message={t("funding.stale")}
              currentValuesLabel={t("funding.currentValues")}
              reloadHref={current.archivedAt ? basePath : `${basePath}?edit=${current.id}`}
              reloadLabel={t("funding.reload")}
              values={[
                [t("funding.fields.source"), t(`enums.fundingSource.${current.source}`)],
                [t("funding.fields.reference"), current.reference ?? ""],
                [
                  t("funding.fields.amount"),
                  current.amount === null ? "" : formatMoney(current.amount, current.currency, i18n.language),
                ],
                [
                  t("funding.fields.cofinancingRate"),
                  current.cofinancingRate === null ? "" : String(current.cofinancingRate),
                ],
                [
                  t("funding.fields.startsOn"),
                  current.startsOn ? formatDate(current.startsOn, i18n.language) : "",
                ],
                [t("funding.fields.endsOn"), current.endsOn ? formatDate(current.endsOn, i18n.language) : ""],
                [t("funding.fields.stage"), t(`enums.fundingStage.${current.stage}`)],
              ]}
            />
          ) : null}
          <FundingLineForm
            key={formLine ? `${formLine.id}-${formLine.version}` : `new-${location.key}`}
            line={formLine}
            lastResult={lastResult}
            funders={funders}
            recipients={recipients}
            cancelHref={basePath}
          />
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="funding-archived-heading" className="space-y-2">
          <h2 id="funding-archived-heading" className="text-lg font-semibold">
            {t("funding.archivedTitle")}
          </h2>
          <FundingLinesTable lines={archived} canEdit archived editHref={() => basePath} />
        </section>
      ) : null}
    </div>
  );
}
