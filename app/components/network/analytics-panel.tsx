// The analytics panel: the structure of the network (components, isolated organisations, gaps) and
// who is central (degree) or brokers (betweenness). Betweenness may still be computing.
import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { NetworkAnalytics } from "~/lib/network/types";

function ItemList({ items, count }: { items: { id: string; label: string }[]; count: number }) {
  const { t } = useTranslation();
  if (count === 0) return <p className="text-sm text-slate-700">{t("network.analytics.none")}</p>;
  return (
    <ul className="mt-1 list-disc pl-5 text-sm">
      {items.map((item) => (
        <li key={item.id}>
          <Link to={`/organisations/${item.id}`} className="text-brand-700 underline">
            {item.label}
          </Link>
        </li>
      ))}
      {count > items.length ? <li>{t("network.analytics.more", { count: count - items.length })}</li> : null}
    </ul>
  );
}

/**
 * Closed at first, and its contents rendered only once opened: at 1,000 organisations the lists hold
 * some 140 links, which the server would render, the browser hydrate and React Router look up (lazy
 * route discovery) on every visit of the map, for a panel most visits never open.
 */
export function AnalyticsPanel({ analytics }: { analytics: NetworkAnalytics }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="network-analytics"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer font-semibold">{t("network.analytics.title")}</summary>
      {open ? <AnalyticsContents analytics={analytics} /> : null}
    </details>
  );
}

function AnalyticsContents({ analytics }: { analytics: NetworkAnalytics }) {
  const { t } = useTranslation();
  const betweenness = analytics.betweenness;
  return (
    <>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="font-medium text-slate-700">{t("network.analytics.organisations")}</dt>
        <dd>{analytics.organisationCount}</dd>
        <dt className="font-medium text-slate-700">{t("network.analytics.edges")}</dt>
        <dd>{analytics.edgeCount}</dd>
        <dt className="font-medium text-slate-700">{t("network.analytics.components")}</dt>
        <dd>{analytics.components}</dd>
        <dt className="font-medium text-slate-700">{t("network.analytics.largest")}</dt>
        <dd>{analytics.largestComponent}</dd>
      </dl>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        <section aria-labelledby="analytics-isolated">
          <h3 id="analytics-isolated" className="font-semibold">
            {t("network.analytics.isolated", { count: analytics.isolated.count })}
          </h3>
          <ItemList {...analytics.isolated} />
        </section>
        <section aria-labelledby="analytics-municipalities">
          <h3 id="analytics-municipalities" className="font-semibold">
            {t("network.analytics.municipalitiesWithoutCso", {
              count: analytics.municipalitiesWithoutCsoPartner.count,
            })}
          </h3>
          <ItemList {...analytics.municipalitiesWithoutCsoPartner} />
        </section>
        <section aria-labelledby="analytics-national">
          <h3 id="analytics-national" className="font-semibold">
            {t("network.analytics.nationalWithoutLocal", {
              count: analytics.nationalWithoutLocalPartner.count,
            })}
          </h3>
          <ItemList {...analytics.nationalWithoutLocalPartner} />
        </section>
      </div>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="analytics-degree">
          <h3 id="analytics-degree" className="font-semibold">
            {t("network.analytics.topDegree")}
          </h3>
          <ol className="mt-1 list-decimal pl-5 text-sm">
            {analytics.topDegree.map((entry) => (
              <li key={entry.id}>
                <Link to={`/organisations/${entry.id}`} className="text-brand-700 underline">
                  {entry.label}
                </Link>{" "}
                <span className="text-slate-700">
                  {t("network.analytics.degree", { count: entry.degree })}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="analytics-brokers">
          <h3 id="analytics-brokers" className="font-semibold">
            {t("network.analytics.brokers")}
          </h3>
          <p className="text-sm text-slate-700" aria-live="polite" data-testid="betweenness-status">
            {!betweenness || betweenness.status === "computing"
              ? t("network.analytics.computing")
              : betweenness.status === "failed"
                ? t("network.analytics.failed")
                : betweenness.method === "exact"
                  ? t("network.analytics.exact")
                  : t("network.analytics.sampled", { count: betweenness.samples ?? 0 })}
          </p>
          {betweenness && betweenness.top.length > 0 ? (
            <ol className="mt-1 list-decimal pl-5 text-sm">
              {betweenness.top.map((entry) => (
                <li key={entry.id}>
                  <Link to={`/organisations/${entry.id}`} className="text-brand-700 underline">
                    {entry.label}
                  </Link>{" "}
                  <span className="text-slate-700">{entry.value.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      </div>
    </>
  );
}
