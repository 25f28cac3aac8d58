// The network map's contract: what the model reads (NetworkSnapshot), what the filters say
// (NetworkFilters), and what the page receives (NetworkView). Pure types, shared by the model
// (app/models/network.server.ts), the pure graph code (app/lib/network/*) and the page
// (app/routes/network.tsx, app/components/network/*).
import type {
  Level,
  MemberRole,
  OrganisationType,
  PartnershipStatus,
  RelationshipType,
  RiskCategory,
} from "../enums";

// ---------------------------------------------------------------------------------------------
// Snapshot: the whole network, read in a fixed number of set-based queries.

export interface SnapshotOrganisation {
  id: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  level: Level;
  /** Null for organisations without one country (EU bodies, international networks). */
  countryCode: string | null;
  /** Set for a local authority: the municipality it governs. */
  municipalityId: string | null;
  /** The municipality it governs runs at least one pilot (archived pilots left out). */
  hasPilot: boolean;
}

export interface SnapshotMember {
  organisationId: string;
  role: MemberRole;
  joinedOn: string | null;
  /** The member's last day; null while it is a member. */
  leftOn: string | null;
}

export interface SnapshotPartnership {
  id: string;
  name: string;
  status: PartnershipStatus;
  startDate: string | null;
  endDate: string | null;
  countryCode: string | null;
  /** Every member that is not archived, with its dates (the as-of view picks those present then). */
  members: SnapshotMember[];
  /** Trust index (signals.ts trustSignal value): mean trust of the latest period, or null. */
  trustIndex: number | null;
  /** Highest exposure among risks that are not closed (0 when none). */
  highestExposure: number;
  /** Categories with at least one risk that is not closed. */
  riskCategories: RiskCategory[];
  /** Highest exposure of an *open* power-imbalance risk (0 when none). */
  powerImbalanceExposure: number;
}

export interface SnapshotRelationship {
  id: string;
  fromId: string;
  toId: string;
  type: RelationshipType;
  startsOn: string | null;
  endsOn: string | null;
}

export interface NetworkSnapshot {
  /** Latest audit_log id when read: keys every cache derived from the snapshot. */
  dataVersion: number;
  /**
   * Bumped when the snapshot was read again at the same data version and its content differed
   * (a transaction that committed after a later audit id was read: see SNAPSHOT_RECHECK_MS in
   * network-snapshot.server.ts). Caches derived from the snapshot key by it too. Absent: 0.
   */
  revision?: number;
  /** 'YYYY-MM-DD' the snapshot counts as today (current members, "active"). */
  today: string;
  /** Organisations that are not archived. */
  organisations: SnapshotOrganisation[];
  /** Partnerships that are not archived. */
  partnerships: SnapshotPartnership[];
  /** Relationships that are not archived. */
  relationships: SnapshotRelationship[];
}

/** What happened to partnerships since a date (from the audit log and the partnerships' dates). */
export interface ChangeSet {
  /** 'YYYY-MM-DD' */
  since: string;
  /** Created since (first audit entry of the partnership on or after `since`) or started since. */
  added: string[];
  /** Ended since: end date in [since, today], or status changed to ended since. */
  ended: string[];
  /** Any other change to the partnership or its child records since (not in added/ended). */
  changed: string[];
}

export type ChangeKind = "added" | "ended" | "changed";

// ---------------------------------------------------------------------------------------------
// Filters: every one lives in the URL's search params (parseNetworkFilters in filters.ts).

export interface NetworkFilters {
  /** ISO 3166 alpha-2 codes; "none" stands for organisations without a country. Empty: all. */
  countries: string[];
  types: OrganisationType[];
  levels: Level[];
  /** Empty: every status. */
  statuses: PartnershipStatus[];
  /** Only partnerships with a live risk of this category. */
  riskCategory: RiskCategory | null;
  /** Only partnerships whose trust index is at least this (1-5); those without one are left out. */
  minTrust: number | null;
  /** 'YYYY-MM-DD': only partnerships, members and relationships active on that date. */
  asOf: string | null;
  /** 'YYYY-MM-DD': mark partnerships added, ended or changed since. */
  since: string | null;
  /** An event id: "since" becomes the event's end date (or start date). */
  sinceEventId: string | null;
  /** Show partnerships as their own hub nodes. */
  hubs: boolean;
  /** Search text: the first matching organisation is focused (its cluster expanded). */
  q: string;
  /** The partnership whose members are lit up. */
  partnershipId: string | null;
  /** Cluster ids the user expanded (level of detail), in the order expanded. */
  expand: string[];
}

// ---------------------------------------------------------------------------------------------
// The view the page draws: at most LOD_MAX_ORGANISATION_NODES organisation nodes.

export type NodeId = string;

/** Node ids: an organisation's uuid; "p:<uuid>" a partnership hub; "c:<country>" or "c:<country>:<type>" a cluster. */
export type ViewNode =
  | {
      kind: "organisation";
      id: NodeId;
      label: string;
      name: string;
      type: OrganisationType;
      level: Level;
      countryCode: string | null;
      /** Distinct neighbours in the view's graph (filtered). */
      degree: number;
      /** 0-1, degree scaled by the view's highest degree: drives the node size. */
      size: number;
      x: number;
      y: number;
      /** Member of the selected partnership (filters.partnershipId). */
      highlighted: boolean;
      /** The search result. */
      focused: boolean;
    }
  | {
      kind: "partnership";
      id: NodeId;
      partnershipId: string;
      label: string;
      status: PartnershipStatus;
      trustIndex: number | null;
      change: ChangeKind | null;
      x: number;
      y: number;
      highlighted: boolean;
    }
  | {
      kind: "cluster";
      id: NodeId;
      label: string;
      countryCode: string | null;
      /** Set for a type cluster within a country. */
      type: OrganisationType | null;
      /** Organisations inside. */
      count: number;
      /** Organisations inside by type (for the cluster's legend). */
      byType: Partial<Record<OrganisationType, number>>;
      x: number;
      y: number;
      /** Contains a member of the selected partnership. */
      highlighted: boolean;
    };

export type ViewEdge =
  | {
      kind: "shared";
      id: string;
      source: NodeId;
      target: NodeId;
      /** Shared partnerships (summed over the pairs an aggregated edge stands for). */
      weight: number;
      /** The shared partnerships' ids (capped at 50 for aggregated edges). */
      partnershipIds: string[];
      /** Lowest trust index among them, null when none has one. */
      minTrust: number | null;
      /** One of them has an open power-imbalance risk of exposure >= 12. */
      dashed: boolean;
      change: ChangeKind | null;
      highlighted: boolean;
    }
  | {
      kind: "relationship";
      id: string;
      source: NodeId;
      target: NodeId;
      type: RelationshipType;
      /** Relationships an aggregated edge stands for (1 between two organisations). */
      weight: number;
    }
  | {
      kind: "membership";
      id: string;
      /** The organisation (or its cluster). */
      source: NodeId;
      /** The partnership hub "p:<uuid>". */
      target: NodeId;
      role: MemberRole;
      highlighted: boolean;
    };

export interface NetworkAnalytics {
  dataVersion: number;
  organisationCount: number;
  edgeCount: number;
  components: number;
  /** Size of the largest connected component. */
  largestComponent: number;
  /** Ids and labels, capped at 50 each; counts are exact. */
  isolated: { count: number; items: { id: string; label: string }[] };
  municipalitiesWithoutCsoPartner: { count: number; items: { id: string; label: string }[] };
  nationalWithoutLocalPartner: { count: number; items: { id: string; label: string }[] };
  /** Highest degree first, top 10. */
  topDegree: { id: string; label: string; degree: number }[];
  /**
   * Brokers: highest betweenness first, top 10. "computing" while a computation runs (with the last
   * figures, possibly of an older version, or none); "failed" when it failed and there are no
   * earlier figures (not retried for this version: stop polling). Null is no longer produced.
   */
  betweenness: {
    status: "ready" | "computing" | "failed";
    /** Sampled estimate (how many source nodes) or exact. */
    method: "exact" | "sampled";
    samples: number | null;
    /** The data version the figures belong to (may lag behind while a fresh one is computed). */
    dataVersion: number;
    top: { id: string; label: string; value: number }[];
  } | null;
}

export interface NetworkTableRow {
  id: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  level: Level;
  countryCode: string | null;
  degree: number;
  partnerships: number;
  /** Null until betweenness is computed. */
  betweenness: number | null;
}

export interface NetworkView {
  filters: NetworkFilters;
  dataVersion: number;
  /** Organisations matching the filters (before level-of-detail grouping). */
  organisationCount: number;
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Level of detail: organisations are grouped into clusters. */
  clustered: boolean;
  /** Expansions refused because they would put more than the limit of organisation nodes in view. */
  expandRefused: string[];
  /** Large partnerships (12+ members) not drawn: no room left for their hub at this level of detail. */
  hubsLeftOut: string[];
  /** The organisation the search found, if any (its cluster is expanded). */
  focusId: string | null;
  /** How many organisations matched the search. */
  searchMatches: number;
  /** Partnerships marked by "changes since", when set. */
  changes: ChangeSet | null;
  /** Node positions come from a saved layout (else the computed one). */
  layout: { saved: boolean; version: number | null; updatedAt: string | null };
}

/** An edge as the browser gets it: what the map draws, without the ids of its partnerships. */
export type MapEdge = ViewEdge extends infer E
  ? E extends { kind: "shared" }
    ? Omit<E, "partnershipIds">
    : E
  : never;

/**
 * The view as the page sends it to the browser: the map draws edges by weight, trust, dash and
 * change, never by which partnerships they stand for (the exports, on the server, do), so the ids
 * stay behind: a third of the map's data at 1,000 organisations.
 */
export type MapView = Omit<NetworkView, "edges"> & { edges: MapEdge[] };

/** The most organisation nodes the map puts in the DOM at once. */
export const LOD_MAX_ORGANISATION_NODES = 500;
/** An expanded country with more organisations than this shows type clusters first. */
export const LOD_COUNTRY_SPLIT_FROM = 150;
/** Exposure from which an open power-imbalance risk dashes an edge. */
export const DASHED_POWER_IMBALANCE_FROM = 12;
/** Above this many organisations betweenness is a sampled estimate. */
export const EXACT_BETWEENNESS_MAX_NODES = 2000;
/**
 * A partnership with at least this many visible members is never expanded into member pairs (k members
 * would make k(k-1)/2 edges): the map draws it as a hub node "p:<uuid>" with membership edges, and the
 * analytics and layout treat it as a hub vertex.
 */
export const LARGE_PARTNERSHIP_FROM = 12;
