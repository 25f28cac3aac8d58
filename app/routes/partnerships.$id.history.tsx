import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/permissions.server";
import { AuditChanges } from "~/components/audit/changes";
import { useAuditLabels } from "~/components/audit/labels";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/pagination";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { parsePageRequest } from "~/lib/pagination";
import { getInstance } from "~/middleware/i18next";
import { confidentialAccess } from "~/models/confidential.server";
import { partnershipHistory } from "~/models/partnership-history.server";
import { findPartnershipHeader } from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships.$id.history";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

// Anyone signed in reads the trail; without full access, risk and health-check entries come
// without their changes (partnership-confidential fields), decided in the model.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  const access = await confidentialAccess(db, user, partnership.id);
  const history = await partnershipHistory(db, partnership.id, access, parsePageRequest(url.searchParams));
  return {
    title: getInstance(context).t("partnership.history.title", { name: partnership.name }),
    history,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function PartnershipHistory({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const { history } = loaderData;
  return (
    <section aria-labelledby="partnership-history-heading">
      <h2 id="partnership-history-heading" className="text-lg font-semibold">
        {t("partnership.history.heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t("partnership.history.count", { count: history.total })}
      </p>
      {history.items.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("partnership.history.empty")}</EmptyState>
        </div>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {history.items.map((entry) => (
            <li key={entry.id} className="px-4 py-3">
              <p className="text-slate-700">
                <time dateTime={new Date(entry.at).toISOString()} className="whitespace-nowrap">
                  {labels.at(new Date(entry.at))}
                </time>
                {t("audit.history.separator")}
                <span className="font-medium text-slate-900">{labels.actor(entry.actor)}</span>
                {t("audit.history.separator")}
                {t("partnership.history.entry", {
                  action: labels.action(entry.action),
                  record: labels.entityType(entry.entityType),
                })}
              </p>
              <div className="mt-1">
                {entry.withheld ? (
                  <p className="text-slate-600">
                    {entry.lifecycle ? `${t(`audit.lifecycle.${entry.lifecycle}`)} · ` : null}
                    {t("partnership.history.withheld")}
                  </p>
                ) : (
                  <AuditChanges entry={entry} />
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={history.page} pages={history.pages} />
    </section>
  );
}
