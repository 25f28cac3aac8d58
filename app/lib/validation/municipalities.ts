// Query parameters of /municipalities (the list and the `?view=compare` comparison). Read leniently:
// anything unknown falls back to the default, so a shared URL never fails.

export const municipalitySorts = ["name", "country", "pilots", "next", "overdue", "latest"] as const;
export type MunicipalitySort = (typeof municipalitySorts)[number];

export const comparisonSorts = [
  "pilot",
  "municipality",
  "participants",
  "durable",
  "semiDurable",
  "noSolution",
  "onTime",
  "perParticipant",
] as const;
export type ComparisonSort = (typeof comparisonSorts)[number];

export type SortDir = "asc" | "desc";

export interface MunicipalityFilters {
  country: string | undefined;
  sort: MunicipalitySort;
  dir: SortDir;
}

export interface ComparisonFilters {
  country: string | undefined;
  sort: ComparisonSort;
  dir: SortDir;
}

export type MunicipalitiesView = "list" | "compare";

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

function countryOf(params: URLSearchParams): string | undefined {
  const country = (params.get("country") ?? "").trim().toUpperCase();
  return /^[A-Z]{2}$/.test(country) ? country : undefined;
}

function dirOf(params: URLSearchParams): SortDir {
  return params.get("dir") === "desc" ? "desc" : "asc";
}

export function parseMunicipalitiesView(params: URLSearchParams): MunicipalitiesView {
  return params.get("view") === "compare" ? "compare" : "list";
}

export function parseMunicipalityFilters(params: URLSearchParams): MunicipalityFilters {
  return {
    country: countryOf(params),
    sort: oneOf(municipalitySorts, params.get("sort")) ?? "name",
    dir: dirOf(params),
  };
}

export function parseComparisonFilters(params: URLSearchParams): ComparisonFilters {
  return {
    country: countryOf(params),
    sort: oneOf(comparisonSorts, params.get("sort")) ?? "municipality",
    dir: dirOf(params),
  };
}
