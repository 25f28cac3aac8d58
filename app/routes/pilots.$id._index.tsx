import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import { LinkedActions } from "~/components/actions/linked-actions";
import { SignalBadges } from "~/components/partnerships/signals";
import { DocumentLink } from "~/components/records/documents-tab";
import { PilotAlerts } from "~/components/pilots/milestones-alerts";
import { formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/funding";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { can, requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { pathwaysByGroup } from "~/lib/outcomes";
import { linkedActionsView } from "~/models/linked-actions.server";
import { loadPilotOverview } from "~/models/pilot-overview.server";
import { outcomeGroups } from "~/lib/enums";
import type { Route } from "./+types/pilots.$id._index";

// The pilot at a glance: its fields, the partnership's signals, documents, funding, alerts, the
// latest outcome period and the follow-ups. Four queries sent together, whatever the pilot holds
// (two for the overview, two for the follow-ups), with statements built once per database handle.
// The permission is checked first; the pilot itself comes with the overview (null for an unknown or
// malformed id: 404), so there is no separate header query here (the layout reads the header).
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "pilot:read");
  const db = context.get(dbContext);
  const today = todayIso();
  const [overview, actions] = await Promise.all([
    loadPilotOverview(db, params.id, today),
    can(user, "action:read")
      ? linkedActionsView(db, { kind: "pilot", id: params.id }, today)
      : Promise.resolve(null),
  ]);
  if (!overview) throw data(null, { status: 404, statusText: "Not Found" });
  const { pilot, signals, documents, funding, alerts, latestPeriod } = overview;
  return {
    title: pilot.name,
    pilot,
    signals,
    documents,
    funding,
    alerts,
    latestPeriod,
    actions,
    canWriteActions: can(user, "action:write"),
  };
}

// The overview's document title is the pilot's name alone (as a partnership's overview).
export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      <div className="mt-2 text-sm">{children}</div>
    </section>
  );
}

export default function PilotOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { pilot, signals, documents, funding, alerts, latestPeriod, actions, canWriteActions } = loaderData;
  const none = t("common.none");
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : none);
  const chosen = new Set(pilot.pathways);
  const byGroup = pathwaysByGroup();
  const rows: readonly (readonly [string, React.ReactNode])[] = [
    [
      t("pilot.fields.municipality"),
      <Link key="m" to={`/municipalities/${pilot.municipalityId}`} className="text-brand-700 underline">
        {pilot.municipalityName}
      </Link>,
    ],
    [
      t("pilot.fields.partnership"),
      pilot.partnershipId ? (
        <Link key="p" to={`/partnerships/${pilot.partnershipId}`} className="text-brand-700 underline">
          {pilot.partnershipName}
        </Link>
      ) : (
        t("pilot.overview.noPartnership")
      ),
    ],
    [t("pilot.fields.targetGroup"), t(`enums.targetGroup.${pilot.targetGroup}`)],
    [t("pilot.fields.status"), t(`enums.pilotStatus.${pilot.status}`)],
    [t("pilot.fields.startsOn"), day(pilot.startsOn)],
    [t("pilot.fields.endsOn"), day(pilot.endsOn)],
    [
      t("pilot.fields.capacity"),
      pilot.capacity === null ? none : t("pilot.overview.capacityValue", { count: pilot.capacity }),
    ],
  ];
  return (
    <div className="space-y-6" data-testid="pilot-overview">
      <div className="grid gap-6 md:grid-cols-3">
        <div className="space-y-6 md:col-span-2">
          <Section id="pilot-details" title={t("pilot.overview.details")}>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
              {rows.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-slate-700">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {pilot.description ? <p className="mt-3 whitespace-pre-line">{pilot.description}</p> : null}
            {signals ? (
              <div className="mt-3">
                <h3 className="text-sm font-medium text-slate-700">
                  {t("pilot.overview.partnershipSignals")}
                </h3>
                <div className="mt-1">
                  <SignalBadges signals={signals} />
                </div>
              </div>
            ) : null}
          </Section>
          <Section id="pilot-pathways" title={t("pilot.fields.pathways")}>
            {chosen.size === 0 ? (
              <p className="text-slate-700">{t("pilot.overview.noPathways")}</p>
            ) : (
              <dl className="grid gap-3 sm:grid-cols-3">
                {outcomeGroups.map((group) => {
                  const offered = byGroup[group].filter((p) => chosen.has(p));
                  return (
                    <div key={group}>
                      <dt className="font-medium">{t(`outcomes.groups.${group}`)}</dt>
                      <dd>
                        {offered.length === 0 ? (
                          <span className="text-slate-600">{none}</span>
                        ) : (
                          <ul className="list-disc pl-5">
                            {offered.map((p) => (
                              <li key={p}>{t(`enums.outcomePathway.${p}`)}</li>
                            ))}
                          </ul>
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </Section>
        </div>
        <div className="space-y-6">
          <Section id="pilot-alerts" title={t("pilot.overview.alerts")}>
            <PilotAlerts alerts={alerts} />
            <p className="mt-2 text-slate-700" data-testid="pilot-latest-period">
              {latestPeriod
                ? t("pilot.overview.latestPeriod", {
                    start: formatDate(latestPeriod.start, i18n.language),
                    end: formatDate(latestPeriod.end, i18n.language),
                  })
                : t("pilot.overview.noPeriods")}
            </p>
          </Section>
          <Section id="pilot-funding" title={t("pilot.overview.funding")}>
            {funding.lines === 0 ? (
              <p className="text-slate-700">{t("pilot.overview.noFunding")}</p>
            ) : (
              <>
                <p>{t("pilot.overview.fundingLines", { count: funding.lines })}</p>
                {/* Amounts in different currencies are never added together. */}
                <ul className="mt-1">
                  {funding.totals.map((block) => (
                    <li key={block.currency} className="font-semibold tabular-nums">
                      {formatMoney(block.total, block.currency, i18n.language)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Link to="funding" className="mt-2 inline-block text-brand-700 underline">
              {t("pilot.overview.allFunding")}
            </Link>
          </Section>
          <Section id="pilot-documents" title={t("pilot.overview.documents")}>
            {documents.length === 0 ? (
              <p className="text-slate-700">{t("pilot.overview.noDocuments")}</p>
            ) : (
              <ul className="space-y-1">
                {documents.map((document) => (
                  <li key={document.id}>
                    <DocumentLink document={document} className="text-brand-700 underline" />{" "}
                    <span className="text-xs text-slate-600">{t(`enums.documentKind.${document.kind}`)}</span>
                  </li>
                ))}
              </ul>
            )}
            <Link to="documents" className="mt-2 inline-block text-brand-700 underline">
              {t("pilot.overview.allDocuments")}
            </Link>
          </Section>
        </div>
      </div>
      {actions ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <LinkedActions
            actions={actions}
            seeAllHref={`/actions?pilot=${pilot.id}`}
            canWrite={canWriteActions}
          />
        </div>
      ) : null}
    </div>
  );
}
