// Near-duplicate organisation names ("Gemeente Utrecht" and "City of Utrecht", "Fedasil" and
// "FEDASIL."): flagged before saving so the same stakeholder is not recorded twice. Pure: no I/O.

/** Words that say what kind of body it is rather than which one; dropped before comparing. */
const COMMON_WORDS = new Set([
  "the",
  "of",
  "and",
  "for",
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "l",
  "d",
  "het",
  "van",
  "der",
  "den",
  "gemeente",
  "city",
  "ville",
  "stad",
  "municipality",
  "commune",
]);

/** Names normalised before: a new organisation is compared with every one in its country, each time. */
const normalised = new Map<string, string>();
const NORMALISED_KEPT = 50_000;

/** Lower case, accents stripped (NFD), punctuation to spaces, common words dropped. */
export function normaliseName(name: string): string {
  let value = normalised.get(name);
  if (value === undefined) {
    if (normalised.size >= NORMALISED_KEPT) normalised.clear();
    value = normaliseUncached(name);
    normalised.set(name, value);
  }
  return value;
}

function normaliseUncached(name: string): string {
  const words = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .split(" ")
    .filter((word) => word !== "" && !COMMON_WORDS.has(word));
  return words.join(" ");
}

/** Edit distance (insertions, deletions, substitutions), two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The largest edit distance still counted as "the same name". */
export const MAX_NAME_DISTANCE = 2;
/** Containment counts only from this many characters: "IND" is inside too many names. */
const MIN_CONTAINED_LENGTH = 4;

/** Whether two organisation names probably name the same organisation. */
export function areSimilarNames(a: string, b: string): boolean {
  return similarNormalised(normaliseName(a), normaliseName(b));
}

/** areSimilarNames of two names normalised already. */
function similarNormalised(x: string, y: string): boolean {
  if (x === "" || y === "") return false;
  if (x === y) return true;
  // Short names: two edits turn "IOM" into "IND"; demand (almost) the same word there.
  const allowed = Math.min(x.length, y.length) <= 4 ? 1 : MAX_NAME_DISTANCE;
  // The edit distance is at least the difference in length: no need to compute it then.
  if (Math.abs(x.length - y.length) <= allowed && levenshtein(x, y) <= allowed) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length >= MIN_CONTAINED_LENGTH && ` ${longer} `.includes(` ${shorter} `);
}

/** Acronyms match only exactly (after normalising): "IOM" and "IND" are different bodies. */
function sameAcronym(x: string, b: string | null | undefined): boolean {
  return x !== "" && !!b && x === normaliseName(b);
}

/**
 * The candidates that probably are the organisation described: a similar name, or a name or acronym
 * that is another's acronym ("Fedasil" for the Federal Agency for the Reception of Asylum Seekers).
 */
export function similarNames<T extends { name: string; acronym?: string | null }>(
  name: string,
  candidates: readonly T[],
  acronym?: string | null,
): T[] {
  const x = normaliseName(name);
  const a = acronym ? normaliseName(acronym) : "";
  return candidates.filter((candidate) => {
    const y = normaliseName(candidate.name);
    return (
      similarNormalised(x, y) ||
      sameAcronym(x, candidate.acronym) ||
      (a !== "" && a === y) ||
      sameAcronym(a, candidate.acronym)
    );
  });
}
