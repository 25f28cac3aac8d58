// Reading the enumerations of partnerships, members and relationships from imported cells: codes,
// the interface's English and French labels (from the locale files) and common words; dates as
// ISO days or written day first (31/12/2024). Pure.
import en from "~/i18n/locales/en.json";
import fr from "~/i18n/locales/fr.json";
import {
  formalisations,
  memberRoles,
  partnershipStatuses,
  relationshipTypes,
  type Formalisation,
  type MemberRole,
  type PartnershipStatus,
  type RelationshipType,
} from "../enums";
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

const roleIndex = labelIndex(memberRoles, [en.enums.memberRole, fr.enums.memberRole], {
  leader: "lead",
  "lead partner": "lead",
  coordinator: "lead",
  coordinateur: "lead",
  pilote: "lead",
  member: "partner",
  membre: "partner",
  donor: "funder",
  financeur: "funder",
  "bailleur de fonds": "funder",
  observatrice: "observer",
});

const statusIndex = labelIndex(
  partnershipStatuses,
  [en.enums.partnershipStatus, fr.enums.partnershipStatus],
  {
    exploration: "exploring",
    forming: "forming",
    constitution: "forming",
    actif: "active",
    active: "active",
    "en cours": "active",
    suspendu: "paused",
    termine: "ended",
    terminee: "ended",
    closed: "ended",
  },
);

const formalisationIndex = labelIndex(formalisations, [en.enums.formalisation, fr.enums.formalisation], {
  mou: "memorandum",
  "memorandum of understanding": "memorandum",
  "protocole d accord": "memorandum",
  convention: "covenant",
  contrat: "contract",
  grant: "grant_agreement",
  subvention: "grant_agreement",
  informelle: "informal",
});

const relationshipTypeIndex = labelIndex(
  relationshipTypes,
  [en.enums.relationshipType, fr.enums.relationshipType],
  {
    fund: "funds",
    funding: "funds",
    financement: "funds",
    refers: "refers_cases",
    referral: "refers_cases",
    orientation: "refers_cases",
    oriente: "refers_cases",
    information: "shares_information",
    "information sharing": "shares_information",
    "partage d information": "shares_information",
    supervision: "oversees",
    supervise: "oversees",
    tutelle: "oversees",
    advice: "advises",
    conseil: "advises",
    conseille: "advises",
  },
);

export function memberRoleFrom(text: string): MemberRole | null {
  return roleIndex.get(foldText(text)) ?? null;
}

export function partnershipStatusFrom(text: string): PartnershipStatus | null {
  return statusIndex.get(foldText(text)) ?? null;
}

export function formalisationFrom(text: string): Formalisation | null {
  return formalisationIndex.get(foldText(text)) ?? null;
}

export function relationshipTypeFrom(text: string): RelationshipType | null {
  return relationshipTypeIndex.get(foldText(text)) ?? null;
}

/**
 * Kumu's connection types are free text ("Funding", "Referral pathway", "Data exchange"): the
 * closest type by its words. There is no "other" relationship type, so null when none fits (the row
 * then has an error: a relationship must say what it is).
 */
export function guessRelationshipType(text: string): RelationshipType | null {
  const exact = relationshipTypeFrom(text);
  if (exact) return exact;
  const words = foldText(text);
  const rules: [RegExp, RelationshipType][] = [
    [/\b(fund\w*|financ\w*|grant\w*|donor|donat\w*|subvention\w*|bailleur\w*)\b/, "funds"],
    [/\b(refer\w*|orient\w*|case\w*|dossier\w*|signpost\w*)\b/, "refers_cases"],
    [
      /\b(information|data|share\w*|sharing|partage\w*|exchange\w*|echange\w*|communicat\w*)\b/,
      "shares_information",
    ],
    [/\b(overs\w*|supervis\w*|control\w*|tutelle|accountab\w*|reports? to|monitor\w*)\b/, "oversees"],
    [/\b(advi\w*|consult\w*|conseil\w*|expert\w*|guidance|support\w*|mentor\w*)\b/, "advises"],
  ];
  return rules.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A day as "YYYY-MM-DD": written so (XLSX date cells are read so too), or day first as Europe writes
 * it ("31/12/2024", "31.12.2024", "31-12-2024"). Null when the cell is no such day.
 */
export function dayFrom(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (dayFirst) return validDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}
