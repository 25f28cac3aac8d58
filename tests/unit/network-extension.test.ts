// A snapshot that only adds organisations (created since, so without partnership or relationship)
// gets the structural analytics and the view's organisation-level parts of the snapshot it extends,
// extended (extendStructuralAnalytics, extendSelectionParts): they must equal what a full pass over
// the extended snapshot gives.
import { describe, expect, it } from "vitest";
import { emptyFilters } from "~/lib/network/filters";
import { computeLayout } from "~/lib/network/layout";
import { extendStructuralAnalytics, structuralAnalytics } from "~/lib/network/metrics";
import type { NetworkFilters, NetworkSnapshot, SnapshotOrganisation } from "~/lib/network/types";
import { buildNetworkView, extendSelectionParts, selectionParts } from "~/lib/network/view";
import { syntheticSnapshot } from "../fixtures/synthetic-snapshot";

/** Organisations by name then id, as the snapshot's query orders them. */
const byName = (a: SnapshotOrganisation, b: SnapshotOrganisation) =>
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1);
const synthetic = syntheticSnapshot({ organisations: 400, countries: 5, seed: 7 });
const base: NetworkSnapshot = { ...synthetic, organisations: [...synthetic.organisations].sort(byName) };
const country = base.organisations[0]!.countryCode;

/** New organisations of every kind the analytics list; names sort among and before the others. */
function newcomers(count: number): SnapshotOrganisation[] {
  const kinds: Pick<SnapshotOrganisation, "type" | "level" | "municipalityId" | "hasPilot">[] = [
    { type: "cso", level: "local", municipalityId: null, hasPilot: false },
    { type: "national_authority", level: "national", municipalityId: null, hasPilot: false },
    {
      type: "local_authority",
      level: "local",
      municipalityId: "6f1c0b6e-0000-4000-8000-000000000001",
      hasPilot: true,
    },
    { type: "local_authority", level: "local", municipalityId: null, hasPilot: false },
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    name: i % 2 === 0 ? `Aardvark ${i}` : `Organisation ${i}b`,
    acronym: i % 5 === 0 ? `NEW${i}` : null,
    countryCode: i % 7 === 0 ? null : country,
    ...kinds[i % kinds.length]!,
  }));
}

function extended(snapshot: NetworkSnapshot, added: SnapshotOrganisation[]): NetworkSnapshot {
  const organisations = [...snapshot.organisations, ...added].sort(byName);
  return { ...snapshot, dataVersion: snapshot.dataVersion + 1, organisations };
}

describe("extendStructuralAnalytics", () => {
  it.each([1, 3, 120])("gives what structuralAnalytics gives for %i new organisations", (count) => {
    const added = newcomers(count);
    const next = extended(base, added);
    const result = extendStructuralAnalytics(structuralAnalytics(base), next, added);
    expect(result).toEqual(structuralAnalytics(next));
    // The lists moved (more than the cap of new isolated ones at 120: the items stay capped).
    expect(result!.isolated.count).toBe(structuralAnalytics(base).isolated.count + count);
  });

  it("refuses a previous result that does not fit the snapshot", () => {
    const added = newcomers(2);
    const next = extended(base, added);
    // One organisation short of the snapshot.
    expect(extendStructuralAnalytics(structuralAnalytics(base), next, added.slice(0, 1))).toBeNull();
    // From a result that already has the first one: the second is added...
    const already = structuralAnalytics(extended(base, added.slice(0, 1)));
    expect(extendStructuralAnalytics(already, next, added.slice(1))).toEqual(structuralAnalytics(next));
    // ...but the first one again is refused, though the counts would add up.
    expect(extendStructuralAnalytics(already, next, added.slice(0, 1))).toBeNull();
  });
});

describe("extendSelectionParts", () => {
  const filterCases: [string, NetworkFilters][] = [
    ["no filter", emptyFilters],
    ["a country", { ...emptyFilters, countries: [country ?? "none"] }],
    ["no country", { ...emptyFilters, countries: ["none"] }],
    ["a type and a level", { ...emptyFilters, types: ["cso"], levels: ["local"] }],
    ["a status (isolated organisations hidden)", { ...emptyFilters, statuses: ["active"] }],
    ["as of a date", { ...emptyFilters, asOf: "2025-01-01" }],
  ];
  it.each(filterCases)("gives what selectionParts gives: %s", (_name, filters) => {
    const added = newcomers(9);
    const next = extended(base, added);
    const parts = extendSelectionParts(selectionParts(base, filters, null), next, filters, added);
    expect(parts).toEqual(selectionParts(next, filters, null));
  });

  it("and the view built on them is the view built from scratch (clustered or not)", () => {
    const added = newcomers(4);
    const next = extended(base, added);
    const positions = computeLayout(next);
    const layout = { saved: false, version: null, updatedAt: null };
    for (const max of [500, 60]) {
      for (const filters of [emptyFilters, { ...emptyFilters, q: "Aardvark", hubs: true }]) {
        const parts = extendSelectionParts(selectionParts(base, filters, null), next, filters, added);
        const options = { changes: null, positions, layout, max };
        const view = buildNetworkView(next, filters, { ...options, parts });
        expect(view).toEqual(buildNetworkView(next, filters, options));
        expect(view.clustered).toBe(max === 60);
        if (filters.q) expect(view.searchMatches).toBe(2);
      }
    }
  });
});
