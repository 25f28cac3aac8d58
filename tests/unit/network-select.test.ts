import { describe, expect, test } from "vitest";
import type { Level, OrganisationType, PartnershipStatus, RelationshipType } from "~/lib/enums";
import { emptyFilters } from "~/lib/network/filters";
import {
  changeKindOf,
  isLargePartnership,
  largePartnerships,
  organisationDegrees,
  organisationEdges,
  selectNetwork,
  type OrgEdge,
} from "~/lib/network/select";
import {
  LARGE_PARTNERSHIP_FROM,
  type ChangeSet,
  type NetworkFilters,
  type NetworkSnapshot,
  type SnapshotMember,
  type SnapshotOrganisation,
  type SnapshotPartnership,
  type SnapshotRelationship,
} from "~/lib/network/types";
import { searchOrganisations } from "~/lib/network/view";

// A tiny snapshot builder: organisations, partnerships and relationships with sensible defaults.
const TODAY = "2025-06-15";

function org(id: string, over: Partial<SnapshotOrganisation> = {}): SnapshotOrganisation {
  return {
    id,
    name: `Organisation ${id}`,
    acronym: null,
    type: "cso" as OrganisationType,
    level: "local" as Level,
    countryCode: "NL",
    municipalityId: null,
    hasPilot: false,
    ...over,
  };
}

function member(organisationId: string, over: Partial<SnapshotMember> = {}): SnapshotMember {
  return { organisationId, role: "partner", joinedOn: null, leftOn: null, ...over };
}

function partnership(
  id: string,
  members: (string | SnapshotMember)[],
  over: Partial<SnapshotPartnership> = {},
): SnapshotPartnership {
  return {
    id,
    name: `Partnership ${id}`,
    status: "active" as PartnershipStatus,
    startDate: "2020-01-01",
    endDate: null,
    countryCode: null,
    members: members.map((m) => (typeof m === "string" ? member(m) : m)),
    trustIndex: null,
    highestExposure: 0,
    riskCategories: [],
    powerImbalanceExposure: 0,
    ...over,
  };
}

function relationship(
  id: string,
  fromId: string,
  toId: string,
  over: Partial<SnapshotRelationship> = {},
): SnapshotRelationship {
  return { id, fromId, toId, type: "funds" as RelationshipType, startsOn: null, endsOn: null, ...over };
}

function snapshot(over: Partial<NetworkSnapshot>): NetworkSnapshot {
  return { dataVersion: 1, today: TODAY, organisations: [], partnerships: [], relationships: [], ...over };
}

function filters(over: Partial<NetworkFilters> = {}): NetworkFilters {
  return { ...emptyFilters, ...over };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const pids = (selected: ReturnType<typeof selectNetwork>) =>
  selected.partnerships.map((p) => p.partnership.id);

describe("selectNetwork: organisation filters", () => {
  const snap = snapshot({
    organisations: [
      org("a", { countryCode: "NL", type: "cso", level: "local" }),
      org("b", { countryCode: "BE", type: "national_authority", level: "national" }),
      org("c", { countryCode: null, type: "eu_body", level: "eu_international" }),
      org("d", { countryCode: "NL", type: "local_authority", level: "local" }),
    ],
    partnerships: [partnership("p1", ["a", "b"]), partnership("p2", ["b", "c"])],
    relationships: [relationship("r1", "a", "d"), relationship("r2", "b", "c")],
  });

  test("no filter shows every organisation, isolated ones included", () => {
    const selected = selectNetwork(snap, filters(), null);
    expect(ids(selected.organisations)).toEqual(["a", "b", "c", "d"]);
    expect(pids(selected)).toEqual(["p1", "p2"]);
    expect(ids(selected.relationships)).toEqual(["r1", "r2"]);
    expect(selected.date).toBe(TODAY);
  });

  test("countries, with none for organisations without a country", () => {
    const selected = selectNetwork(snap, filters({ countries: ["NL", "none"] }), null);
    expect(ids(selected.organisations)).toEqual(["a", "c", "d"]);
    // p1 and p2 keep only their selected members
    expect(selected.partnerships.map((p) => [p.partnership.id, p.memberIds])).toEqual([
      ["p1", ["a"]],
      ["p2", ["c"]],
    ]);
    expect(ids(selected.relationships)).toEqual(["r1"]);
  });

  test("types and levels", () => {
    expect(ids(selectNetwork(snap, filters({ types: ["cso", "eu_body"] }), null).organisations)).toEqual([
      "a",
      "c",
    ]);
    expect(ids(selectNetwork(snap, filters({ levels: ["national"] }), null).organisations)).toEqual(["b"]);
    expect(
      ids(selectNetwork(snap, filters({ levels: ["local"], types: ["cso"] }), null).organisations),
    ).toEqual(["a"]);
  });

  test("a partnership without a visible member is dropped", () => {
    const selected = selectNetwork(snap, filters({ countries: ["NL"] }), null);
    expect(pids(selected)).toEqual(["p1"]);
  });
});

describe("selectNetwork: partnership filters", () => {
  const snap = snapshot({
    organisations: [org("a"), org("b"), org("c"), org("d"), org("e"), org("lonely")],
    partnerships: [
      partnership("active", ["a", "b"], { trustIndex: 4.2, riskCategories: ["funding"] }),
      partnership("paused", ["b", "c"], {
        status: "paused",
        trustIndex: 2.5,
        riskCategories: ["power_imbalance"],
      }),
      partnership("untrusted", ["c", "d"], {
        trustIndex: null,
        riskCategories: ["funding", "trust_deficit"],
      }),
    ],
    relationships: [relationship("r", "d", "e")],
  });

  test("statuses", () => {
    const selected = selectNetwork(snap, filters({ statuses: ["paused"] }), null);
    expect(pids(selected)).toEqual(["paused"]);
    // organisations in no selected partnership and no relationship are hidden
    expect(ids(selected.organisations)).toEqual(["b", "c", "d", "e"]);
  });

  test("risk category: a live risk of it", () => {
    const selected = selectNetwork(snap, filters({ riskCategory: "funding" }), null);
    expect(pids(selected)).toEqual(["active", "untrusted"]);
    expect(ids(selected.organisations)).toEqual(["a", "b", "c", "d", "e"]);
    expect(pids(selectNetwork(snap, filters({ riskCategory: "legal_mandate" }), null))).toEqual([]);
  });

  test("minimum trust leaves out partnerships without a trust index", () => {
    expect(pids(selectNetwork(snap, filters({ minTrust: 2.5 }), null))).toEqual(["active", "paused"]);
    expect(pids(selectNetwork(snap, filters({ minTrust: 4.3 }), null))).toEqual([]);
    const selected = selectNetwork(snap, filters({ minTrust: 4 }), null);
    expect(pids(selected)).toEqual(["active"]);
    // d and e stay for their relationship; c and lonely are hidden
    expect(ids(selected.organisations)).toEqual(["a", "b", "d", "e"]);
  });

  test("without a partnership filter isolated organisations stay", () => {
    expect(ids(selectNetwork(snap, filters(), null).organisations)).toContain("lonely");
    expect(ids(selectNetwork(snap, filters({ asOf: "2024-01-01" }), null).organisations)).toContain("lonely");
  });
});

describe("selectNetwork: as of a date", () => {
  const snap = snapshot({
    organisations: [org("a"), org("b"), org("c"), org("d")],
    partnerships: [
      partnership("running", [
        member("a", { joinedOn: "2020-01-01" }),
        // left before the date: its last day was the day before
        member("b", { joinedOn: "2020-01-01", leftOn: "2023-12-31" }),
        // its last day is the date itself: still a member then
        member("c", { leftOn: "2024-01-01" }),
        // joined after the date
        member("d", { joinedOn: "2024-06-01" }),
      ]),
      partnership("exploring", ["a", "b"], { status: "exploring" }),
      partnership("later", ["a", "b"], { startDate: "2024-01-02" }),
      partnership("ended-then", ["a", "b"], { status: "ended", endDate: "2024-01-01" }),
      partnership("ended-before", ["a", "b"], { status: "ended", endDate: "2023-12-31" }),
      partnership("ended-undated", ["a", "b"], { status: "ended", endDate: null }),
      partnership("no-start", ["a", "b"], { startDate: null }),
    ],
    relationships: [
      relationship("current", "a", "b"),
      relationship("ended", "a", "c", { endsOn: "2023-06-30" }),
      relationship("ends-that-day", "a", "d", { endsOn: "2024-01-01" }),
      relationship("future", "b", "c", { startsOn: "2024-03-01" }),
    ],
  });
  const asOf = "2024-01-01";

  test("partnerships active on the date (DOMAIN.md)", () => {
    expect(pids(selectNetwork(snap, filters({ asOf }), null))).toEqual(["running", "ended-then"]);
  });

  test("members present on the date", () => {
    const selected = selectNetwork(snap, filters({ asOf }), null);
    expect(selected.date).toBe(asOf);
    expect(selected.partnerships[0]?.memberIds).toEqual(["a", "c"]);
  });

  test("relationships running on the date", () => {
    expect(ids(selectNetwork(snap, filters({ asOf }), null).relationships)).toEqual([
      "current",
      "ends-that-day",
    ]);
  });

  test("without asOf: current partnerships (any status but ended), members of today, current relationships", () => {
    const selected = selectNetwork(snap, filters(), null);
    // exploring and not-yet-started count as current links on today's map; ended ones do not
    expect(pids(selected)).toEqual(["running", "exploring", "later", "no-start"]);
    expect(selected.partnerships[0]?.memberIds).toEqual(["a", "d"]);
    // "future" started on 2024-03-01, before today
    expect(ids(selected.relationships)).toEqual(["current", "future"]);
  });

  test("without asOf: ended partnerships only when the statuses ask for them", () => {
    expect(pids(selectNetwork(snap, filters({ statuses: ["ended"] }), null))).toEqual([
      "ended-then",
      "ended-before",
      "ended-undated",
    ]);
    expect(pids(selectNetwork(snap, filters({ statuses: ["exploring", "ended"] }), null))).toEqual([
      "exploring",
      "ended-then",
      "ended-before",
      "ended-undated",
    ]);
    expect(pids(selectNetwork(snap, filters({ statuses: ["active"] }), null))).toEqual([
      "running",
      "later",
      "no-start",
    ]);
  });

  test("without asOf: past its end date is not current, its last day is; relationships not started are hidden", () => {
    const dated = snapshot({
      organisations: [org("a"), org("b")],
      partnerships: [
        partnership("expired", ["a", "b"], { endDate: "2025-06-14" }),
        partnership("last-day", ["a", "b"], { endDate: TODAY }),
        partnership("paused", ["a", "b"], { status: "paused" }),
        partnership("forming-later", ["a", "b"], { status: "forming", startDate: "2026-01-01" }),
      ],
      relationships: [
        relationship("starts-tomorrow", "a", "b", { startsOn: "2025-06-16" }),
        relationship("starts-today", "a", "b", { startsOn: TODAY }),
        relationship("ended-yesterday", "a", "b", { endsOn: "2025-06-14" }),
        relationship("ends-today", "a", "b", { endsOn: TODAY }),
      ],
    });
    const selected = selectNetwork(dated, filters(), null);
    expect(pids(selected)).toEqual(["last-day", "paused", "forming-later"]);
    expect(ids(selected.relationships)).toEqual(["starts-today", "ends-today"]);
    // statuses with "ended" also bring back a partnership past its end date (if its status passes)
    expect(pids(selectNetwork(dated, filters({ statuses: ["active", "ended"] }), null))).toEqual([
      "expired",
      "last-day",
    ]);
  });

  test("a member listed twice (left and rejoined) counts once", () => {
    const twice = snapshot({
      organisations: [org("a"), org("b")],
      partnerships: [
        partnership("p", [
          member("a", { leftOn: "2021-01-01" }),
          member("a", { joinedOn: "2022-01-01" }),
          "b",
        ]),
      ],
    });
    expect(selectNetwork(twice, filters(), null).partnerships[0]?.memberIds).toEqual(["a", "b"]);
    expect(selectNetwork(twice, filters({ asOf: "2021-06-01" }), null).partnerships[0]?.memberIds).toEqual([
      "b",
    ]);
  });
});

describe("changeKindOf", () => {
  const changes: ChangeSet = {
    since: "2024-01-01",
    added: ["p1", "p4"],
    ended: ["p2", "p4"],
    changed: ["p3", "p2"],
  };
  test("added > ended > changed", () => {
    expect(changeKindOf(changes, "p1")).toBe("added");
    expect(changeKindOf(changes, "p2")).toBe("ended");
    expect(changeKindOf(changes, "p3")).toBe("changed");
    expect(changeKindOf(changes, "p4")).toBe("added");
    expect(changeKindOf(changes, "p5")).toBeNull();
    expect(changeKindOf(null, "p1")).toBeNull();
  });

  test("selectNetwork marks the partnerships", () => {
    const snap = snapshot({
      organisations: [org("a"), org("b")],
      partnerships: [partnership("p1", ["a", "b"]), partnership("p3", ["a"]), partnership("p9", ["b"])],
    });
    expect(selectNetwork(snap, filters(), changes).partnerships.map((p) => p.change)).toEqual([
      "added",
      "changed",
      null,
    ]);
  });
});

describe("organisationEdges", () => {
  const shared = (edges: OrgEdge[]) => edges.filter((e) => e.kind === "shared");

  test("one shared edge per unordered pair, with the partnerships' figures", () => {
    const snap = snapshot({
      organisations: [org("a"), org("b"), org("c"), org("d")],
      partnerships: [
        partnership("p1", ["b", "a", "c"], { trustIndex: 3.1, powerImbalanceExposure: 11 }),
        partnership("p2", ["a", "b"], { trustIndex: 2.4, powerImbalanceExposure: 12 }),
        partnership("p3", ["c", "b"], { trustIndex: null, powerImbalanceExposure: 11 }),
        partnership("p4", ["a", "b"], { trustIndex: 4.5 }),
      ],
      relationships: [relationship("r1", "d", "a", { type: "advises" }), relationship("self", "d", "d")],
    });
    const changes: ChangeSet = { since: "2024-01-01", added: ["p4"], ended: ["p2"], changed: ["p1", "p3"] };
    const edges = organisationEdges(selectNetwork(snap, filters(), changes));
    expect(shared(edges)).toEqual([
      {
        kind: "shared",
        source: "a",
        target: "b",
        partnershipIds: ["p1", "p2", "p4"],
        minTrust: 2.4,
        dashed: true,
        change: "added",
      },
      {
        kind: "shared",
        source: "b",
        target: "c",
        partnershipIds: ["p1", "p3"],
        minTrust: 3.1,
        dashed: false,
        change: "changed",
      },
      {
        kind: "shared",
        source: "a",
        target: "c",
        partnershipIds: ["p1"],
        minTrust: 3.1,
        dashed: false,
        change: "changed",
      },
    ]);
    // relationships directed as stored; the self-loop left out
    expect(edges.filter((e) => e.kind === "relationship")).toEqual([
      { kind: "relationship", id: "r1", source: "d", target: "a", type: "advises" },
    ]);
  });

  test("dashed from an exposure of 12, not 11", () => {
    const snap = snapshot({
      organisations: [org("a"), org("b"), org("c")],
      partnerships: [
        partnership("eleven", ["a", "b"], { powerImbalanceExposure: 11 }),
        partnership("twelve", ["b", "c"], { powerImbalanceExposure: 12 }),
      ],
    });
    const edges = shared(organisationEdges(selectNetwork(snap, filters(), null)));
    expect(edges.map((e) => [e.source, e.target, e.kind === "shared" && e.dashed])).toEqual([
      ["a", "b", false],
      ["b", "c", true],
    ]);
  });

  test("change precedence on an edge: ended beats changed, added beats both", () => {
    const snap = snapshot({
      organisations: [org("a"), org("b")],
      partnerships: [
        partnership("c1", ["a", "b"]),
        partnership("e1", ["a", "b"]),
        partnership("n1", ["a", "b"]),
      ],
    });
    const edge = (changes: ChangeSet) =>
      shared(organisationEdges(selectNetwork(snap, filters(), changes)))[0];
    expect(edge({ since: "2024-01-01", added: [], ended: ["e1"], changed: ["c1"] })).toMatchObject({
      change: "ended",
    });
    expect(edge({ since: "2024-01-01", added: ["n1"], ended: ["e1"], changed: ["c1"] })).toMatchObject({
      change: "added",
    });
    expect(edge({ since: "2024-01-01", added: [], ended: [], changed: [] })).toMatchObject({ change: null });
  });

  test("a partnership of k members gives k(k-1)/2 pairs", () => {
    const members = ["a", "b", "c", "d", "e", "f"];
    const snap = snapshot({
      organisations: members.map((id) => org(id)),
      partnerships: [partnership("p", members)],
    });
    expect(shared(organisationEdges(selectNetwork(snap, filters(), null)))).toHaveLength(15);
  });
});

describe("large partnerships", () => {
  const memberIds = (n: number, prefix = "m") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  test(`from ${LARGE_PARTNERSHIP_FROM} visible members: no shared edges, listed as large`, () => {
    expect(LARGE_PARTNERSHIP_FROM).toBe(12);
    const members = memberIds(LARGE_PARTNERSHIP_FROM);
    const snap = snapshot({
      organisations: [...members.map((id) => org(id)), org("x"), org("y")],
      partnerships: [
        partnership("big", members),
        partnership("small", ["m0", "x"]),
        partnership("eleven", memberIds(LARGE_PARTNERSHIP_FROM - 1)),
      ],
      relationships: [relationship("r", "x", "y")],
    });
    const selected = selectNetwork(snap, filters(), null);
    expect(selected.partnerships.map(isLargePartnership)).toEqual([true, false, false]);
    expect(largePartnerships(selected).map((p) => p.partnership.id)).toEqual(["big"]);
    const edges = organisationEdges(selected);
    const shared = edges.filter((e) => e.kind === "shared");
    // "eleven": 11 * 10 / 2 = 55 pairs, plus m0-x of "small"; nothing from "big"
    expect(shared).toHaveLength(56);
    expect(shared.some((e) => e.kind === "shared" && e.partnershipIds.includes("big"))).toBe(false);
    expect(edges.filter((e) => e.kind === "relationship")).toHaveLength(1);
  });

  test("visible members decide: a filter that leaves 11 members makes it small again", () => {
    const members = memberIds(LARGE_PARTNERSHIP_FROM);
    const snap = snapshot({
      organisations: members.map((id, i) => org(id, { countryCode: i === 0 ? "BE" : "NL" })),
      partnerships: [partnership("big", members)],
    });
    const all = selectNetwork(snap, filters(), null);
    expect(organisationEdges(all)).toHaveLength(0);
    const nl = selectNetwork(snap, filters({ countries: ["NL"] }), null);
    expect(isLargePartnership(nl.partnerships[0]!)).toBe(false);
    expect(organisationEdges(nl)).toHaveLength(55);
  });

  test("degrees: distinct neighbours plus members - 1 per large partnership (an overlap counts twice)", () => {
    const members = memberIds(LARGE_PARTNERSHIP_FROM);
    const snap = snapshot({
      organisations: [...members.map((id) => org(id)), org("x"), org("lonely")],
      partnerships: [partnership("big", members), partnership("small", ["m0", "m1", "x"])],
      relationships: [relationship("r1", "m0", "x"), relationship("r2", "x", "m0")],
    });
    const selected = selectNetwork(snap, filters(), null);
    const degree = organisationDegrees(selected, organisationEdges(selected));
    // m0: m1 and x through "small" and the relationships (distinct: 2) + 11 through "big"
    expect(degree.m0).toBe(13);
    expect(degree.m1).toBe(13);
    expect(degree.m5).toBe(11);
    expect(degree.x).toBe(2);
    expect(degree.lonely).toBe(0);
  });

  test("6,000 members among 10,000 organisations: linear, no pair explosion", () => {
    const organisations = memberIds(10_000, "o").map((id) => org(id));
    const big = memberIds(6_000, "o");
    const medium = memberIds(2_000, "o").map((id) => id);
    const snap = snapshot({
      organisations,
      partnerships: [
        partnership("huge", big),
        partnership("medium", medium.reverse()),
        partnership("pair", ["o1", "o9999"]),
      ],
    });
    const started = performance.now();
    const selected = selectNetwork(snap, filters(), null);
    const edges = organisationEdges(selected);
    const degree = organisationDegrees(selected, edges);
    const ms = performance.now() - started;
    expect(edges).toEqual([
      expect.objectContaining({ kind: "shared", source: "o1", target: "o9999", partnershipIds: ["pair"] }),
    ]);
    expect(degree.o1).toBe(5_999 + 1_999 + 1);
    expect(degree.o9999).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });
});

describe("searchOrganisations", () => {
  const orgs = [
    org("1", { name: "Stichting Noodopvang Dakloze Vreemdelingen Utrecht", acronym: "SNDVU" }),
    org("2", { name: "Fedasil", acronym: null }),
    org("3", { name: "Agence fédérale pour l'accueil", acronym: "FED" }),
    org("4", { name: "Office des Étrangers", acronym: "OE" }),
    org("5", { name: "Vluchtelingenwerk", acronym: "VWN" }),
    org("6", { name: "Fedasil Ghent return desk", acronym: null }),
  ];

  test("case and accent insensitive, on name and acronym", () => {
    expect(ids(searchOrganisations(orgs, "etrangers"))).toEqual(["4"]);
    expect(ids(searchOrganisations(orgs, "FÉDÉRALE"))).toEqual(["3"]);
    expect(ids(searchOrganisations(orgs, "sndvu"))).toEqual(["1"]);
    expect(ids(searchOrganisations(orgs, "   "))).toEqual([]);
    expect(ids(searchOrganisations(orgs, "nothing like it"))).toEqual([]);
  });

  test("exact first, then prefix, then substring, each by name", () => {
    // exact name "Fedasil"; prefix: "Fedasil Ghent…" ; "fed" is an exact acronym for 3 but only a prefix here
    expect(ids(searchOrganisations(orgs, "fedasil"))).toEqual(["2", "6"]);
    // exact acronym FED; prefix matches Fedasil, Fedasil Ghent; substring: "fédérale" in 3 is already exact
    expect(ids(searchOrganisations(orgs, "fed"))).toEqual(["3", "2", "6"]);
    // substrings only, by name
    expect(ids(searchOrganisations(orgs, "ge"))).toEqual(["3", "4", "1", "5"]);
  });
});
