import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { LinkedActions } from "~/components/actions/linked-actions";
import { SignalList } from "~/components/partnerships/signals";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import type { AttentionItem } from "~/lib/attention";
import { linkedActionsView } from "~/models/linked-actions.server";
import { loadPartnershipOverview } from "~/models/partnership-overview.server";
import type { Route } from "./+types/partnerships.$id._index";

// The partnership at a glance: its fields, signals, what needs attention (risk titles only for a
// viewer with confidential access: the query reads them for no one else) and the follow-ups. Three
// queries sent together, whatever the partnership holds (one for the overview, linkedActionsView's
// two for the follow-ups), with statements built once per database handle; the layout reads the
// header. The permission is checked first; an unknown or malformed id answers 404.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const today = todayIso();
  const [overview, actions] = await Promise.all([
    loadPartnershipOverview(db, params.id, user, today),
    can(user, "action:read")
      ? linkedActionsView(db, { kind: "partnership", id: params.id }, today)
      : Promise.resolve(null),
  ]);
  if (!overview) throw data(null, { status: 404, statusText: "Not Found" });
  const { partnership, signals, attention } = overview;
  return {
    partnership,
    signals,
    attention,
    canEdit: can(user, "partnership:write"),
    actions,
    canWriteActions: can(user, "action:write"),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.partnership.name);

export default function PartnershipOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { partnership, signals, attention, canEdit, actions, canWriteActions } = loaderData;
  const none = t("common.none");
  const date = (value: string | null) => (value ? formatDate(value, i18n.language) : none);
  const rows = [
    [t("partnership.fields.status"), t(`enums.partnershipStatus.${partnership.status}`)],
    [t("partnership.fields.startDate"), date(partnership.startDate)],
    [t("partnership.fields.endDate"), date(partnership.endDate)],
    [
      t("partnership.overview.scope"),
      partnership.scopeLevel ? t(`enums.level.${partnership.scopeLevel}`) : none,
    ],
    [t("partnership.fields.country"), partnership.countryCode ?? t("common.international")],
    [t("partnership.fields.formalisation"), t(`enums.formalisation.${partnership.formalisation}`)],
    [t("partnership.fields.governance"), partnership.governance ?? none],
  ] as const;
  return (
    <div className="space-y-8">
      <div className="grid gap-6 md:grid-cols-3">
        <section className="md:col-span-2" aria-labelledby="partnership-description">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="partnership-description" className="text-lg font-semibold">
              {t("partnership.fields.description")}
            </h2>
            {canEdit ? (
              <Link to="edit" className="text-sm text-brand-700 underline">
                {t("partnership.form.edit")}
              </Link>
            ) : null}
          </div>
          <p className="mt-2 whitespace-pre-line text-slate-800">{partnership.description ?? none}</p>
        </section>
        <dl
          aria-label={t("partnership.overview.details")}
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
        >
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-medium whitespace-pre-line">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <section aria-labelledby="partnership-signals">
        <h2 id="partnership-signals" className="mb-3 text-lg font-semibold">
          {t("partnership.overview.signals")}
        </h2>
        <SignalList signals={signals} />
      </section>
      <section aria-labelledby="partnership-attention">
        <h2 id="partnership-attention" className="mb-3 text-lg font-semibold">
          {t("partnership.overview.attention")}
        </h2>
        {attention.length === 0 ? (
          <p className="text-sm text-slate-700">{t("partnership.overview.attentionNone")}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {attention.map((item, i) => (
              <li key={`${item.kind}-${i}`}>
                <AttentionText item={item} locale={i18n.language} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {actions ? (
        <LinkedActions
          actions={actions}
          seeAllHref={`/actions?partnership=${partnership.id}`}
          canWrite={canWriteActions}
        />
      ) : null}
    </div>
  );
}

function AttentionText({ item, locale }: { item: AttentionItem; locale: string }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case "tooFewMembers":
      return <>{t("partnership.overview.items.tooFewMembers", { count: item.count })}</>;
    case "missingLead":
      return <>{t("partnership.overview.items.missingLead")}</>;
    case "objectiveOverdue":
      return (
        <>
          {t("partnership.overview.items.objectiveOverdue", {
            title: item.title,
            date: formatDate(item.dueDate, locale),
          })}
        </>
      );
    case "objectiveNotClearlyDefined":
      return <>{t("partnership.overview.items.objectiveNotClearlyDefined", { title: item.title })}</>;
    case "riskReviewsOverdue":
      return item.titles ? (
        <>{t("partnership.overview.items.riskReviewsOverdueTitles", { titles: item.titles.join(", ") })}</>
      ) : (
        <>{t("partnership.overview.items.riskReviewsOverdue", { count: item.count })}</>
      );
    case "fundingEndsBeforeObjectives":
      return (
        <>
          {t("partnership.overview.items.fundingEndsBeforeObjectives", {
            fundingEnds: formatDate(item.fundingEnds, locale),
            objectivesDue: formatDate(item.objectivesDue, locale),
          })}
        </>
      );
  }
}
