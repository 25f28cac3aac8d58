// Level of detail, grouping: cluster ids ("c:<country>", "c:<country>:<type>") and which organisations a
// view shows as nodes and which it folds into country or type clusters, given the node budget, the
// focused organisation and the clusters the user opened (see groupForView in lod.ts). Pure.
import type { OrganisationType } from "../enums";
import { LOD_COUNTRY_SPLIT_FROM, type NodeId, type SnapshotOrganisation } from "./types";

/** An organisation's country key: its country code, or "none". */
export function countryKeyOf(org: { countryCode: string | null }): string {
  return org.countryCode ?? "none";
}

/**
 * The cluster an organisation falls in: "c:<country>" ("c:none" without a country), or with
 * `expandedCountry` its type cluster within the country, "c:<country>:<type>".
 */
export function clusterIdOf(
  org: { countryCode: string | null; type: OrganisationType },
  expandedCountry: boolean,
): string {
  const country = `c:${countryKeyOf(org)}`;
  return expandedCountry ? `${country}:${org.type}` : country;
}

/** Splits a cluster id into its country key and type (undefined for a country cluster); null if not one. */
export function parseClusterId(id: string): { country: string; type: string | undefined } | null {
  const match = /^c:([^:]+)(?::([^:]+))?$/.exec(id);
  if (!match) return null;
  return { country: match[1] as string, type: match[2] };
}

/** How an opened country is shown: its organisations as nodes, or its type clusters. */
export type CountryState = "organisations" | "types";

export interface Grouping {
  /** Organisations by country key, in selection order. */
  byCountry: Map<string, SnapshotOrganisation[]>;
  /** More organisations than the budget allows: the view groups them into clusters. */
  clustered: boolean;
  /** Opened countries by key; a country absent is one cluster node. */
  countryState: Map<string, CountryState>;
  /** Opened type clusters ("c:XX:<type>"): their organisations are nodes. */
  openTypes: Set<string>;
  /** Expansions refused for lack of room. */
  expandRefused: string[];
  /** Each organisation's node id: the organisation's own, or its cluster's. */
  nodeOf: Map<string, NodeId>;
}

/**
 * Which organisations are nodes and which fall in clusters (the rules are groupForView's, lod.ts):
 * every organisation is a node when there are at most `orgBudget`; else the focused organisation's
 * country (and type cluster) open first, then `expand` in order, each while the organisation nodes stay
 * within `orgBudget`; the others are listed in `expandRefused`. Unknown cluster ids are ignored.
 */
export function groupOrganisations(
  organisations: SnapshotOrganisation[],
  orgBudget: number,
  focusId: string | null,
  expand: string[],
): Grouping {
  // Groups by country, and by type within a country.
  const byCountry = new Map<string, SnapshotOrganisation[]>();
  const typeCounts = new Map<string, number>();
  for (const org of organisations) {
    const key = countryKeyOf(org);
    const list = byCountry.get(key);
    if (list) list.push(org);
    else byCountry.set(key, [org]);
    const typeId = clusterIdOf(org, true);
    typeCounts.set(typeId, (typeCounts.get(typeId) ?? 0) + 1);
  }

  const clustered = organisations.length > orgBudget;
  const countryState = new Map<string, CountryState>();
  const openTypes = new Set<string>();
  const expandRefused: string[] = [];

  if (clustered) {
    const requests: string[] = [];
    const focus = focusId !== null ? organisations.find((org) => org.id === focusId) : undefined;
    if (focus) {
      requests.push(clusterIdOf(focus, false));
      if ((byCountry.get(countryKeyOf(focus))?.length ?? 0) > LOD_COUNTRY_SPLIT_FROM)
        requests.push(clusterIdOf(focus, true));
    }
    requests.push(...expand);

    let used = 0;
    const seen = new Set<string>();
    for (const id of requests) {
      if (seen.has(id)) continue;
      seen.add(id);
      const parsed = parseClusterId(id);
      const members = parsed ? byCountry.get(parsed.country) : undefined;
      if (!parsed || !members) continue;
      const split = members.length > LOD_COUNTRY_SPLIT_FROM;
      if (!split || parsed.type === undefined) {
        // The country itself (a type id of a country too small to split opens the country).
        if (countryState.has(parsed.country)) continue;
        if (split) countryState.set(parsed.country, "types");
        else if (used + members.length <= orgBudget) {
          countryState.set(parsed.country, "organisations");
          used += members.length;
        } else expandRefused.push(id);
        continue;
      }
      const count = typeCounts.get(id);
      if (count === undefined || openTypes.has(id)) continue;
      // Opening a type cluster opens its country into type clusters (which costs no organisation node).
      countryState.set(parsed.country, "types");
      if (used + count <= orgBudget) {
        openTypes.add(id);
        used += count;
      } else expandRefused.push(id);
    }
  }

  const nodeOf = new Map<string, NodeId>();
  for (const org of organisations) {
    if (!clustered) {
      nodeOf.set(org.id, org.id);
      continue;
    }
    const state = countryState.get(countryKeyOf(org));
    if (state === "organisations") nodeOf.set(org.id, org.id);
    else if (state === "types") {
      const typeId = clusterIdOf(org, true);
      nodeOf.set(org.id, openTypes.has(typeId) ? org.id : typeId);
    } else nodeOf.set(org.id, clusterIdOf(org, false));
  }

  return { byCountry, clustered, countryState, openTypes, expandRefused, nodeOf };
}
