// The sheets of the "all data" workbook from the model's rows: sheet names, headers and enumerations
// in the reader's language; dates ISO, amounts and counts as numbers, so the workbook sorts and sums.
// Pure: data in, sheets out (app/lib/xlsx.server.ts writes them).
import type { TFunction } from "i18next";
import type en from "~/i18n/locales/en.json";
import type { WorkbookData } from "~/models/workbook.server";
import { outcomePathways, type OutcomePathway } from "./enums";

/** A column: its header is `exports.columns.<column>`, or an outcome pathway's own name. */
type Column = keyof (typeof en)["exports"]["columns"] | `pathway.${OutcomePathway}`;

export type SheetCell = string | number | null;

export interface Sheet {
  /** The sheet's key (its translated name is `exports.sheets.<key>`). */
  key: keyof WorkbookData;
  name: string;
  headers: string[];
  rows: SheetCell[][];
}

/** The sheets in the workbook's order. */
export const WORKBOOK_SHEETS = [
  "organisations",
  "relationships",
  "partnerships",
  "members",
  "objectives",
  "funding",
  "risks",
  "municipalities",
  "pilots",
  "milestones",
  "documents",
  "outcomes",
  "events",
  "organisers",
  "participants",
  "takeaways",
  "actions",
] as const satisfies readonly (keyof WorkbookData)[];

/** A numeric column stored as text (amounts): a number in the sheet. */
function numberOf(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A translated enumeration, or nothing for an empty value. */
function opt<T extends string>(value: T | null, label: (value: T) => string): string | null {
  return value === null ? null : label(value);
}

/** The header keys (`exports.columns.<key>`) and the cells of each sheet. */
function sheetOf(key: keyof WorkbookData, data: WorkbookData, t: TFunction): [Column[], SheetCell[][]] {
  switch (key) {
    case "organisations":
      return [
        ["id", "name", "acronym", "type", "level", "country", "website", "mandate", "description"],
        data.organisations.map((o) => [
          o.id,
          o.name,
          o.acronym,
          opt(o.type, (v) => t(`enums.organisationType.${v}`)),
          opt(o.level, (v) => t(`enums.level.${v}`)),
          o.countryCode,
          o.website,
          o.mandate,
          o.description,
        ]),
      ];
    case "relationships":
      return [
        ["from", "to", "relationshipType", "startDate", "endDate", "notes"],
        data.relationships.map((r) => [
          r.from,
          r.to,
          opt(r.type, (v) => t(`enums.relationshipType.${v}`)),
          r.startsOn,
          r.endsOn,
          r.notes,
        ]),
      ];
    case "partnerships":
      return [
        ["id", "name", "status", "formalisation", "country", "level", "startDate", "endDate", "description"],
        data.partnerships.map((p) => [
          p.id,
          p.name,
          opt(p.status, (v) => t(`enums.partnershipStatus.${v}`)),
          opt(p.formalisation, (v) => t(`enums.formalisation.${v}`)),
          p.countryCode,
          opt(p.scopeLevel, (v) => t(`enums.level.${v}`)),
          p.startDate,
          p.endDate,
          p.description,
        ]),
      ];
    case "members":
      return [
        ["partnership", "organisation", "role", "mandate", "contribution", "joinedOn", "leftOn"],
        data.members.map((m) => [
          m.partnership,
          m.organisation,
          opt(m.role, (v) => t(`enums.memberRole.${v}`)),
          m.mandate,
          m.contribution,
          m.joinedOn,
          m.leftOn,
        ]),
      ];
    case "objectives":
      return [
        ["partnership", "title", "indicator", "target", "unit", "progress", "dueDate", "status"],
        data.objectives.map((o) => [
          o.partnership,
          o.title,
          o.indicator,
          o.target,
          o.unit,
          o.progress,
          o.dueDate,
          opt(o.status, (v) => t(`enums.objectiveStatus.${v}`)),
        ]),
      ];
    case "funding":
      return [
        [
          "partnership",
          "pilot",
          "source",
          "reference",
          "funder",
          "recipient",
          "amount",
          "currency",
          "stage",
          "startDate",
          "endDate",
        ],
        data.funding.map((f) => [
          f.partnership,
          f.pilot,
          opt(f.source, (v) => t(`enums.fundingSource.${v}`)),
          f.reference,
          f.funder,
          f.recipient,
          numberOf(f.amount),
          f.currency,
          opt(f.stage, (v) => t(`enums.fundingStage.${v}`)),
          f.startsOn,
          f.endsOn,
        ]),
      ];
    case "risks":
      return [
        [
          "partnership",
          "category",
          "title",
          "description",
          "likelihood",
          "impact",
          "exposure",
          "owner",
          "mitigation",
          "status",
          "reviewOn",
        ],
        data.risks.map((r) => [
          r.partnership,
          opt(r.category, (v) => t(`enums.riskCategory.${v}`)),
          r.title,
          r.description,
          r.likelihood,
          r.impact,
          r.exposure,
          r.owner,
          r.mitigation,
          opt(r.status, (v) => t(`enums.riskStatus.${v}`)),
          r.reviewOn,
        ]),
      ];
    case "municipalities":
      return [
        ["id", "name", "country", "region"],
        data.municipalities.map((m) => [m.id, m.name, m.countryCode, m.region]),
      ];
    case "pilots":
      return [
        [
          "id",
          "name",
          "municipality",
          "partnership",
          "status",
          "targetGroup",
          "startDate",
          "endDate",
          "capacity",
        ],
        data.pilots.map((p) => [
          p.id,
          p.name,
          p.municipality,
          p.partnership,
          opt(p.status, (v) => t(`enums.pilotStatus.${v}`)),
          opt(p.targetGroup, (v) => t(`enums.targetGroup.${v}`)),
          p.startsOn,
          p.endsOn,
          p.capacity,
        ]),
      ];
    case "milestones":
      return [
        ["pilot", "title", "dueDate", "doneOn", "status"],
        data.milestones.map((m) => [
          m.pilot,
          m.title,
          m.dueOn,
          m.doneOn,
          opt(m.status, (v) => t(`enums.milestoneStatus.${v}`)),
        ]),
      ];
    case "outcomes":
      return [
        [
          "pilot",
          "periodStart",
          "periodEnd",
          "newParticipants",
          "participantsAtEnd",
          ...outcomePathways.map((p): Column => `pathway.${p}`),
          "total",
        ],
        data.outcomes.map((o) => [
          o.pilot,
          o.periodStart,
          o.periodEnd,
          o.newParticipants,
          o.participantsAtEnd,
          ...o.pathways,
          o.total,
        ]),
      ];
    case "events":
      return [
        ["id", "title", "kind", "startDate", "endDate", "place", "online"],
        data.events.map((ev) => [
          ev.id,
          ev.title,
          t(`events.kinds.${ev.kind}`),
          ev.startsOn,
          ev.endsOn,
          ev.location,
          t(ev.online ? "exports.yes" : "exports.no"),
        ]),
      ];
    case "organisers":
      return [["event", "organisation"], data.organisers.map((o) => [o.event, o.organisation])];
    case "participants":
      return [
        ["event", "organisation", "attendees"],
        data.participants.map((p) => [p.event, p.organisation, p.attendeeCount]),
      ];
    case "takeaways":
      return [
        ["event", "position", "theme", "takeaway"],
        data.takeaways.map((k) => [k.event, k.position, k.theme, k.text]),
      ];
    case "documents":
      return [
        ["partnership", "pilot", "title", "url", "kind"],
        data.documents.map((d) => [
          d.partnership,
          d.pilot,
          d.title,
          d.url,
          t(`enums.documentKind.${d.kind}`),
        ]),
      ];
    case "actions":
      return [
        ["event", "title", "owner", "dueDate", "status", "doneOn", "partnership", "pilot"],
        data.actions.map((a) => [
          a.event,
          a.title,
          a.owner,
          a.dueOn,
          t(`actions.status.${a.status}`),
          a.doneOn,
          a.partnership,
          a.pilot,
        ]),
      ];
  }
}

/** Every sheet, translated. An outcome pathway's header is the pathway's own name. */
export function workbookSheets(data: WorkbookData, t: TFunction): Sheet[] {
  return WORKBOOK_SHEETS.map((key) => {
    const [columns, rows] = sheetOf(key, data, t);
    const headers = columns.map((column) =>
      column.startsWith("pathway.")
        ? t(`enums.outcomePathway.${column.slice("pathway.".length) as OutcomePathway}`)
        : t(`exports.columns.${column as Exclude<Column, `pathway.${string}`>}`),
    );
    return { key, name: t(`exports.sheets.${key}`), headers, rows };
  });
}
