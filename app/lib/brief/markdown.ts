// The follow-up brief as a Markdown file: BriefData in, text out. Pure: no I/O. Every piece of user
// text goes through escapeMarkdown, takeaways through safeMarkdown (markdown-text.ts).
import type { BriefLabels } from "./labels";
import { escapeMarkdown as esc, safeMarkdown } from "./markdown-text";
import type { BriefCommitment, BriefData, BriefPartnership, BriefRiskGroup } from "./types";
import { riskAccessCounts } from "./types";

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(headers), row(headers.map(() => "---")), ...rows.map(row)].join("\n");
}

export function eventDates(data: BriefData, l: BriefLabels): string {
  const { startsOn, endsOn } = data.event;
  return endsOn && endsOn !== startsOn ? `${l.date(startsOn)} – ${l.date(endsOn)}` : l.date(startsOn);
}

export function eventPlace(data: BriefData, l: BriefLabels): string | null {
  const parts = [data.event.location, data.event.online ? l.online : null].filter(
    (part): part is string => part !== null && part !== "",
  );
  return parts.length > 0 ? parts.join(" · ") : null;
}

export function organisationName(o: { name: string; acronym: string | null }): string {
  return o.acronym ? `${o.name} (${o.acronym})` : o.name;
}

export function commitmentStatus(c: BriefCommitment, l: BriefLabels): string {
  const parts = [l.actionStatus[c.status]];
  if (c.status === "done" && c.doneOn) parts.push(l.doneOnDate(c.doneOn));
  return parts.join(" ");
}

export function commitmentLinks(c: BriefCommitment, l: BriefLabels): string[] {
  const links: string[] = [];
  if (c.partnership) links.push(`${l.fields.partnership}: ${c.partnership.name}`);
  if (c.pilot) links.push(`${l.fields.pilot}: ${c.pilot.name}`);
  if (c.organisation) links.push(`${l.fields.organisation}: ${c.organisation.name}`);
  return links;
}

export function commitmentOwner(c: BriefCommitment, l: BriefLabels): string {
  const owner = c.ownerOrganisation ?? l.none;
  return c.ownerUser ? `${owner} (${c.ownerUser})` : owner;
}

export function partnershipFacts(p: BriefPartnership, l: BriefLabels): string[] {
  const facts = [l.partnershipStatus[p.status]];
  if (p.startDate) facts.push(`${l.fields.start}: ${l.date(p.startDate)}`);
  if (p.endDate) facts.push(`${l.fields.end}: ${l.date(p.endDate)}`);
  return facts;
}

function partnershipList(list: readonly BriefPartnership[], l: BriefLabels): string {
  if (list.length === 0) return `_${esc(l.empty.partnerships)}_`;
  return list
    .map((p) => {
      const facts = partnershipFacts(p, l).map(esc).join(", ");
      const members = p.participantMembers.map(esc).join(", ");
      return `- **${esc(p.name)}** (${facts}). ${esc(l.fields.members)}: ${members}. ${esc(
        l.changes(p.changes, p.lastChangedOn),
      )}.`;
    })
    .join("\n");
}

function riskGroup(group: BriefRiskGroup, l: BriefLabels): string {
  const heading = `### ${esc(group.partnership.name)}`;
  if (group.access === "full") {
    return [
      heading,
      table(
        [l.fields.risk, l.fields.category, l.fields.status, l.fields.exposure].map(esc),
        group.risks.map((r) => [
          esc(r.title),
          esc(l.riskCategory[r.category]),
          esc(l.riskStatus[r.status]),
          String(r.exposure),
        ]),
      ),
    ].join("\n\n");
  }
  const lines = [
    `- ${esc(l.fields.openRisks)}: ${group.openCount}`,
    `- ${esc(l.fields.highestExposure)}: ${group.highestExposure}`,
    ...group.byCategory.map((c) => `- ${esc(l.riskCategory[c.category])}: ${c.count}`),
  ];
  return [heading, `_${esc(l.aggregateNote)}_`, lines.join("\n")].join("\n\n");
}

/** The brief as Markdown (CommonMark with GFM tables), in the labels' language. */
export function briefMarkdown(data: BriefData, l: BriefLabels): string {
  const out: string[] = [];
  out.push(`# ${esc(l.title(data.event.title))}`);
  out.push(`_${esc(l.prepared(data.today, data.since))}_`);
  if (data.event.archived) out.push(`> ${esc(l.archived)}`);

  out.push(`## ${esc(l.sections.event)}`);
  const place = eventPlace(data, l);
  const organisers = data.event.organisers.map((o) => esc(organisationName(o))).join(", ");
  out.push(
    [
      `- **${esc(l.fields.kind)}:** ${esc(l.kind[data.event.kind])}`,
      `- **${esc(l.fields.dates)}:** ${esc(eventDates(data, l))}`,
      `- **${esc(l.fields.place)}:** ${esc(place ?? l.none)}`,
      `- **${esc(l.fields.organisers)}:** ${organisers || esc(l.none)}`,
    ].join("\n"),
  );

  out.push(`## ${esc(l.sections.participants)}`);
  out.push(esc(l.attendeesTotal(data.attendees, data.unknownAttendeeCounts)));
  if (data.participants.length > 0) {
    out.push(
      data.participants
        .map((p) => {
          const count = p.attendeeCount === null ? "" : `: ${esc(l.attendees(p.attendeeCount))}`;
          return `- ${esc(organisationName(p))}${count}`;
        })
        .join("\n"),
    );
  }

  out.push(`## ${esc(l.sections.takeaways)}`);
  if (data.takeaways.length === 0) out.push(`_${esc(l.empty.takeaways)}_`);
  data.takeaways.forEach((t, i) => {
    out.push(`### ${i + 1}. ${esc(t.theme ?? l.takeawayNumber(i + 1))}`);
    const body = safeMarkdown(t.text);
    if (body) out.push(body);
  });

  out.push(`## ${esc(l.sections.commitments)}`);
  if (data.commitments.length === 0) out.push(`_${esc(l.empty.commitments)}_`);
  else {
    out.push(
      table(
        [l.fields.commitment, l.fields.owner, l.fields.due, l.fields.status, l.fields.links].map(esc),
        data.commitments.map((c) => [
          esc(c.title),
          esc(commitmentOwner(c, l)),
          c.dueOn ? esc(l.date(c.dueOn)) : "",
          esc(commitmentStatus(c, l)) + (c.overdue ? ` **${esc(l.overdue)}**` : ""),
          commitmentLinks(c, l).map(esc).join("; "),
        ]),
      ),
    );
  }

  out.push(`## ${esc(l.sections.partnerships)}`);
  out.push(esc(l.partnershipsIntro(data.partnershipCount)));
  out.push(`### ${esc(l.sections.newPartnerships)}`, partnershipList(data.newPartnerships, l));
  out.push(`### ${esc(l.sections.endedPartnerships)}`, partnershipList(data.endedPartnerships, l));
  out.push(`### ${esc(l.sections.changedPartnerships)}`, partnershipList(data.changedPartnerships, l));

  out.push(`## ${esc(l.sections.milestones)}`);
  if (data.milestones.length === 0) out.push(`_${esc(l.empty.milestones)}_`);
  else {
    out.push(
      table(
        [
          l.fields.milestone,
          l.fields.doneOn,
          l.fields.pilot,
          l.fields.municipality,
          l.fields.partnership,
        ].map(esc),
        data.milestones.map((m) => [
          esc(m.title),
          esc(l.date(m.doneOn)),
          esc(m.pilot.name),
          esc(m.municipality),
          m.partnership ? esc(m.partnership.name) : "",
        ]),
      ),
    );
  }

  out.push(`## ${esc(l.sections.risks)}`);
  const counts = riskAccessCounts(data);
  if (data.risks.length === 0) out.push(`_${esc(l.empty.risks)}_`);
  else {
    if (counts.aggregate > 0) out.push(`_${esc(l.aggregateSummary(counts.full, counts.aggregate))}_`);
    for (const group of data.risks) out.push(riskGroup(group, l));
  }
  return `${out.join("\n\n")}\n`;
}
