// Which column of a file feeds which field: guessed from the headers (English, French, Kumu's
// export), then confirmed by the user on the mapping step. One list of fields per kind. Pure.
import type { ImportKind, ImportLayout } from "./kinds";
import { foldText } from "./text";

/** The fields of an organisation a file can fill, in the order the mapping step shows them. */
export const organisationImportFields = [
  "name",
  "acronym",
  "type",
  "level",
  "countryCode",
  "website",
  "description",
  "mandate",
] as const;
export type OrganisationImportField = (typeof organisationImportFields)[number];

/** One row per membership: the partnership's fields (repeated or left empty), then the member's. */
export const partnershipImportFields = [
  "partnership",
  "status",
  "startDate",
  "endDate",
  "countryCode",
  "level",
  "formalisation",
  "organisation",
  "organisationCountry",
  "role",
  "mandate",
  "contribution",
  "joinedOn",
] as const;
export type PartnershipImportField = (typeof partnershipImportFields)[number];

export const relationshipImportFields = ["from", "to", "type", "startsOn", "endsOn", "notes"] as const;
export type RelationshipImportField = (typeof relationshipImportFields)[number];

export type ImportField = OrganisationImportField | PartnershipImportField | RelationshipImportField;

/** Field -> index of the file's column (unmapped fields are absent). */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export function importFieldsOf(kind: ImportKind): readonly ImportField[] {
  switch (kind) {
    case "partnerships":
      return partnershipImportFields;
    case "relationships":
      return relationshipImportFields;
    default:
      return organisationImportFields;
  }
}

/** The fields without which a row means nothing: the mapping step insists on them. */
export function requiredFieldsOf(kind: ImportKind): readonly ImportField[] {
  switch (kind) {
    case "partnerships":
      return ["partnership", "organisation"];
    case "relationships":
      return ["from", "to", "type"];
    default:
      return ["name"];
  }
}

const NAME = [
  "name",
  "organisation",
  "organization",
  "organisation name",
  "organization name",
  "nom",
  "nom de l organisation",
  "organisme",
  "raison sociale",
  "naam",
  "label",
];
const COUNTRY = ["country", "country code", "pays", "code pays", "code du pays", "land", "iso country"];

/** Headers that name each field, folded (see foldText); the first match wins. */
const ORGANISATION_SYNONYMS: Record<OrganisationImportField, string[]> = {
  name: NAME,
  acronym: ["acronym", "abbreviation", "short name", "sigle", "acronyme", "abreviation", "afkorting"],
  type: [
    "type",
    "organisation type",
    "organization type",
    "type d organisation",
    "type de structure",
    "kind",
    "category",
    "categorie",
  ],
  level: ["level", "niveau", "scope", "echelon", "niveau d action"],
  countryCode: COUNTRY,
  website: ["website", "web site", "site web", "site internet", "site", "url", "web", "homepage"],
  description: ["description", "about", "presentation", "notes", "bio", "summary", "resume"],
  mandate: ["mandate", "mandat", "mission", "missions", "role"],
};

const PARTNERSHIP_SYNONYMS: Record<PartnershipImportField, string[]> = {
  partnership: [
    "partnership",
    "partnership name",
    "partenariat",
    "nom du partenariat",
    "consortium",
    "network",
    "reseau",
  ],
  status: ["status", "partnership status", "statut", "etat", "statut du partenariat"],
  startDate: ["start", "start date", "starts", "debut", "date de debut", "begin"],
  endDate: ["end", "end date", "ends", "fin", "date de fin"],
  countryCode: ["partnership country", "pays du partenariat", "country", "pays", "country code", "code pays"],
  level: ["level", "scope", "scope level", "niveau", "echelle", "echelon"],
  formalisation: ["formalisation", "formalization", "formalisation level", "agreement", "accord", "forme"],
  organisation: [
    "organisation",
    "organization",
    "member",
    "member organisation",
    "member organization",
    "membre",
    "organisation membre",
    "structure",
  ],
  organisationCountry: [
    "organisation country",
    "organization country",
    "member country",
    "pays de l organisation",
    "pays du membre",
  ],
  role: ["role", "member role", "role du membre", "fonction"],
  mandate: ["mandate", "mandat", "mission"],
  contribution: ["contribution", "apport", "brings", "value"],
  joinedOn: ["joined", "joined on", "member since", "since", "adhesion", "date d adhesion", "membre depuis"],
};

const RELATIONSHIP_SYNONYMS: Record<RelationshipImportField, string[]> = {
  from: ["from", "source", "from organisation", "from organization", "de", "origine", "organisation source"],
  to: [
    "to",
    "target",
    "to organisation",
    "to organization",
    "vers",
    "a",
    "destination",
    "organisation cible",
  ],
  type: [
    "type",
    "relationship type",
    "connection type",
    "type de relation",
    "type de lien",
    "relation",
    "kind",
  ],
  startsOn: ["starts", "start", "start date", "since", "debut", "date de debut", "depuis"],
  endsOn: ["ends", "end", "end date", "until", "fin", "date de fin", "jusqu au"],
  notes: ["notes", "note", "description", "comment", "comments", "commentaire", "remarques", "label"],
};

function synonymsOf(kind: ImportKind): Partial<Record<ImportField, string[]>> {
  switch (kind) {
    case "partnerships":
      return PARTNERSHIP_SYNONYMS;
    case "relationships":
      return RELATIONSHIP_SYNONYMS;
    default:
      return ORGANISATION_SYNONYMS;
  }
}

/**
 * The guessed mapping of a file's headers: an exact (folded) synonym first, then a header that starts
 * with one ("Pays (code ISO)"). A column feeds one field at most.
 */
export function guessMapping(
  headers: readonly string[],
  layout: ImportLayout = "table",
  kind: ImportKind = "organisations",
): ColumnMapping {
  const folded = headers.map(foldText);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const synonyms = synonymsOf(kind);
  const fields = importFieldsOf(kind);
  const pick = (field: ImportField, test: (header: string, synonym: string) => boolean) => {
    if (mapping[field] !== undefined) return;
    for (const synonym of synonyms[field] ?? []) {
      const index = folded.findIndex((header, i) => !taken.has(i) && header !== "" && test(header, synonym));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        return;
      }
    }
  };
  // Kumu: "Label" is the element's name, whatever other columns say.
  if (layout === "kumu" && kind === "organisations") pick("name", (header) => header === "label");
  for (const field of fields) pick(field, (header, synonym) => header === synonym);
  for (const field of fields) {
    pick(field, (header, synonym) => synonym.length >= 4 && header.startsWith(`${synonym} `));
  }
  return mapping;
}

/** A mapping read from a form: `map.<field>` holds a column index, "" for none. */
export function mappingFromForm(
  form: FormData,
  columnCount: number,
  kind: ImportKind = "organisations",
): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of importFieldsOf(kind)) {
    const value = form.get(`map.${field}`);
    if (typeof value !== "string" || !/^\d+$/.test(value)) continue;
    const index = Number(value);
    if (index < columnCount) mapping[field] = index;
  }
  return mapping;
}

/** Fields two or more of which read the same column: a mistake to point out, not to save. */
export function sharedColumns(mapping: ColumnMapping, kind: ImportKind = "organisations"): ImportField[] {
  const seen = new Map<number, ImportField>();
  const shared: ImportField[] = [];
  for (const field of importFieldsOf(kind)) {
    const index = mapping[field];
    if (index === undefined) continue;
    const first = seen.get(index);
    if (first !== undefined) shared.push(field);
    else seen.set(index, field);
  }
  return shared;
}
