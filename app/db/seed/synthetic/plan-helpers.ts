// What the planning steps of the synthetic network share: the context, the organisation index and
// small helpers.
import type { OrganisationType, PartnershipStatus } from "../../../lib/enums";
import type { Rng } from "../../../lib/prng";
import type { SyntheticPlan } from "./types";
import type { Country } from "./vocabulary";

export interface OrgInfo {
  id: string;
  index: number;
  type: OrganisationType;
  country: string | null;
  /** The place the organisation is named after (local authorities: their municipality). */
  place: string;
}

export interface PartnershipInfo {
  id: string;
  status: PartnershipStatus;
  start: number | null;
  end: number | null;
  country: Country | null;
  members: OrgInfo[];
  lead: OrgInfo;
}

/** Split `total` over the shares (largest remainder), so the counts add up exactly. */
export function allocate<T>(total: number, shares: readonly (readonly [T, number])[]): [T, number][] {
  const sum = shares.reduce((s, [, w]) => s + w, 0);
  const exact = shares.map(([key, w]) => ({ key, exact: (total * w) / sum }));
  const counts = exact.map((e) => Math.floor(e.exact));
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e.exact - Math.floor(e.exact) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return exact.map((e, i) => [e.key, counts[i] ?? 0]);
}

export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join("");
}

/** Push onto the list stored under `key`, creating it. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Uniform pick over the union of several lists, without concatenating them. */
export function pickFromPools<T>(rng: Rng, pools: readonly (readonly T[] | undefined)[]): T | undefined {
  let total = 0;
  for (const pool of pools) total += pool?.length ?? 0;
  if (total === 0) return undefined;
  let i = Math.floor(rng.next() * total);
  for (const pool of pools) {
    if (!pool) continue;
    if (i < pool.length) return pool[i];
    i -= pool.length;
  }
  return undefined;
}

/** What every planning step shares: the options, the random streams and the plan it adds rows to. */
export interface PlanContext {
  /** How many organisations. */
  n: number;
  seed: number;
  indexOffset: number;
  /** Today, as a day number. */
  T: number;
  /** The root random stream: each step forks its own from it, in a fixed order. */
  root: Rng;
  /** The stream every id is drawn from, in plan order. */
  ids: Rng;
  /** "(Synthetic #n)" for the i-th row of a kind. */
  label: (i: number) => string;
  plan: SyntheticPlan;
}

/** The organisations as the later steps look them up. */
export interface OrgIndex {
  orgs: OrgInfo[];
  byType: Map<OrganisationType, OrgInfo[]>;
  /** Keyed `${countryCode}|${type}`. */
  byCountryType: Map<string, OrgInfo[]>;
  /** Organisations without a country. */
  transnational: OrgInfo[];
  localAuthorities: { org: OrgInfo; municipalityId: string; country: Country }[];
  countriesPresent: Country[];
  orgCountOf: (country: Country) => number;
}
