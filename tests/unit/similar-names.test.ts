import { describe, expect, test } from "vitest";
import { areSimilarNames, levenshtein, normaliseName, similarNames } from "~/lib/similar-names";

describe("normaliseName", () => {
  test("folds case, accents and punctuation, and drops common words", () => {
    expect(normaliseName("  Ville de Liège! ")).toBe("liege");
    expect(normaliseName("Gemeente Utrecht")).toBe("utrecht");
    expect(normaliseName("City of Utrecht")).toBe("utrecht");
    expect(normaliseName("The Immigration-Office")).toBe("immigration office");
    expect(normaliseName("de la")).toBe("");
  });
});

describe("levenshtein", () => {
  test("counts insertions, deletions and substitutions", () => {
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("fedasil", "fedasil")).toBe(0);
    expect(levenshtein("fedasil", "fedasl")).toBe(1);
  });
});

describe("areSimilarNames", () => {
  test("the same organisation written differently is similar", () => {
    expect(areSimilarNames("Gemeente Utrecht", "City of Utrecht")).toBe(true);
    expect(areSimilarNames("FEDASIL.", "Fedasil")).toBe(true);
    expect(areSimilarNames("Vluchtelingenwerk", "VluchtelingenWerk Nederland")).toBe(true);
    expect(areSimilarNames("Caritas International", "Caritas Internationl")).toBe(true);
    expect(areSimilarNames("Stichting INLIA", "Stichting Inlia")).toBe(true);
  });

  test("different organisations are not", () => {
    expect(areSimilarNames("IOM", "IND")).toBe(false);
    expect(areSimilarNames("Municipality of Ghent", "Municipality of Antwerp")).toBe(false);
    expect(areSimilarNames("Ministry of Justice and Security", "Ministry of Foreign Affairs")).toBe(false);
    // A short name inside a longer one is too weak a signal.
    expect(areSimilarNames("NAS", "NAS Rotterdam Foundation for Refugees")).toBe(false);
  });

  test("names made only of common words never match", () => {
    expect(areSimilarNames("The City", "Gemeente")).toBe(false);
  });
});

describe("similarNames", () => {
  test("keeps the similar candidates", () => {
    const candidates = [{ name: "Gemeente Groningen" }, { name: "INLIA" }, { name: "Groningen city" }];
    expect(similarNames("City of Groningen", candidates).map((c) => c.name)).toEqual([
      "Gemeente Groningen",
      "Groningen city",
    ]);
  });
});

describe("acronyms", () => {
  const fedasil = { name: "Federal Agency for the Reception of Asylum Seekers", acronym: "Fedasil" };
  const iom = { name: "International Organization for Migration", acronym: "IOM" };

  test("a name that is another's acronym, or the same acronym, is flagged", () => {
    expect(similarNames("FEDASIL", [fedasil, iom])).toEqual([fedasil]);
    expect(similarNames("Agence fédérale", [fedasil, iom], "fedasil")).toEqual([fedasil]);
    expect(similarNames("IOM", [fedasil, iom])).toEqual([iom]);
  });

  test("acronyms match only exactly", () => {
    expect(similarNames("IND", [fedasil, iom], "IND")).toEqual([]);
  });
});

test("similarNames agrees with comparing every pair in full (no shortcut changes an answer)", () => {
  // Names that are near each other on purpose: edits of one or two letters, lengths that differ by
  // one to three, contained words, short names, acronyms; each against all the others.
  const names = [
    "Gemeente Utrecht",
    "City of Utrecht",
    "Utrecht",
    "Utrechtt",
    "Utreht",
    "Uterchtse Raad",
    "Fedasil",
    "FEDASIL.",
    "Fedasil Brussels",
    "IOM",
    "IND",
    "INDE",
    "Red Cross Flanders",
    "Red Cross Flanders vzw",
    "Red Cros Flander",
    "Stad Gent",
    "Gent",
    "Ghent",
    "Caritas",
    "Caritas International",
    "Karitas",
  ];
  const candidates = names.map((name, i) => ({ name, acronym: i % 3 === 0 ? name.slice(0, 3) : null }));
  const full = (a: string, b: string) => {
    const x = normaliseName(a);
    const y = normaliseName(b);
    if (x === "" || y === "") return false;
    if (x === y) return true;
    const allowed = Math.min(x.length, y.length) <= 4 ? 1 : 2;
    if (levenshtein(x, y) <= allowed) return true;
    const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
    return shorter.length >= 4 && ` ${longer} `.includes(` ${shorter} `);
  };
  const same = (a: string | null, b: string | null) =>
    !!a && !!b && normaliseName(a) !== "" && normaliseName(a) === normaliseName(b);
  let matches = 0;
  for (const name of names) {
    for (const acronym of [null, name.slice(0, 3)]) {
      const expected = candidates.filter(
        (c) =>
          full(name, c.name) || same(name, c.acronym) || same(acronym, c.name) || same(acronym, c.acronym),
      );
      expect(similarNames(name, candidates, acronym), `${name} / ${acronym}`).toEqual(expected);
      matches += expected.length;
    }
  }
  // The list does hold near-duplicates (and not only each name matching itself).
  expect(matches).toBeGreaterThan(names.length * 2 + 20);
});
