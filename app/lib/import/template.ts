// The downloadable template of an organisations import: the fields' names in the reader's language
// (the mapping step recognises them in English and French) and one example row. Pure.
import type { TFunction } from "i18next";
import { organisationImportFields } from "./mapping";

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

/** "5 MB" / "5 Mo": the size limit as the reader writes it. */
export function formatMegabytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(
    bytes / (1024 * 1024),
  );
}
