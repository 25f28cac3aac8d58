// The sections of a municipality's page: its pilots, the open milestones across them, and the
// partnerships its local authority is in.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { PilotStatusBadge } from "~/components/pilots/pilot-status-badge";
import { PartnershipStatusBadge } from "~/components/status-badge";
import { formatDate } from "~/lib/format";
import type { MilestoneAcrossPilots } from "~/models/milestones.server";
import type { MunicipalityPartnership } from "~/models/municipalities.server";
import type { PilotListItem } from "~/models/pilots.server";

const sectionClass = "mt-8";
const headingClass = "text-lg font-semibold";

export function PilotsSection({ pilots }: { pilots: PilotListItem[] }) {
  const { t, i18n } = useTranslation();
  const day = (value: string | null) => (value ? formatDate(value, i18n.language) : t("common.none"));
  return (
    <section aria-labelledby="municipality-pilots" className={sectionClass}>
      <h2 id="municipality-pilots" className={headingClass}>
        {t("municipalities.page.pilots")}
      </h2>
      {pilots.length === 0 ? (
        <div className="mt-2">
          <EmptyState>{t("municipalities.page.noPilots")}</EmptyState>
        </div>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="municipality-pilots">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("municipalities.page.columns.pilot")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("municipalities.page.columns.status")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("municipalities.page.columns.partnership")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("municipalities.page.columns.startsOn")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("municipalities.page.columns.endsOn")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {pilots.map((pilot) => (
                <tr key={pilot.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link to={`/pilots/${pilot.id}`} className="text-brand-700 underline">
                      {pilot.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <PilotStatusBadge status={pilot.status} />
                  </td>
                  <td className="px-4 py-2">
                    {pilot.partnershipId && pilot.partnershipName ? (
                      <Link to={`/partnerships/${pilot.partnershipId}`} className="text-brand-700 underline">
                        {pilot.partnershipName}
                      </Link>
                    ) : (
                      t("common.none")
                    )}
                  </td>
                  <td className="px-4 py-2">{day(pilot.startsOn)}</td>
                  <td className="px-4 py-2">{day(pilot.endsOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MilestoneList({ items, testId }: { items: MilestoneAcrossPilots[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul
      className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
      data-testid={testId}
    >
      {items.map((milestone) => (
        <li key={milestone.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2 text-sm">
          <time
            dateTime={milestone.dueOn}
            className={milestone.overdue ? "font-semibold text-red-700" : "text-slate-800"}
          >
            {formatDate(milestone.dueOn, i18n.language)}
          </time>
          <Link
            to={`/pilots/${milestone.pilotId}/milestones`}
            className="font-medium text-brand-700 underline"
          >
            {milestone.title}
          </Link>
          <span className="text-slate-600">{milestone.pilotName}</span>
          <span className="text-slate-600">{t(`enums.milestoneStatus.${milestone.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** "And 3 more" under a list cut at its limit (the pilots' own tabs list every milestone). */
function More({ shown, total, testId }: { shown: number; total: number; testId: string }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <p className="mt-1 text-sm text-slate-700" data-testid={testId}>
      {t("municipalities.page.more", { count: total - shown })}
    </p>
  );
}

export function MilestonesSection({
  overdue,
  upcoming,
  overdueTotal,
  upcomingTotal,
  days,
}: {
  overdue: MilestoneAcrossPilots[];
  upcoming: MilestoneAcrossPilots[];
  overdueTotal: number;
  upcomingTotal: number;
  days: number;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="municipality-milestones" className={sectionClass}>
      <h2 id="municipality-milestones" className={headingClass}>
        {t("municipalities.page.milestones")}
      </h2>
      <h3 className="mt-3 font-medium text-red-800">
        {t("municipalities.page.overdue", { count: overdueTotal })}
      </h3>
      {overdue.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{t("municipalities.page.noOverdue")}</p>
      ) : (
        <MilestoneList items={overdue} testId="municipality-overdue" />
      )}
      <More shown={overdue.length} total={overdueTotal} testId="municipality-overdue-more" />
      <h3 className="mt-4 font-medium">{t("municipalities.page.upcoming", { days })}</h3>
      {upcoming.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{t("municipalities.page.noUpcoming", { days })}</p>
      ) : (
        <MilestoneList items={upcoming} testId="municipality-upcoming" />
      )}
      <More shown={upcoming.length} total={upcomingTotal} testId="municipality-upcoming-more" />
    </section>
  );
}

export function PartnershipsSection({
  partnerships,
  hasAuthority,
}: {
  partnerships: MunicipalityPartnership[];
  hasAuthority: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="municipality-partnerships" className={sectionClass}>
      <h2 id="municipality-partnerships" className={headingClass}>
        {t("municipalities.page.partnerships")}
      </h2>
      {partnerships.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          {hasAuthority ? t("municipalities.page.noPartnerships") : t("municipalities.page.noAuthority")}
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {partnerships.map((partnership) => (
            <li
              key={partnership.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm"
            >
              <Link to={`/partnerships/${partnership.id}`} className="font-medium text-brand-700 underline">
                {partnership.name}
              </Link>
              <PartnershipStatusBadge status={partnership.status} />
              <span className="text-slate-700">{t(`enums.memberRole.${partnership.role}`)}</span>
              {partnership.leftOn ? (
                <span className="text-slate-600">
                  {t("municipalities.page.leftOn", { date: formatDate(partnership.leftOn, i18n.language) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
