// Every word of the follow-up brief's Markdown and PDF, read once from the request's i18next
// instance: the renderers stay pure and the keys are checked by the compiler.
import type { TFunction } from "i18next";
import {
  actionStatuses,
  eventKinds,
  partnershipStatuses,
  riskCategories,
  riskStatuses,
  type ActionStatus,
  type EventKind,
  type PartnershipStatus,
  type RiskCategory,
  type RiskStatus,
} from "~/lib/enums";
import { formatDate } from "~/lib/format";

export interface BriefLabels {
  locale: string;
  date: (isoDay: string) => string;
  title: (event: string) => string;
  prepared: (today: string, since: string) => string;
  archived: string;
  sections: {
    event: string;
    participants: string;
    takeaways: string;
    commitments: string;
    partnerships: string;
    newPartnerships: string;
    endedPartnerships: string;
    changedPartnerships: string;
    milestones: string;
    risks: string;
  };
  fields: {
    kind: string;
    dates: string;
    place: string;
    organisers: string;
    commitment: string;
    owner: string;
    due: string;
    status: string;
    links: string;
    partnership: string;
    pilot: string;
    organisation: string;
    municipality: string;
    milestone: string;
    doneOn: string;
    risk: string;
    category: string;
    exposure: string;
    openRisks: string;
    highestExposure: string;
    members: string;
    changes: string;
    start: string;
    end: string;
  };
  online: string;
  none: string;
  overdue: string;
  doneOnDate: (date: string) => string;
  attendees: (count: number) => string;
  attendeesTotal: (total: number, unknown: number) => string;
  partnershipsIntro: (count: number) => string;
  changes: (count: number, lastOn: string | null) => string;
  aggregateNote: string;
  aggregateSummary: (full: number, aggregate: number) => string;
  empty: {
    takeaways: string;
    commitments: string;
    partnerships: string;
    milestones: string;
    risks: string;
  };
  takeawayNumber: (n: number) => string;
  page: (n: number, total: number) => string;
  kind: Record<EventKind, string>;
  actionStatus: Record<ActionStatus, string>;
  partnershipStatus: Record<PartnershipStatus, string>;
  riskCategory: Record<RiskCategory, string>;
  riskStatus: Record<RiskStatus, string>;
}

function record<K extends string>(keys: readonly K[], label: (key: K) => string): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, label(key)])) as Record<K, string>;
}

export function briefLabels(t: TFunction, locale: string): BriefLabels {
  const date = (isoDay: string) => formatDate(isoDay, locale);
  return {
    locale,
    date,
    title: (event) => t("brief.title", { event }),
    prepared: (today, since) => t("brief.prepared", { today: date(today), since: date(since) }),
    archived: t("brief.archived"),
    sections: {
      event: t("brief.sections.event"),
      participants: t("brief.sections.participants"),
      takeaways: t("brief.sections.takeaways"),
      commitments: t("brief.sections.commitments"),
      partnerships: t("brief.sections.partnerships"),
      newPartnerships: t("brief.sections.newPartnerships"),
      endedPartnerships: t("brief.sections.endedPartnerships"),
      changedPartnerships: t("brief.sections.changedPartnerships"),
      milestones: t("brief.sections.milestones"),
      risks: t("brief.sections.risks"),
    },
    fields: {
      kind: t("brief.fields.kind"),
      dates: t("brief.fields.dates"),
      place: t("brief.fields.place"),
      organisers: t("brief.fields.organisers"),
      commitment: t("brief.fields.commitment"),
      owner: t("brief.fields.owner"),
      due: t("brief.fields.due"),
      status: t("brief.fields.status"),
      links: t("brief.fields.links"),
      partnership: t("brief.fields.partnership"),
      pilot: t("brief.fields.pilot"),
      organisation: t("brief.fields.organisation"),
      municipality: t("brief.fields.municipality"),
      milestone: t("brief.fields.milestone"),
      doneOn: t("brief.fields.doneOn"),
      risk: t("brief.fields.risk"),
      category: t("brief.fields.category"),
      exposure: t("brief.fields.exposure"),
      openRisks: t("brief.fields.openRisks"),
      highestExposure: t("brief.fields.highestExposure"),
      members: t("brief.fields.members"),
      changes: t("brief.fields.changes"),
      start: t("brief.fields.start"),
      end: t("brief.fields.end"),
    },
    online: t("brief.online"),
    none: t("brief.none"),
    overdue: t("brief.overdue"),
    doneOnDate: (day) => t("brief.doneOnDate", { date: date(day) }),
    attendees: (count) => t("brief.attendees", { count }),
    attendeesTotal: (total, unknown) =>
      unknown > 0
        ? t("brief.attendeesTotalUnknown", { total, count: unknown })
        : t("brief.attendeesTotal", { total }),
    partnershipsIntro: (count) => t("brief.partnershipsIntro", { count }),
    changes: (count, lastOn) =>
      lastOn ? t("brief.changes", { count, date: date(lastOn) }) : t("brief.noChanges"),
    aggregateNote: t("brief.aggregateNote"),
    aggregateSummary: (full, aggregate) => t("brief.aggregateSummary", { full, aggregate }),
    empty: {
      takeaways: t("brief.empty.takeaways"),
      commitments: t("brief.empty.commitments"),
      partnerships: t("brief.empty.partnerships"),
      milestones: t("brief.empty.milestones"),
      risks: t("brief.empty.risks"),
    },
    takeawayNumber: (n) => t("brief.takeawayNumber", { number: n }),
    page: (n, total) => t("brief.page", { n, total }),
    kind: record(eventKinds, (k) => t(`events.kinds.${k}`)),
    actionStatus: record(actionStatuses, (k) => t(`actions.status.${k}`)),
    partnershipStatus: record(partnershipStatuses, (k) => t(`enums.partnershipStatus.${k}`)),
    riskCategory: record(riskCategories, (k) => t(`enums.riskCategory.${k}`)),
    riskStatus: record(riskStatuses, (k) => t(`enums.riskStatus.${k}`)),
  };
}
