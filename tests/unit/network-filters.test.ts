import { describe, expect, test } from "vitest";
import {
  emptyFilters,
  filtersToSearchParams,
  isClusterId,
  isIsoDate,
  parseNetworkFilters,
} from "~/lib/network/filters";
import type { NetworkFilters } from "~/lib/network/types";
import { foldedFiltersActive } from "~/components/network/filters-form";

const EVENT = "6f1c2b9e-3d4a-4c8b-9e2f-1a2b3c4d5e6f";
const PARTNERSHIP = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function parse(query: string) {
  return parseNetworkFilters(new URLSearchParams(query));
}

const full: NetworkFilters = {
  countries: ["NL", "BE", "none"],
  types: ["cso", "local_authority"],
  levels: ["local", "national"],
  statuses: ["active", "paused"],
  riskCategory: "power_imbalance",
  minTrust: 3.5,
  asOf: "2024-02-29",
  since: "2023-11-30",
  sinceEventId: EVENT,
  hubs: true,
  q: "Fedasil Ghent",
  partnershipId: PARTNERSHIP,
  expand: ["c:NL", "c:NL:cso", "c:none"],
};

describe("parseNetworkFilters", () => {
  test("no params give the empty filters and no error", () => {
    expect(parse("")).toEqual({ filters: emptyFilters, errors: {} });
  });

  test("reads every filter", () => {
    const { filters, errors } = parse(
      "country=nl&country=BE&country=none&type=cso&type=local_authority&level=local&level=national" +
        "&status=active&status=paused&risk=power_imbalance&minTrust=3.5&asOf=2024-02-29&since=2023-11-30" +
        `&sinceEvent=${EVENT.toUpperCase()}&hubs=1&q=%20%20Fedasil%20Ghent%20&partnership=${PARTNERSHIP}` +
        "&expand=c:NL&expand=c:NL:cso&expand=c:none",
    );
    expect(errors).toEqual({});
    expect(filters).toEqual(full);
  });

  test("round-trips through filtersToSearchParams", () => {
    expect(parseNetworkFilters(filtersToSearchParams(full))).toEqual({ filters: full, errors: {} });
    expect(parseNetworkFilters(filtersToSearchParams(emptyFilters))).toEqual({
      filters: emptyFilters,
      errors: {},
    });
    expect(filtersToSearchParams(emptyFilters).toString()).toBe("");
    const single: NetworkFilters = { ...emptyFilters, minTrust: 1, expand: ["c:FR:eu_body"] };
    expect(parseNetworkFilters(filtersToSearchParams(single)).filters).toEqual(single);
  });

  test("invalid values are dropped with an i18n key", () => {
    const { filters, errors } = parse(
      "country=FRA&country=1x&country=DE&minTrust=6&asOf=2023-02-29&since=yesterday" +
        "&sinceEvent=42&partnership=not-a-uuid&expand=c:FR&expand=cluster&expand=c:FR:nope",
    );
    expect(filters).toEqual({ ...emptyFilters, countries: ["DE"], expand: ["c:FR"] });
    expect(errors).toEqual({
      countries: "network.filters.errors.countries",
      minTrust: "network.filters.errors.minTrust",
      asOf: "network.filters.errors.asOf",
      since: "network.filters.errors.since",
      sinceEventId: "network.filters.errors.sinceEventId",
      partnershipId: "network.filters.errors.partnershipId",
      expand: "network.filters.errors.expand",
    });
  });

  test("unknown enum values are dropped silently, repeated values kept once", () => {
    const { filters, errors } = parse(
      "type=cso&type=ngo&type=cso&level=galactic&status=active&status=dead&risk=meteor&hubs=yes&country=NL&country=nl",
    );
    expect(errors).toEqual({});
    expect(filters).toEqual({ ...emptyFilters, types: ["cso"], statuses: ["active"], countries: ["NL"] });
  });

  test("minTrust is 1-5 in steps of 0.1", () => {
    expect(parse("minTrust=1").filters.minTrust).toBe(1);
    expect(parse("minTrust=5").filters.minTrust).toBe(5);
    expect(parse("minTrust=2.7").filters.minTrust).toBe(2.7);
    for (const bad of ["0.9", "5.1", "2.75", "abc", "Infinity", "NaN"]) {
      const { filters, errors } = parse(`minTrust=${bad}`);
      expect(filters.minTrust, bad).toBeNull();
      expect(errors.minTrust, bad).toBe("network.filters.errors.minTrust");
    }
    expect(parse("minTrust=").errors).toEqual({});
  });

  test("dates must be real calendar dates", () => {
    expect(parse("asOf=2024-02-29").filters.asOf).toBe("2024-02-29");
    for (const bad of [
      "2023-02-29",
      "2024-13-01",
      "2024-04-31",
      "2024-1-5",
      "2024-01-05T00:00",
      "0000-01-01",
    ]) {
      expect(parse(`asOf=${bad}`).filters.asOf, bad).toBeNull();
      expect(parse(`since=${bad}`).errors.since, bad).toBe("network.filters.errors.since");
    }
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
  });

  test("q is trimmed and cut at 200 characters", () => {
    expect(parse("q=%20%20").filters.q).toBe("");
    const long = "a".repeat(250);
    const { filters, errors } = parse(`q=${long}`);
    expect(filters.q).toBe("a".repeat(200));
    expect(errors.q).toBe("network.filters.errors.q");
  });

  test("hubs only with 1", () => {
    expect(parse("hubs=1").filters.hubs).toBe(true);
    expect(parse("hubs=true").filters.hubs).toBe(false);
    expect(parse("hubs=0").filters.hubs).toBe(false);
  });

  test("cluster ids", () => {
    for (const ok of ["c:FR", "c:none", "c:FR:cso", "c:none:eu_body"]) expect(isClusterId(ok), ok).toBe(true);
    for (const bad of ["c:fr", "c:FRA", "FR", "c:FR:ngo", "c:FR:cso:x", "p:FR", "c:"]) {
      expect(isClusterId(bad), bad).toBe(false);
    }
  });

  test("expand keeps the order and drops repeats", () => {
    expect(parse("expand=c:NL:cso&expand=c:NL&expand=c:NL:cso").filters.expand).toEqual(["c:NL:cso", "c:NL"]);
  });
});

describe("foldedFiltersActive (the count on the form's “More filters”)", () => {
  test("counts each folded filter that is set, not the search, the partnership or expanded groups", () => {
    expect(foldedFiltersActive(emptyFilters)).toBe(0);
    expect(
      foldedFiltersActive({ ...emptyFilters, q: "x", partnershipId: PARTNERSHIP, expand: ["c:NL"] }),
    ).toBe(0);
    expect(foldedFiltersActive(full)).toBe(10);
    expect(foldedFiltersActive(parse("country=NL&country=BE").filters)).toBe(1);
    expect(foldedFiltersActive(parse("minTrust=2&hubs=1&asOf=2024-01-31").filters)).toBe(3);
  });
});
