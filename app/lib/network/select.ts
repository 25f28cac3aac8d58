// Applies the network map's filters to the snapshot, at organisation level (no grouping yet), and
// builds the organisation-level edges. Pure; O(organisations + members + relationships): a partnership
// of LARGE_PARTNERSHIP_FROM visible members or more is never expanded into member pairs (it is drawn
// as a hub), so a small one yields at most 55 pairs.
import type { RelationshipType } from "../enums";
import { isActiveOn, isCurrentPartnership, isCurrentRelationship } from "../partnership-status";
import {
  DASHED_POWER_IMBALANCE_FROM,
  LARGE_PARTNERSHIP_FROM,
  type ChangeKind,
  type ChangeSet,
  type NetworkFilters,
  type NetworkSnapshot,
  type SnapshotMember,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
} from "./types";

export interface SelectedPartnership {
  partnership: SnapshotPartnership;
  /** Visible members present on the date: selected organisations, each once, in the snapshot's order. */
  memberIds: string[];
  change: ChangeKind | null;
}

export interface SelectedNetwork {
  organisations: SnapshotOrganisation[];
  partnerships: SelectedPartnership[];
  relationships: SnapshotRelationship[];
  /** filters.asOf ?? snapshot.today */
  date: string;
}

/** An edge between two organisations (before level-of-detail grouping). */
export type OrgEdge =
  | {
      kind: "shared";
      /** source < target: one edge per unordered pair. */
      source: string;
      target: string;
      partnershipIds: string[];
      /** Lowest non-null trust index of the shared partnerships. */
      minTrust: number | null;
      /** A shared partnership has powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM. */
      dashed: boolean;
      /** The strongest change among the shared partnerships (added > ended > changed). */
      change: ChangeKind | null;
    }
  | { kind: "relationship"; id: string; source: string; target: string; type: RelationshipType };

const CHANGE_RANK: Record<ChangeKind, number> = { added: 3, ended: 2, changed: 1 };

/** The stronger of two change kinds: added > ended > changed > none. */
export function strongerChange(a: ChangeKind | null, b: ChangeKind | null): ChangeKind | null {
  if (a === null) return b;
  if (b === null) return a;
  return CHANGE_RANK[a] >= CHANGE_RANK[b] ? a : b;
}

const changeIndexes = new WeakMap<ChangeSet, Map<string, ChangeKind>>();

function changeIndex(changes: ChangeSet): Map<string, ChangeKind> {
  let index = changeIndexes.get(changes);
  if (!index) {
    index = new Map();
    // Weakest first, so a stronger kind overwrites a weaker one.
    for (const id of changes.changed) index.set(id, "changed");
    for (const id of changes.ended) index.set(id, "ended");
    for (const id of changes.added) index.set(id, "added");
    changeIndexes.set(changes, index);
  }
  return index;
}

/**
 * How the partnership changed since `changes.since`: "added" wins over "ended", which wins over
 * "changed"; null when it is in none of the lists (or there is no change set). Constant time: the
 * change set is indexed once (cached per ChangeSet object, so do not mutate one after use).
 */
export function changeKindOf(changes: ChangeSet | null, partnershipId: string): ChangeKind | null {
  if (changes === null) return null;
  return changeIndex(changes).get(partnershipId) ?? null;
}

/** The member was a member on `date`: joined on or before it, and `leftOn` (its last day) not before it. */
export function isMemberOn(member: SnapshotMember, date: string): boolean {
  return (
    (member.joinedOn === null || member.joinedOn <= date) && (member.leftOn === null || member.leftOn >= date)
  );
}

/**
 * A partnership with at least LARGE_PARTNERSHIP_FROM visible members: never projected into member pairs
 * (organisationEdges gives it no shared edge); the view draws it as a hub "p:<uuid>" with membership
 * edges, and exports should write its memberships (organisation -> partnership) instead of pairs.
 */
export function isLargePartnership(selected: { memberIds: readonly string[] }): boolean {
  return selected.memberIds.length >= LARGE_PARTNERSHIP_FROM;
}

/** The selected partnerships that are large (isLargePartnership), in selection order. */
export function largePartnerships(selected: SelectedNetwork): SelectedPartnership[] {
  return selected.partnerships.filter(isLargePartnership);
}

/** Whether the filters restrict partnerships (status, risk category, minimum trust). */
export function hasPartnershipFilter(filters: NetworkFilters): boolean {
  return filters.statuses.length > 0 || filters.riskCategory !== null || filters.minTrust !== null;
}

/** The organisation filters (countries, "none" for no country; types; levels) as a predicate. */
export function organisationFilter(filters: NetworkFilters): (org: SnapshotOrganisation) => boolean {
  const countries = new Set(filters.countries);
  const types = new Set<string>(filters.types);
  const levels = new Set<string>(filters.levels);
  return (org) =>
    (countries.size === 0 || countries.has(org.countryCode ?? "none")) &&
    (types.size === 0 || types.has(org.type)) &&
    (levels.size === 0 || levels.has(org.level));
}

/**
 * Applies the filters to the snapshot.
 *
 * - Organisation filters (countries, "none" for no country; types; levels) choose organisations.
 * - Partnership filters: `statuses` (empty: all), `riskCategory` (the partnership has a live risk of that
 *   category), `minTrust` (trustIndex not null and >= minTrust), `asOf` (active on that date per
 *   `isActiveOn`). Without `asOf`: current partnerships (`isCurrentPartnership`: status not "ended" and
 *   end date not before today; exploring, forming, paused and not yet started ones count), and the ones
 *   that are not current (ended, or past their end date) only when `statuses` includes "ended".
 * - Members: those present on the date (asOf, else snapshot.today): joinedOn null or <= date and leftOn
 *   (the member's last day) null or >= date; only members that are selected organisations are kept.
 *   A partnership left with no visible member is dropped.
 * - Relationships between two selected organisations running on the date (`isCurrentRelationship`:
 *   startsOn null or <= date, endsOn null or >= date), with or without `asOf`.
 * - When a partnership filter is set (statuses, riskCategory, minTrust), organisations in no selected
 *   partnership and no selected relationship are hidden; otherwise every organisation matching the
 *   organisation filters is shown, isolated ones included.
 */
export function selectNetwork(
  snapshot: NetworkSnapshot,
  filters: NetworkFilters,
  changes: ChangeSet | null,
): SelectedNetwork {
  const date = filters.asOf ?? snapshot.today;
  const statuses = new Set<string>(filters.statuses);

  let organisations = snapshot.organisations.filter(organisationFilter(filters));
  const selectedIds = new Set(organisations.map((org) => org.id));

  const partnerships: SelectedPartnership[] = [];
  for (const partnership of snapshot.partnerships) {
    if (statuses.size > 0 && !statuses.has(partnership.status)) continue;
    if (filters.riskCategory !== null && !partnership.riskCategories.includes(filters.riskCategory)) continue;
    if (
      filters.minTrust !== null &&
      (partnership.trustIndex === null || partnership.trustIndex < filters.minTrust)
    )
      continue;
    if (filters.asOf !== null) {
      if (!isActiveOn(partnership, filters.asOf)) continue;
    } else if (!statuses.has("ended") && !isCurrentPartnership(partnership, date)) continue;
    const memberIds: string[] = [];
    const seen = new Set<string>();
    for (const member of partnership.members) {
      const id = member.organisationId;
      if (seen.has(id) || !selectedIds.has(id) || !isMemberOn(member, date)) continue;
      seen.add(id);
      memberIds.push(id);
    }
    if (memberIds.length < 1) continue;
    partnerships.push({ partnership, memberIds, change: changeKindOf(changes, partnership.id) });
  }

  const relationships = snapshot.relationships.filter((relationship) => {
    if (!selectedIds.has(relationship.fromId) || !selectedIds.has(relationship.toId)) return false;
    return isCurrentRelationship(relationship, date);
  });

  if (hasPartnershipFilter(filters)) {
    const connected = new Set<string>();
    for (const selected of partnerships) for (const id of selected.memberIds) connected.add(id);
    for (const relationship of relationships) {
      connected.add(relationship.fromId);
      connected.add(relationship.toId);
    }
    organisations = organisations.filter((org) => connected.has(org.id));
  }

  return { organisations, partnerships, relationships, date };
}

/**
 * The organisation-level edges of a selection.
 *
 * One "shared" edge per unordered pair of organisations (source < target) that are both visible members
 * of at least one selected partnership: its partnershipIds (in selection order), minTrust the lowest
 * non-null trust index, dashed when one has powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM, change
 * the strongest (added > ended > changed). A partnership of k members yields k(k-1)/2 pairs when it is
 * small (k < LARGE_PARTNERSHIP_FROM, so at most 55); a large one (isLargePartnership) yields none: it is
 * drawn as a hub (largePartnerships), so the edges stay linear in the memberships.
 * Then one "relationship" edge per selected relationship, directed as stored (self-loops left out).
 * Shared edges come first, in the order their pair first appears; relationships follow in selection order.
 */
export function organisationEdges(selected: SelectedNetwork): OrgEdge[] {
  // Pairs keyed by number (lower index * n + higher index): cheaper than string keys at 10,000 organisations.
  const index = new Map<string, number>();
  for (const org of selected.organisations) index.set(org.id, index.size);
  const n = index.size;
  const shared = new Map<number, Extract<OrgEdge, { kind: "shared" }>>();
  for (const { partnership, memberIds, change } of selected.partnerships) {
    if (memberIds.length >= LARGE_PARTNERSHIP_FROM) continue;
    const dashed = partnership.powerImbalanceExposure >= DASHED_POWER_IMBALANCE_FROM;
    const trust = partnership.trustIndex;
    const indexes = memberIds.map((id) => index.get(id));
    for (let i = 0; i < memberIds.length; i++) {
      const a = memberIds[i] as string;
      const ia = indexes[i];
      if (ia === undefined) continue;
      for (let j = i + 1; j < memberIds.length; j++) {
        const b = memberIds[j] as string;
        const ib = indexes[j];
        if (ib === undefined) continue;
        const key = ia < ib ? ia * n + ib : ib * n + ia;
        const edge = shared.get(key);
        if (edge === undefined) {
          shared.set(key, {
            kind: "shared",
            source: a < b ? a : b,
            target: a < b ? b : a,
            partnershipIds: [partnership.id],
            minTrust: trust,
            dashed,
            change,
          });
        } else {
          edge.partnershipIds.push(partnership.id);
          if (trust !== null && (edge.minTrust === null || trust < edge.minTrust)) edge.minTrust = trust;
          edge.dashed ||= dashed;
          edge.change = strongerChange(edge.change, change);
        }
      }
    }
  }
  const edges: OrgEdge[] = [...shared.values()];
  for (const relationship of selected.relationships) {
    if (relationship.fromId === relationship.toId) continue;
    edges.push({
      kind: "relationship",
      id: relationship.id,
      source: relationship.fromId,
      target: relationship.toId,
      type: relationship.type,
    });
  }
  return edges;
}

/**
 * Degree of every selected organisation: its distinct neighbours through `edges` (shared and
 * relationship edges, either direction, self-loops left out) plus, for each large partnership it is a
 * visible member of, the other members (memberIds.length - 1), counted arithmetically rather than by
 * enumerating pairs. A neighbour reached both through a large partnership and another link (or through
 * two large partnerships) is therefore counted twice: an accepted over-count that keeps this
 * O(organisations + edges + memberships). Organisations without a link have 0.
 */
export function organisationDegrees(
  selected: SelectedNetwork,
  edges: readonly OrgEdge[],
): Record<string, number> {
  const index = new Map<string, number>();
  for (const org of selected.organisations) index.set(org.id, index.size);
  const n = index.size;
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  for (const edge of edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    degree[a]! += 1;
    degree[b]! += 1;
  }
  for (const selectedPartnership of selected.partnerships) {
    if (!isLargePartnership(selectedPartnership)) continue;
    const others = selectedPartnership.memberIds.length - 1;
    for (const id of selectedPartnership.memberIds) {
      const i = index.get(id);
      if (i !== undefined) degree[i]! += others;
    }
  }
  const result: Record<string, number> = {};
  for (const [id, i] of index) result[id] = degree[i]!;
  return result;
}
