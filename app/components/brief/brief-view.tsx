// The follow-up brief as a readable, printable page (the same BriefData the Markdown and PDF
// downloads are made from). Takeaways are rendered as safe Markdown; everything else is text.
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { MarkdownText } from "~/components/events/markdown-text";
import type { BriefCommitment, BriefData, BriefPartnership, BriefRiskGroup } from "~/lib/brief/types";
import { riskAccessCounts } from "~/lib/brief/types";
import { formatDate } from "~/lib/format";

const th = "border-b border-slate-300 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-200 px-2 py-1 align-top";

function useDate() {
  const { i18n } = useTranslation();
  return (day: string) => formatDate(day, i18n.language);
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="brief-section">
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      <div className="mt-2 space-y-3 text-sm text-slate-800">{children}</div>
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-slate-600 italic">{children}</p>;
}

function CommitmentRow({ c }: { c: BriefCommitment }) {
  const { t } = useTranslation();
  const date = useDate();
  return (
    <tr>
      <td className={td}>{c.title}</td>
      <td className={td}>
        {c.ownerOrganisation ?? t("brief.none")}
        {c.ownerUser ? ` (${c.ownerUser})` : null}
      </td>
      <td className={td}>{c.dueOn ? date(c.dueOn) : null}</td>
      <td className={td}>
        {t(`actions.status.${c.status}`)}
        {c.status === "done" && c.doneOn ? ` ${t("brief.doneOnDate", { date: date(c.doneOn) })}` : null}
        {c.overdue ? (
          <strong className="ml-1 rounded bg-red-100 px-1 text-red-800">{t("brief.overdue")}</strong>
        ) : null}
      </td>
      <td className={td}>
        <ul>
          {c.partnership ? (
            <li>
              {t("brief.fields.partnership")}:{" "}
              <Link to={`/partnerships/${c.partnership.id}`} className="text-brand-700 underline">
                {c.partnership.name}
              </Link>
            </li>
          ) : null}
          {c.pilot ? (
            <li>
              {t("brief.fields.pilot")}:{" "}
              <Link to={`/pilots/${c.pilot.id}`} className="text-brand-700 underline">
                {c.pilot.name}
              </Link>
            </li>
          ) : null}
          {c.organisation ? (
            <li>
              {t("brief.fields.organisation")}:{" "}
              <Link to={`/organisations/${c.organisation.id}`} className="text-brand-700 underline">
                {c.organisation.name}
              </Link>
            </li>
          ) : null}
        </ul>
      </td>
    </tr>
  );
}

function PartnershipList({ title, list }: { title: string; list: readonly BriefPartnership[] }) {
  const { t } = useTranslation();
  const date = useDate();
  return (
    <div>
      <h4 className="font-semibold">{title}</h4>
      {list.length === 0 ? (
        <Empty>{t("brief.empty.partnerships")}</Empty>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {list.map((p) => (
            <li key={p.id}>
              <Link to={`/partnerships/${p.id}`} className="font-medium text-brand-700 underline">
                {p.name}
              </Link>{" "}
              ({t(`enums.partnershipStatus.${p.status}`)}
              {p.startDate ? `, ${t("brief.fields.start")}: ${date(p.startDate)}` : null}
              {p.endDate ? `, ${t("brief.fields.end")}: ${date(p.endDate)}` : null}).{" "}
              {t("brief.fields.members")}: {p.participantMembers.join(", ")}.{" "}
              {p.lastChangedOn
                ? t("brief.changes", { count: p.changes, date: date(p.lastChangedOn) })
                : t("brief.noChanges")}
              .
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RiskGroup({ group }: { group: BriefRiskGroup }) {
  const { t } = useTranslation();
  return (
    <div className="brief-avoid-break">
      <h4 className="font-semibold">
        <Link to={`/partnerships/${group.partnership.id}/risks`} className="text-brand-700 underline">
          {group.partnership.name}
        </Link>
      </h4>
      {group.access === "full" ? (
        <table className="mt-1 w-full border-collapse">
          <thead>
            <tr>
              <th scope="col" className={th}>
                {t("brief.fields.risk")}
              </th>
              <th scope="col" className={th}>
                {t("brief.fields.category")}
              </th>
              <th scope="col" className={th}>
                {t("brief.fields.status")}
              </th>
              <th scope="col" className={th}>
                {t("brief.fields.exposure")}
              </th>
            </tr>
          </thead>
          <tbody>
            {group.risks.map((r, i) => (
              <tr key={`${r.title}-${i}`}>
                <td className={td}>{r.title}</td>
                <td className={td}>{t(`enums.riskCategory.${r.category}`)}</td>
                <td className={td}>{t(`enums.riskStatus.${r.status}`)}</td>
                <td className={td}>{r.exposure}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <p className="text-slate-600 italic">{t("brief.aggregateNote")}</p>
          <ul className="mt-1 list-disc pl-5">
            <li>
              {t("brief.fields.openRisks")}: {group.openCount}
            </li>
            <li>
              {t("brief.fields.highestExposure")}: {group.highestExposure}
            </li>
            {group.byCategory.map((c) => (
              <li key={c.category}>
                {t(`enums.riskCategory.${c.category}`)}: {c.count}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function BriefView({ brief }: { brief: BriefData }) {
  const { t } = useTranslation();
  const date = useDate();
  const counts = riskAccessCounts(brief);
  return (
    <article className="space-y-8" aria-labelledby="brief-heading">
      <div className="space-y-1">
        <h2 id="brief-heading" className="text-xl font-semibold">
          {t("brief.heading")}
        </h2>
        <p className="text-sm text-slate-600 italic">
          {t("brief.prepared", { today: date(brief.today), since: date(brief.since) })}
        </p>
        {brief.event.archived ? <p className="text-sm text-slate-700">{t("brief.archived")}</p> : null}
      </div>

      <Section id="brief-participants" title={t("brief.sections.participants")}>
        <p>
          {brief.unknownAttendeeCounts > 0
            ? t("brief.attendeesTotalUnknown", {
                total: brief.attendees,
                count: brief.unknownAttendeeCounts,
              })
            : t("brief.attendeesTotal", { total: brief.attendees })}
        </p>
        <ul className="list-disc pl-5">
          {brief.participants.map((p) => (
            <li key={p.id}>
              {p.acronym ? `${p.name} (${p.acronym})` : p.name}
              {p.attendeeCount === null ? null : `: ${t("brief.attendees", { count: p.attendeeCount })}`}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="brief-takeaways" title={t("brief.sections.takeaways")}>
        {brief.takeaways.length === 0 ? <Empty>{t("brief.empty.takeaways")}</Empty> : null}
        <ol className="space-y-3">
          {brief.takeaways.map((takeaway, i) => (
            <li key={i} className="brief-avoid-break">
              <h4 className="font-semibold">
                {i + 1}. {takeaway.theme ?? t("brief.takeawayNumber", { number: i + 1 })}
              </h4>
              <MarkdownText text={takeaway.text} />
            </li>
          ))}
        </ol>
      </Section>

      <Section id="brief-commitments" title={t("brief.sections.commitments")}>
        {brief.commitments.length === 0 ? (
          <Empty>{t("brief.empty.commitments")}</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse">
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    {t("brief.fields.commitment")}
                  </th>
                  <th scope="col" className={th}>
                    {t("brief.fields.owner")}
                  </th>
                  <th scope="col" className={th}>
                    {t("brief.fields.due")}
                  </th>
                  <th scope="col" className={th}>
                    {t("brief.fields.status")}
                  </th>
                  <th scope="col" className={th}>
                    {t("brief.fields.links")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {brief.commitments.map((c) => (
                  <CommitmentRow key={c.id} c={c} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="brief-partnerships" title={t("brief.sections.partnerships")}>
        <p>{t("brief.partnershipsIntro", { count: brief.partnershipCount })}</p>
        <PartnershipList title={t("brief.sections.newPartnerships")} list={brief.newPartnerships} />
        <PartnershipList title={t("brief.sections.endedPartnerships")} list={brief.endedPartnerships} />
        <PartnershipList title={t("brief.sections.changedPartnerships")} list={brief.changedPartnerships} />
      </Section>

      <Section id="brief-milestones" title={t("brief.sections.milestones")}>
        {brief.milestones.length === 0 ? (
          <Empty>{t("brief.empty.milestones")}</Empty>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {brief.milestones.map((m, i) => (
              <li key={`${m.pilot.id}-${i}`}>
                {date(m.doneOn)}: {m.title} (
                <Link to={`/pilots/${m.pilot.id}/milestones`} className="text-brand-700 underline">
                  {m.pilot.name}
                </Link>
                , {m.municipality}
                {m.partnership ? `, ${m.partnership.name}` : null})
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="brief-risks" title={t("brief.sections.risks")}>
        {brief.risks.length === 0 ? <Empty>{t("brief.empty.risks")}</Empty> : null}
        {counts.aggregate > 0 ? (
          <p className="text-slate-600 italic">
            {t("brief.aggregateSummary", { full: counts.full, aggregate: counts.aggregate })}
          </p>
        ) : null}
        {brief.risks.map((group) => (
          <RiskGroup key={group.partnership.id} group={group} />
        ))}
      </Section>
    </article>
  );
}
