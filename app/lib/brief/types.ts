// The follow-up brief of an event as plain data: built by app/models/brief.server.ts, drawn by the
// page, the Markdown renderer and the PDF renderer. Pure types, no I/O.
import type { ActionStatus, EventKind, PartnershipStatus, RiskCategory, RiskStatus } from "~/lib/enums";

export interface BriefOrganisation {
  id: string;
  name: string;
  acronym: string | null;
}

export interface BriefParticipant extends BriefOrganisation {
  /** Null when the number of attendees is not known. */
  attendeeCount: number | null;
}

export interface BriefTakeaway {
  theme: string | null;
  /** Markdown as typed: the page renders it safely, the Markdown file escapes nothing inside it. */
  text: string;
}

export interface BriefCommitment {
  id: string;
  title: string;
  ownerOrganisation: string | null;
  ownerUser: string | null;
  dueOn: string | null;
  status: ActionStatus;
  doneOn: string | null;
  overdue: boolean;
  partnership: { id: string; name: string } | null;
  pilot: { id: string; name: string } | null;
  organisation: { id: string; name: string } | null;
}

export interface BriefPartnership {
  id: string;
  name: string;
  status: PartnershipStatus;
  startDate: string | null;
  endDate: string | null;
  /** The participating organisations that are members (by name). */
  participantMembers: string[];
  /** Audit entries since the event on the partnership and its child records (no field values). */
  changes: number;
  /** Day ('YYYY-MM-DD', UTC) of the latest of those entries; null when there is none. */
  lastChangedOn: string | null;
}

export interface BriefMilestone {
  title: string;
  doneOn: string;
  pilot: { id: string; name: string };
  municipality: string;
  partnership: { id: string; name: string } | null;
}

export interface BriefRisk {
  title: string;
  category: RiskCategory;
  status: RiskStatus;
  /** likelihood x impact, 1-25 */
  exposure: number;
}

export interface BriefRiskCategoryCount {
  category: RiskCategory;
  count: number;
}

/**
 * The open risks of one partnership as this reader may see them (decision 0009): every risk for
 * coordinators and members, else only the counts per category and the highest exposure.
 */
export type BriefRiskGroup =
  | { partnership: { id: string; name: string }; access: "full"; risks: BriefRisk[] }
  | {
      partnership: { id: string; name: string };
      access: "aggregate";
      openCount: number;
      highestExposure: number;
      byCategory: BriefRiskCategoryCount[];
    };

export interface BriefData {
  /** The day the brief was made ('YYYY-MM-DD'). */
  today: string;
  /** "Since the event" counts from this day on (the event's start, inclusive). */
  since: string;
  event: {
    id: string;
    title: string;
    kind: EventKind;
    startsOn: string;
    endsOn: string | null;
    location: string | null;
    online: boolean;
    archived: boolean;
    organisers: BriefOrganisation[];
  };
  participants: BriefParticipant[];
  /** Sum of the known attendee counts, and how many participants have none. */
  attendees: number;
  unknownAttendeeCounts: number;
  takeaways: BriefTakeaway[];
  commitments: BriefCommitment[];
  /** Partnerships with at least one participating organisation as member (not archived). */
  partnershipCount: number;
  newPartnerships: BriefPartnership[];
  endedPartnerships: BriefPartnership[];
  /** Changed since the event, and neither new nor ended since. */
  changedPartnerships: BriefPartnership[];
  milestones: BriefMilestone[];
  /** Partnerships still current with open risks, by name. */
  risks: BriefRiskGroup[];
}

/** How many risk groups the reader sees in detail and how many as aggregates only. */
export function riskAccessCounts(data: Pick<BriefData, "risks">): { full: number; aggregate: number } {
  const full = data.risks.filter((group) => group.access === "full").length;
  return { full, aggregate: data.risks.length - full };
}
