import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { findPartnershipOverview } from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships.$id._index";

export async function loader({ context, params, url }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:read");
  const partnership = await findPartnershipOverview(context.get(dbContext), params.id);
  if (!partnership) throw data(null, { status: 404, statusText: "Not Found" });
  return { partnership };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.partnership.name);

export default function PartnershipOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { partnership } = loaderData;
  const none = t("common.none");
  const rows = [
    [t("partnership.fields.status"), t(`enums.partnershipStatus.${partnership.status}`)],
    [
      t("partnership.fields.startDate"),
      partnership.startDate ? formatDate(partnership.startDate, i18n.language) : none,
    ],
    [
      t("partnership.fields.endDate"),
      partnership.endDate ? formatDate(partnership.endDate, i18n.language) : none,
    ],
    [t("partnership.fields.country"), partnership.countryCode ?? t("common.international")],
    [t("partnership.fields.formalisation"), t(`enums.formalisation.${partnership.formalisation}`)],
    [t("partnership.fields.governance"), partnership.governance ?? none],
  ] as const;
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <section className="md:col-span-2" aria-labelledby="partnership-description">
        <h2 id="partnership-description" className="text-lg font-semibold">
          {t("partnership.fields.description")}
        </h2>
        <p className="mt-2 whitespace-pre-line text-slate-800">{partnership.description ?? none}</p>
      </section>
      <dl className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium whitespace-pre-line">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
