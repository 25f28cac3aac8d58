// Follow-up actions (commitments made at events): the overdue rule, the list's filters and sorts,
// and the CSV export. Pure: no I/O.
import { actionStatuses, type ActionStatus } from "./enums";
import { csvCell } from "./network/export-csv";
import { isUuid } from "./uuid";

/** Statuses that close an action: it can no longer be overdue. */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ["done", "dropped"];

/** Overdue: due before today and neither done nor dropped (an action due today is not late yet). */
export function isActionOverdue(
  action: { dueOn: string | null; status: ActionStatus },
  today: string,
): boolean {
  return action.dueOn !== null && action.dueOn < today && !CLOSED_ACTION_STATUSES.includes(action.status);
}

export const actionSorts = ["due", "title", "status", "owner", "event", "updated"] as const;
export type ActionSort = (typeof actionSorts)[number];

export interface ActionListQuery {
  eventId?: string;
  ownerOrganisationId?: string;
  /** Linked to this partnership. */
  partnershipId?: string;
  /** Linked to this pilot. */
  pilotId?: string;
  /** Owned by this organisation or linked to it (its page's "See all"). */
  organisationId?: string;
  status?: ActionStatus;
  /** Due on or after this day. */
  dueFrom?: string;
  /** Due on or before this day. */
  dueTo?: string;
  /** "events": of the events the reader created or their organisation organised (`mine=events`). */
  mine?: "events";
  /** Neither done nor dropped (`open=1`). */
  open?: boolean;
  overdue: boolean;
  sort: ActionSort;
  direction: "asc" | "desc";
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** Read the list's query string leniently: anything malformed is simply no filter. */
export function parseActionListQuery(params: URLSearchParams): ActionListQuery {
  const uuid = (name: string) => {
    const value = params.get(name) ?? "";
    return isUuid(value) ? value.toLowerCase() : undefined;
  };
  const day = (name: string) => {
    const value = params.get(name) ?? "";
    return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
  };
  const query: ActionListQuery = {
    overdue: params.get("overdue") === "1",
    sort: oneOf(actionSorts, params.get("sort")) ?? "due",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
  };
  const eventId = uuid("event");
  const owner = uuid("owner");
  const partnershipId = uuid("partnership");
  const pilotId = uuid("pilot");
  const organisationId = uuid("organisation");
  const status = oneOf(actionStatuses, params.get("status"));
  const dueFrom = day("from");
  const dueTo = day("to");
  if (eventId) query.eventId = eventId;
  if (owner) query.ownerOrganisationId = owner;
  if (partnershipId) query.partnershipId = partnershipId;
  if (pilotId) query.pilotId = pilotId;
  if (organisationId) query.organisationId = organisationId;
  if (status) query.status = status;
  if (dueFrom) query.dueFrom = dueFrom;
  if (dueTo) query.dueTo = dueTo;
  if (params.get("mine") === "events") query.mine = "events";
  if (params.get("open") === "1") query.open = true;
  return query;
}

/** The query string of these filters (for the export link and the pages). */
export function actionQueryString(query: ActionListQuery): string {
  const params = new URLSearchParams();
  if (query.eventId) params.set("event", query.eventId);
  if (query.ownerOrganisationId) params.set("owner", query.ownerOrganisationId);
  if (query.partnershipId) params.set("partnership", query.partnershipId);
  if (query.pilotId) params.set("pilot", query.pilotId);
  if (query.organisationId) params.set("organisation", query.organisationId);
  if (query.status) params.set("status", query.status);
  if (query.dueFrom) params.set("from", query.dueFrom);
  if (query.dueTo) params.set("to", query.dueTo);
  if (query.mine) params.set("mine", query.mine);
  if (query.open) params.set("open", "1");
  if (query.overdue) params.set("overdue", "1");
  if (query.sort !== "due") params.set("sort", query.sort);
  if (query.direction !== "asc") params.set("dir", query.direction);
  return params.toString();
}

/** The record filters ("Linked to: …" chips on /actions), in the order they are shown. */
export const ACTION_LINK_FILTERS = [
  { kind: "partnership", param: "partnership", key: "partnershipId" },
  { kind: "pilot", param: "pilot", key: "pilotId" },
  { kind: "organisation", param: "organisation", key: "organisationId" },
] as const;
export type ActionLinkKind = (typeof ACTION_LINK_FILTERS)[number]["kind"];

/** The other chips of /actions (the dashboard's "See all" links open them): no form field of their own. */
export const ACTION_FLAG_FILTERS = [
  { kind: "mineEvents", param: "mine", value: "events", key: "mine" },
  { kind: "open", param: "open", value: "1", key: "open" },
] as const;
export type ActionFilterChipKind = ActionLinkKind | (typeof ACTION_FLAG_FILTERS)[number]["kind"];

/** Which action dates a calendar event sits on: a done action on its done date, others on the due date. */
export function actionCalendarDay(action: {
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
}): string | null {
  return action.status === "done" ? (action.doneOn ?? action.dueOn) : (action.dueOn ?? action.doneOn);
}

export const ACTION_CSV_COLUMNS = [
  "title",
  "status",
  "overdue",
  "dueOn",
  "doneOn",
  "ownerOrganisation",
  "ownerUser",
  "event",
  "eventStartsOn",
  "description",
] as const;
export type ActionCsvColumn = (typeof ACTION_CSV_COLUMNS)[number];

export interface ActionCsvRow {
  title: string;
  description: string | null;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  ownerOrganisationName: string | null;
  ownerUserName: string | null;
  eventTitle: string | null;
  eventStartsOn: string | null;
}

export interface ActionCsvLabels {
  headers: Record<ActionCsvColumn, string>;
  status: (status: ActionStatus) => string;
  yesNo: (value: boolean) => string;
}

/** RFC 4180, UTF-8 BOM, CRLF, cells guarded against formula injection (csvCell). */
export function actionsCsv(rows: readonly ActionCsvRow[], labels: ActionCsvLabels, today: string): string {
  const lines = [ACTION_CSV_COLUMNS.map((c) => csvCell(labels.headers[c])).join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.title,
        labels.status(row.status),
        labels.yesNo(isActionOverdue(row, today)),
        row.dueOn,
        row.doneOn,
        row.ownerOrganisationName,
        row.ownerUserName,
        row.eventTitle,
        row.eventStartsOn,
        row.description,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return "\uFEFF" + lines.map((line) => `${line}\r\n`).join("");
}

/** An action as a record page's "Follow-ups" section shows it. */
export interface LinkedActionView {
  id: string;
  title: string;
  status: ActionStatus;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
  eventId: string | null;
  eventTitle: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  ownerUserName: string | null;
  /** On an organisation's page: whether it owns the action or the action concerns it. */
  relation: "owner" | "linked" | null;
}

export interface LinkedActionsView {
  items: LinkedActionView[];
  total: number;
  open: number;
  overdue: number;
}
