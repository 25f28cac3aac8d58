// The side panel of the map: the organisation a user clicked (or pressed Enter on), read from the
// organisation page's own loader (its partnerships, the risks the viewer may see, relationships),
// with the node's metrics. Focus moves into it when it opens; Escape or the button closes it.
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Link, useFetcher } from "react-router";
import type { NetworkAnalytics } from "~/lib/network/types";
import { trustBand } from "~/lib/signals";
import type { loader as organisationLoader } from "~/routes/organisations.$id";
import type { OrganisationNodeData } from "./nodes";

export function SidePanel({
  organisationId,
  node,
  analytics,
  trustByPartnership,
  onClose,
}: {
  organisationId: string;
  /** The organisation's node in the current view, if it is drawn. */
  node: OrganisationNodeData | null;
  analytics: NetworkAnalytics | null;
  /** Trust index of partnerships drawn as hubs (the map's own aggregates). */
  trustByPartnership: ReadonlyMap<string, number | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof organisationLoader>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { load } = fetcher;

  useEffect(() => {
    void load(`/organisations/${organisationId}`);
  }, [organisationId, load]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [organisationId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const data = fetcher.data && fetcher.data.organisation.id === organisationId ? fetcher.data : null;
  const loading = fetcher.state !== "idle" || !data;
  const betweenness = analytics?.betweenness?.top.find((entry) => entry.id === organisationId) ?? null;
  const name = data?.organisation.name ?? node?.name ?? "";

  return (
    <aside
      aria-labelledby="network-panel-heading"
      className="w-full shrink-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 lg:w-96"
      data-testid="network-panel"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="network-panel-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
          {name || t("network.panel.loading")}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-100"
        >
          {t("network.panel.close")}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {loading ? t("network.panel.loading") : null}
      </p>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        {node ? (
          <>
            <dt className="font-medium text-slate-700">{t("organisation.fields.type")}</dt>
            <dd>{t(`enums.organisationType.${node.type}`)}</dd>
            <dt className="font-medium text-slate-700">{t("organisation.fields.level")}</dt>
            <dd>{t(`enums.level.${node.level}`)}</dd>
            <dt className="font-medium text-slate-700">{t("organisation.fields.countryCode")}</dt>
            <dd>{node.countryCode ?? t("common.international")}</dd>
            <dt className="font-medium text-slate-700">{t("network.panel.degree")}</dt>
            <dd>{node.degree}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-700">{t("network.panel.betweenness")}</dt>
        <dd>
          {betweenness
            ? betweenness.value.toFixed(3)
            : analytics?.betweenness?.status === "ready"
              ? t("network.panel.betweennessNotTop")
              : analytics?.betweenness?.status === "failed"
                ? t("network.analytics.failed")
                : t("network.analytics.computing")}
        </dd>
      </dl>
      {data ? (
        <>
          {data.organisation.mandate ? (
            <p className="text-sm text-slate-800">{data.organisation.mandate}</p>
          ) : null}
          <section aria-labelledby="network-panel-partnerships">
            <h3 id="network-panel-partnerships" className="font-semibold">
              {t("organisation.partnerships.title")}
            </h3>
            {data.partnerships.length === 0 ? (
              <p className="text-sm text-slate-700">{t("organisation.partnerships.empty")}</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {data.partnerships.map((membership) => {
                  const trust = trustByPartnership.get(membership.partnershipId);
                  return (
                    <li key={membership.partnershipId}>
                      <Link
                        to={`/partnerships/${membership.partnershipId}`}
                        className="text-brand-700 underline"
                      >
                        {membership.partnershipName}
                      </Link>{" "}
                      <span className="text-slate-700">
                        {t("network.panel.membership", {
                          role: t(`enums.memberRole.${membership.role}`),
                          status: t(`enums.partnershipStatus.${membership.status}`),
                        })}
                      </span>
                      {trust !== undefined ? (
                        <span className="ml-1 text-slate-700">
                          {trust === null
                            ? t("network.panel.trustNone")
                            : t("network.panel.trust", {
                                value: trust.toFixed(1),
                                band: t(`network.legend.trust.${trustBand(trust)}`),
                              })}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section aria-labelledby="network-panel-risks">
            <h3 id="network-panel-risks" className="font-semibold">
              {t("organisation.risks.title")}
            </h3>
            {data.risks.length === 0 ? (
              <p className="text-sm text-slate-700">{t("organisation.risks.empty")}</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {data.risks.map((risk) => (
                  <li key={risk.id}>
                    {risk.confidential ? t("organisation.risks.hidden") : risk.title}{" "}
                    <span className="text-slate-700">
                      {t("organisation.risks.summary", {
                        category: t(`enums.riskCategory.${risk.category}`),
                        exposure: risk.exposure,
                      })}
                    </span>{" "}
                    <span className="text-slate-700">{risk.partnershipName}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {data.relationships.length > 0 ? (
            <section aria-labelledby="network-panel-relationships">
              <h3 id="network-panel-relationships" className="font-semibold">
                {t("network.panel.relationships")}
              </h3>
              <ul className="mt-1 space-y-1 text-sm">
                {data.relationships.map((relationship) => (
                  <li key={relationship.id}>
                    {relationship.direction === "outgoing"
                      ? t("network.panel.relationshipOut", {
                          type: t(`enums.relationshipType.${relationship.type}`),
                          other: relationship.other.name,
                        })
                      : t("network.panel.relationshipIn", {
                          type: t(`enums.relationshipType.${relationship.type}`),
                          other: relationship.other.name,
                        })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      <p>
        <Link
          to={`/organisations/${organisationId}`}
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("network.panel.openPage", { name })}
        </Link>
      </p>
    </aside>
  );
}
