// The network map's filters: every one lives in the URL's search params, so a view can be linked,
// reloaded and exported as it is. Pure: parsing and printing only.
import {
  levels,
  organisationTypes,
  partnershipStatuses,
  riskCategories,
  type Level,
  type OrganisationType,
  type PartnershipStatus,
  type RiskCategory,
} from "../enums";
import { isUuid } from "../uuid";
import type { NetworkFilters } from "./types";

/** Filters that select everything: the map as it is today. Shared: copy it (`{ ...emptyFilters }`), never mutate it. */
export const emptyFilters: NetworkFilters = {
  countries: [],
  types: [],
  levels: [],
  statuses: [],
  riskCategory: null,
  minTrust: null,
  asOf: null,
  since: null,
  sinceEventId: null,
  hubs: false,
  q: "",
  partnershipId: null,
  expand: [],
};

/** Longest search text kept (longer text is cut). */
export const SEARCH_MAX_LENGTH = 200;
/** Most cluster expansions kept from the URL (a longer list is cut). */
export const EXPAND_MAX = 200;

/** The i18n key of a filter's error: "network.filters.errors.<field>". */
export function filterErrorKey(field: keyof NetworkFilters): string {
  return `network.filters.errors.${field}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY_PATTERN = /^[A-Za-z]{2}$/;
const CLUSTER_PATTERN = /^c:([A-Z]{2}|none)(?::([a-z_]+))?$/;

/** A real calendar date written 'YYYY-MM-DD' (2024-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A cluster id the level of detail knows: "c:XX", "c:XX:<type>", "c:none" or "c:none:<type>". */
export function isClusterId(value: string): boolean {
  const match = CLUSTER_PATTERN.exec(value);
  if (!match) return false;
  const type = match[2];
  return type === undefined || (organisationTypes as readonly string[]).includes(type);
}

function enumValues<T extends string>(values: string[], allowed: readonly T[]): T[] {
  const out: T[] = [];
  for (const value of values) {
    if ((allowed as readonly string[]).includes(value) && !out.includes(value as T)) out.push(value as T);
  }
  return out;
}

/**
 * Reads the filters from the URL's search params.
 *
 * Params: `country` (repeatable, ISO alpha-2 in any case, "none" for organisations without a country),
 * `type`, `level`, `status` (repeatable), `risk`, `minTrust` (1-5, step 0.1), `asOf` and `since`
 * ('YYYY-MM-DD', a real date), `sinceEvent` (uuid), `hubs` ("1"), `q` (trimmed, at most 200 characters),
 * `partnership` (uuid), `expand` (repeatable cluster ids, in the order expanded).
 *
 * Invalid values are dropped and reported by field as an i18n key ("network.filters.errors.asOf");
 * unknown enum values (type, level, status, risk) are dropped silently. Repeated values are kept once.
 */
export function parseNetworkFilters(params: URLSearchParams): {
  filters: NetworkFilters;
  errors: Partial<Record<keyof NetworkFilters, string>>;
} {
  const errors: Partial<Record<keyof NetworkFilters, string>> = {};
  const fail = (field: keyof NetworkFilters) => {
    errors[field] = filterErrorKey(field);
  };

  const countries: string[] = [];
  for (const raw of params.getAll("country")) {
    const value = raw.trim();
    if (value === "") continue;
    let code: string;
    if (value.toLowerCase() === "none") code = "none";
    else if (COUNTRY_PATTERN.test(value)) code = value.toUpperCase();
    else {
      fail("countries");
      continue;
    }
    if (!countries.includes(code)) countries.push(code);
  }

  const types: OrganisationType[] = enumValues(params.getAll("type"), organisationTypes);
  const levelValues: Level[] = enumValues(params.getAll("level"), levels);
  const statuses: PartnershipStatus[] = enumValues(params.getAll("status"), partnershipStatuses);
  const riskRaw = params.get("risk");
  const riskCategory: RiskCategory | null =
    riskRaw !== null && (riskCategories as readonly string[]).includes(riskRaw)
      ? (riskRaw as RiskCategory)
      : null;

  let minTrust: number | null = null;
  const minTrustRaw = params.get("minTrust")?.trim() ?? "";
  if (minTrustRaw !== "") {
    const value = Number(minTrustRaw);
    const tenths = value * 10;
    if (Number.isFinite(value) && value >= 1 && value <= 5 && Math.abs(tenths - Math.round(tenths)) < 1e-9) {
      minTrust = Math.round(tenths) / 10;
    } else fail("minTrust");
  }

  const date = (name: string, field: "asOf" | "since"): string | null => {
    const raw = params.get(name)?.trim() ?? "";
    if (raw === "") return null;
    if (isIsoDate(raw)) return raw;
    fail(field);
    return null;
  };
  const asOf = date("asOf", "asOf");
  const since = date("since", "since");

  const uuid = (name: string, field: "sinceEventId" | "partnershipId"): string | null => {
    const raw = params.get(name)?.trim() ?? "";
    if (raw === "") return null;
    if (isUuid(raw)) return raw.toLowerCase();
    fail(field);
    return null;
  };
  const sinceEventId = uuid("sinceEvent", "sinceEventId");
  const partnershipId = uuid("partnership", "partnershipId");

  const hubs = params.get("hubs") === "1";

  let q = (params.get("q") ?? "").trim();
  if (q.length > SEARCH_MAX_LENGTH) {
    q = q.slice(0, SEARCH_MAX_LENGTH).trim();
    fail("q");
  }

  const expand: string[] = [];
  for (const raw of params.getAll("expand")) {
    const value = raw.trim();
    if (value === "") continue;
    if (!isClusterId(value)) {
      fail("expand");
      continue;
    }
    if (expand.length >= EXPAND_MAX) {
      fail("expand");
      break;
    }
    if (!expand.includes(value)) expand.push(value);
  }

  return {
    filters: {
      countries,
      types,
      levels: levelValues,
      statuses,
      riskCategory,
      minTrust,
      asOf,
      since,
      sinceEventId,
      hubs,
      q,
      partnershipId,
      expand,
    },
    errors,
  };
}

/**
 * Writes the filters as search params, leaving defaults out (an empty filter writes nothing).
 * `parseNetworkFilters(filtersToSearchParams(f)).filters` equals `f` for valid filters.
 */
export function filtersToSearchParams(filters: NetworkFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const value of filters.countries) params.append("country", value);
  for (const value of filters.types) params.append("type", value);
  for (const value of filters.levels) params.append("level", value);
  for (const value of filters.statuses) params.append("status", value);
  if (filters.riskCategory !== null) params.set("risk", filters.riskCategory);
  if (filters.minTrust !== null) params.set("minTrust", String(filters.minTrust));
  if (filters.asOf !== null) params.set("asOf", filters.asOf);
  if (filters.since !== null) params.set("since", filters.since);
  if (filters.sinceEventId !== null) params.set("sinceEvent", filters.sinceEventId);
  if (filters.hubs) params.set("hubs", "1");
  if (filters.q !== "") params.set("q", filters.q);
  if (filters.partnershipId !== null) params.set("partnership", filters.partnershipId);
  for (const value of filters.expand) params.append("expand", value);
  return params;
}
