// The downloadable template of each kind of import: the fields' names in the reader's language (the
// mapping step recognises them in English and French) and example rows. Pure.
import type { TFunction } from "i18next";
import type { ImportKind } from "./kinds";
import { importFieldsOf, organisationImportFields } from "./mapping";

export interface ImportTemplate {
  headers: string[];
  examples: string[][];
}

export function organisationTemplate(t: TFunction): { headers: string[]; example: string[] } {
  const headers = organisationImportFields.map((field) => t(`import.fields.${field}` as never));
  const example = [
    t("import.template.exampleName"),
    "RSN",
    t("enums.organisationType.cso"),
    t("enums.level.local"),
    "NL",
    "https://example.org",
    t("import.template.exampleDescription"),
    t("import.template.exampleMandate"),
  ];
  return { headers, example };
}

export function importTemplate(kind: ImportKind, t: TFunction): ImportTemplate {
  const headers = importFieldsOf(kind).map((field) => t(`import.fields.${field}` as never));
  switch (kind) {
    case "partnerships": {
      const partnership = [
        t("import.template.examplePartnership"),
        t("enums.partnershipStatus.forming"),
        "2025-01-01",
        "",
        "NL",
        t("enums.level.local"),
        t("enums.formalisation.memorandum"),
      ];
      return {
        headers,
        examples: [
          [
            ...partnership,
            t("import.template.exampleName"),
            "NL",
            t("enums.memberRole.lead"),
            t("import.template.exampleMandate"),
            "",
            "2025-01-01",
          ],
          [
            t("import.template.examplePartnership"),
            "",
            "",
            "",
            "",
            "",
            "",
            t("import.template.exampleOther"),
            "",
            t("enums.memberRole.partner"),
            "",
            t("import.template.exampleContribution"),
            "",
          ],
        ],
      };
    }
    case "relationships":
      return {
        headers,
        examples: [
          [
            t("import.template.exampleOther"),
            t("import.template.exampleName"),
            t("enums.relationshipType.funds"),
            "2025-01-01",
            "",
            t("import.template.exampleNotes"),
          ],
        ],
      };
    default: {
      const { example } = organisationTemplate(t);
      return { headers, examples: [example] };
    }
  }
}

/** "5 MB" / "5 Mo": the size limit as the reader writes it. */
export function formatMegabytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(
    bytes / (1024 * 1024),
  );
}
