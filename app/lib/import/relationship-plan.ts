// What an import of direct relationships would do: both ends must be existing organisations (by
// name), the type one of the relationship types (Kumu's free-text connection types guessed by their
// words), dates in order. A relationship already recorded (same from, to and type) is skipped; the
// same one twice in the file is an error on the later row. Pure: the model hands in the records.
import type { RelationshipType } from "../enums";
import type { ImportLayout, ImportRow } from "./kinds";
import type { ColumnMapping, ImportField } from "./mapping";
import {
  cellReader,
  organisationFinder,
  problemCollector,
  type ExistingOrganisation,
  type ImportPlan,
  type ImportSummary,
  type PreviewRow,
} from "./plan-types";
import { dayFrom, guessRelationshipType, relationshipTypeFrom } from "./relation-values";

export interface PlannedRelationshipValues {
  fromOrganisationId: string;
  toOrganisationId: string;
  type: RelationshipType;
  startsOn: string | null;
  endsOn: string | null;
  notes: string | null;
}

export interface PlannedRelationship extends PreviewRow {
  relationship: PlannedRelationshipValues | null;
}

export type RelationshipPlan = ImportPlan<PlannedRelationship>;

export interface ExistingRelationship {
  id: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  type: string;
}

interface PlanInput {
  headers: readonly string[];
  rows: readonly ImportRow[];
  mapping: ColumnMapping;
  layout: ImportLayout;
  organisations: readonly ExistingOrganisation[];
  relationships: readonly ExistingRelationship[];
}

const NOTES_MAX = 2000;

export function planRelationshipImport(input: PlanInput): RelationshipPlan {
  const find = organisationFinder(input.organisations);
  const nameOf = new Map(input.organisations.map((o) => [o.id, o.name]));
  const existing = new Map(
    input.relationships.map((r) => [`${r.fromOrganisationId}|${r.toOrganisationId}|${r.type}`, r]),
  );
  const firstLineOf = new Map<string, number>();
  const summary: ImportSummary = { new: 0, update: 0, skip: 0, error: 0 };
  const rows: PlannedRelationship[] = [];
  for (const row of input.rows) {
    const cell = cellReader(input.mapping, row);
    if (Object.keys(input.mapping).every((field) => cell(field as ImportField) === "")) continue;
    const { problems, add } = problemCollector(input.mapping, input.headers, row);
    const end = (field: "from" | "to"): string | null => {
      const name = cell(field);
      if (name === "") {
        add(field, "validation.required");
        return null;
      }
      const match = find(name, null);
      if (match.ok) return match.organisation.id;
      add(field, match.message, match.values);
      return null;
    };
    const fromId = end("from");
    const toId = end("to");
    if (fromId && toId && fromId === toId) add("to", "relationships.validation.sameOrganisation");

    const typeText = cell("type");
    let type: RelationshipType | null = null;
    if (typeText === "") add("type", "validation.required");
    else {
      type = input.layout === "kumu" ? guessRelationshipType(typeText) : relationshipTypeFrom(typeText);
      if (!type) add("type", "import.problems.unknownRelationshipType", { value: typeText });
    }
    const day = (field: "startsOn" | "endsOn"): string | null => {
      const text = cell(field);
      if (text === "") return null;
      const value = dayFrom(text);
      if (!value) add(field, "import.problems.unknownValue", { value: text });
      return value;
    };
    const startsOn = day("startsOn");
    const endsOn = day("endsOn");
    if (startsOn && endsOn && endsOn < startsOn) add("endsOn", "relationships.validation.endsBeforeStarts");
    const notes = cell("notes");
    if (notes.length > NOTES_MAX) add("notes", "validation.tooLong");

    const key = `${fromId}|${toId}|${type}`;
    const duplicate = fromId && toId && type ? (existing.get(key) ?? null) : null;
    let status: PlannedRelationship["status"] = duplicate ? "skip" : "new";
    if (fromId && toId && type && problems.length === 0) {
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined) add("from", "import.problems.relationshipTwice", { line: earlier });
      else firstLineOf.set(key, row.line);
    }
    if (problems.length > 0) status = "error";
    const fromName = fromId ? (nameOf.get(fromId) ?? cell("from")) : cell("from");
    const toName = toId ? (nameOf.get(toId) ?? cell("to")) : cell("to");
    const planned: PlannedRelationship = {
      line: row.line,
      status,
      name: fromName,
      detail: `${typeText} → ${toName}`,
      countryCode: null,
      problems,
      duplicateOf: duplicate && fromId ? { id: fromId, name: fromName } : null,
      // Relationships already recorded are skipped: there is nothing to merge.
      chooser: false,
      relationship:
        status === "new" && fromId && toId && type
          ? {
              fromOrganisationId: fromId,
              toOrganisationId: toId,
              type,
              startsOn,
              endsOn,
              notes: notes === "" ? null : notes,
            }
          : null,
    };
    summary[status] += 1;
    rows.push(planned);
  }
  return { rows, summary };
}
