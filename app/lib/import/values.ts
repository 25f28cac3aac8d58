// Reading enumerations from imported cells: the stored codes, the English and French labels of the
// interface, and the words people commonly use ("ONG", "NGO", "Ministère"). Countries by ISO code or
// by name in English or French (every country the runtime's ICU data knows). Pure.
import en from "~/i18n/locales/en.json";
import fr from "~/i18n/locales/fr.json";
import { levels, organisationTypes, type Level, type OrganisationType } from "../enums";
import { foldText } from "./text";

function labelIndex<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>[],
  aliases: Record<string, T>,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const [alias, code] of Object.entries(aliases)) index.set(foldText(alias), code);
  for (const code of codes) {
    index.set(foldText(code), code);
    for (const set of labels) index.set(foldText(set[code]), code);
  }
  return index;
}

const TYPE_ALIASES: Record<string, OrganisationType> = {
  ngo: "cso",
  ong: "cso",
  osc: "cso",
  "civil society": "cso",
  "societe civile": "cso",
  association: "cso",
  ministry: "national_authority",
  ministere: "national_authority",
  government: "national_authority",
  municipality: "local_authority",
  municipalite: "local_authority",
  commune: "local_authority",
  city: "local_authority",
  ville: "local_authority",
  region: "regional_authority",
  province: "regional_authority",
  io: "international_organisation",
  igo: "international_organisation",
  eu: "eu_body",
  ue: "eu_body",
  donor: "funder",
  foundation: "funder",
  fondation: "funder",
  bailleur: "funder",
  university: "research_institute",
  universite: "research_institute",
  research: "research_institute",
  recherche: "research_institute",
  autre: "other",
};

const typeIndex = labelIndex(
  organisationTypes,
  [en.enums.organisationType, fr.enums.organisationType],
  TYPE_ALIASES,
);

const levelIndex = labelIndex(levels, [en.enums.level, fr.enums.level], {
  eu: "eu_international",
  ue: "eu_international",
  international: "eu_international",
  european: "eu_international",
  europeen: "eu_international",
  nationale: "national",
  regionale: "regional",
  locale: "local",
  municipal: "local",
});

/** The organisation type a cell names, or null when it names none. */
export function organisationTypeFrom(text: string): OrganisationType | null {
  return typeIndex.get(foldText(text)) ?? null;
}

/**
 * Kumu's element types are free text ("Organization", "Government agency", "NGO"): the closest type
 * by its words, "other" when none fits. Kumu files have no fixed list to be strict about.
 */
export function guessOrganisationType(text: string): OrganisationType {
  const exact = organisationTypeFrom(text);
  if (exact) return exact;
  const words = foldText(text);
  const rules: [RegExp, OrganisationType][] = [
    [/\b(ngo|ong|cso|osc|civil|civile|association|charity|nonprofit|non profit)\b/, "cso"],
    [/\b(municipal\w*|city|ville|commune|local|gemeente)\b/, "local_authority"],
    [/\b(region\w*|province|county)\b/, "regional_authority"],
    [/\b(ministry|ministere|national|government|gouvernement|agency|agence|state)\b/, "national_authority"],
    [/\b(eu|ue|european|europeen\w*|commission)\b/, "eu_body"],
    [/\b(international|un|unhcr|iom|oim|united nations)\b/, "international_organisation"],
    [/\b(fund\w*|donor|foundation|fondation|bailleur\w*)\b/, "funder"],
    [/\b(research|university|universite|institute|institut|academic)\b/, "research_institute"],
  ];
  return rules.find(([pattern]) => pattern.test(words))?.[1] ?? "other";
}

/** The level a cell names, or null when it names none. */
export function levelFrom(text: string): Level | null {
  return levelIndex.get(foldText(text)) ?? null;
}

/** A level that follows from the type, for files without a level column. */
export function levelOfType(type: OrganisationType): Level {
  switch (type) {
    case "local_authority":
      return "local";
    case "regional_authority":
      return "regional";
    case "international_organisation":
    case "eu_body":
      return "eu_international";
    default:
      return "national";
  }
}

/** Region codes ICU knows that are not countries today (EU, "Unknown region", East Germany...). */
const NOT_COUNTRIES = /^(EU|EZ|UN|QO|ZZ|X[A-JL-Z]|AN|BU|CS|DD|FX|NT|SU|TP|YD|YU|ZR)$/;

const COUNTRY_ALIASES: Record<string, string> = {
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  holland: "NL",
  nederland: "NL",
  "the netherlands": "NL",
  belgie: "BE",
  deutschland: "DE",
  espana: "ES",
  sverige: "SE",
  norge: "NO",
  hellas: "GR",
  eire: "IE",
  usa: "US",
  "united states of america": "US",
};

let countryIndex: { byName: Map<string, string>; codes: Set<string> } | null = null;

function countries(): { byName: Map<string, string>; codes: Set<string> } {
  if (countryIndex) return countryIndex;
  const byName = new Map<string, string>();
  const codes = new Set<string>();
  const names = ["en", "fr"].map(
    (locale) => new Intl.DisplayNames([locale], { type: "region", fallback: "none" }),
  );
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (NOT_COUNTRIES.test(code)) continue;
      for (const display of names) {
        const name = display.of(code);
        if (!name || name === code) continue;
        codes.add(code);
        const folded = foldText(name);
        if (!byName.has(folded)) byName.set(folded, code);
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) byName.set(foldText(alias), code);
  countryIndex = { byName, codes };
  return countryIndex;
}

/** The ISO 3166-1 alpha-2 code of a cell: a code in any case, or a name in English or French. */
export function countryCodeFrom(text: string): string | null {
  const trimmed = text.trim();
  const { byName, codes } = countries();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (code === "UK") return "GB";
    return codes.has(code) ? code : null;
  }
  return byName.get(foldText(trimmed)) ?? null;
}
