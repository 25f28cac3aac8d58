// The CSV exports of the list pages (organisations, partnerships, municipalities, events): the same
// rows as the list with its filters and order, one row per record. Headers and enumerations in the
// reader's language; dates ISO (YYYY-MM-DD), numbers plain, so a spreadsheet or a re-import reads
// them whatever the language. Pure: rows in, a CSV document out.
import type { TFunction } from "i18next";
import { csvDocument, type CsvCell } from "./csv";
import type { EventKind, Level, OrganisationType, PartnershipStatus } from "./enums";

export const LIST_EXPORT_KINDS = ["organisations", "partnerships", "municipalities", "events"] as const;
export type ListExportKind = (typeof LIST_EXPORT_KINDS)[number];

/** Most rows one list export holds (the lists' own filters narrow it). */
export const LIST_EXPORT_MAX = 50_000;

interface OrganisationExportRow {
  id: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  level: Level;
  countryCode: string | null;
  partnershipsCount: number;
  archivedAt: Date | null;
}

interface PartnershipExportRow {
  id: string;
  name: string;
  status: PartnershipStatus;
  countryCode: string | null;
  scopeLevel: Level | null;
  startDate: string | null;
  endDate: string | null;
  memberCount: number;
  lead: { name: string; acronym: string | null } | null;
  signals: { trust: { value: number | null }; exposure: { value: number | null } };
  nextDue: { date: string } | null;
  archivedAt: Date | null;
}

interface MunicipalityExportRow {
  id: string;
  name: string;
  countryCode: string;
  region: string | null;
  pilotsCount: number;
  overdueMilestones: number;
  nextMilestone: { title: string; dueOn: string; pilotName: string } | null;
  latestPeriodEnd: string | null;
}

interface EventExportRow {
  id: string;
  title: string;
  kind: EventKind;
  startsOn: string;
  endsOn: string | null;
  location: string | null;
  online: boolean;
  organisers: readonly { name: string; acronym: string | null }[];
  archivedAt: Date | null;
}

/** The rows of each kind of list, as its model returns them. */
export interface ListExportRows {
  organisations: readonly OrganisationExportRow[];
  partnerships: readonly PartnershipExportRow[];
  municipalities: readonly MunicipalityExportRow[];
  events: readonly EventExportRow[];
}

/** The columns of each export, in order (their headers are `exports.columns.<column>`). */
export const LIST_EXPORT_COLUMNS = {
  organisations: ["id", "name", "acronym", "type", "level", "country", "partnerships", "archivedOn"],
  partnerships: [
    "id",
    "name",
    "status",
    "country",
    "level",
    "startDate",
    "endDate",
    "members",
    "lead",
    "trustIndex",
    "riskExposure",
    "nextDue",
    "archivedOn",
  ],
  municipalities: [
    "id",
    "name",
    "country",
    "region",
    "pilots",
    "overdueMilestones",
    "nextMilestone",
    "nextMilestoneDue",
    "latestPeriodEnd",
  ],
  events: ["id", "title", "kind", "startDate", "endDate", "place", "online", "organisers", "archivedOn"],
} as const satisfies Record<ListExportKind, readonly string[]>;

const day = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);
const orgName = (org: { name: string; acronym: string | null }) =>
  org.acronym ? `${org.name} (${org.acronym})` : org.name;

function cellsOf<K extends ListExportKind>(kind: K, row: ListExportRows[K][number], t: TFunction): CsvCell[] {
  switch (kind) {
    case "organisations": {
      const o = row as OrganisationExportRow;
      return [
        o.id,
        o.name,
        o.acronym,
        t(`enums.organisationType.${o.type}`),
        t(`enums.level.${o.level}`),
        o.countryCode,
        o.partnershipsCount,
        day(o.archivedAt),
      ];
    }
    case "partnerships": {
      const p = row as PartnershipExportRow;
      return [
        p.id,
        p.name,
        t(`enums.partnershipStatus.${p.status}`),
        p.countryCode,
        p.scopeLevel ? t(`enums.level.${p.scopeLevel}`) : null,
        p.startDate,
        p.endDate,
        p.memberCount,
        p.lead ? orgName(p.lead) : null,
        p.signals.trust.value,
        p.signals.exposure.value,
        p.nextDue?.date ?? null,
        day(p.archivedAt),
      ];
    }
    case "municipalities": {
      const m = row as MunicipalityExportRow;
      return [
        m.id,
        m.name,
        m.countryCode,
        m.region,
        m.pilotsCount,
        m.overdueMilestones,
        m.nextMilestone ? `${m.nextMilestone.title} (${m.nextMilestone.pilotName})` : null,
        m.nextMilestone?.dueOn ?? null,
        m.latestPeriodEnd,
      ];
    }
    default: {
      const e = row as EventExportRow;
      return [
        e.id,
        e.title,
        t(`events.kinds.${e.kind}`),
        e.startsOn,
        e.endsOn,
        e.location,
        t(e.online ? "exports.yes" : "exports.no"),
        e.organisers.map(orgName).join("; "),
        day(e.archivedAt),
      ];
    }
  }
}

/** The CSV document of a list: translated headers, then one row per record. */
export function listCsv<K extends ListExportKind>(kind: K, rows: ListExportRows[K], t: TFunction): string {
  const header = LIST_EXPORT_COLUMNS[kind].map((column) => t(`exports.columns.${column}`));
  return csvDocument([header, ...rows.map((row) => cellsOf(kind, row, t))]);
}

/** The export's address for a list page's current query (page number dropped: the export holds all). */
export function listExportHref(kind: ListExportKind, search: URLSearchParams | string): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  const query = params.toString();
  return `/export/${kind}.csv${query ? `?${query}` : ""}`;
}
