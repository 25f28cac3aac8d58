// iCalendar (RFC 5545) output for the calendar feeds: all-day events only. Pure: no I/O.
// Lines end in CRLF and are folded at 75 octets (UTF-8, never inside a character); TEXT values
// escape backslash, semicolon, comma and newlines.

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

export interface IcsEvent {
  /** Globally unique and stable across downloads (calendar apps update the event by it). */
  uid: string;
  /** The day of the all-day event, 'YYYY-MM-DD'. */
  date: string;
  summary: string;
  description?: string | null;
  status?: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  /** Revision counter: bumped on each change of the event. */
  sequence?: number;
  /** When the event last changed (also its DTSTAMP: the feed has no METHOD). */
  lastModified: Date;
  url?: string | null;
  categories?: readonly string[];
}

export interface IcsCalendar {
  /** Shown by calendar apps as the subscription's name (X-WR-CALNAME). */
  name: string;
  description?: string | null;
  /** PRODID: who made the calendar. */
  productId?: string;
  /** Suggested refresh interval in hours (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshHours?: number;
  events: readonly IcsEvent[];
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** Escape a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Fold a content line so no physical line exceeds 75 octets (CRLF excluded); continuation lines
 * start with one space, which counts. Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** 'YYYY-MM-DD' -> 'YYYYMMDD'. */
function dateValue(day: string): string {
  return day.replace(/-/g, "");
}

/** The day after 'YYYY-MM-DD' (DTEND of an all-day event is exclusive). */
function nextDay(day: string): string {
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return new Date(utc).toISOString().slice(0, 10);
}

/** A UTC date-time: 'YYYYMMDDTHHMMSSZ'. */
export function dateTimeValue(moment: Date): string {
  return moment
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** A property value with no escaping of its own (URIs, dates): only line breaks are removed. */
function raw(value: string): string {
  return value.replace(/[\r\n]/g, "");
}

function eventLines(event: IcsEvent): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${dateTimeValue(event.lastModified)}`,
    `LAST-MODIFIED:${dateTimeValue(event.lastModified)}`,
    `DTSTART;VALUE=DATE:${dateValue(event.date)}`,
    `DTEND;VALUE=DATE:${dateValue(nextDay(event.date))}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`);
  if (event.categories && event.categories.length > 0) {
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  }
  if (event.url) lines.push(`URL:${raw(event.url)}`);
  // All-day milestones do not block time in the calendar.
  lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  return lines;
}

/** The whole VCALENDAR object, CRLF line endings, folded. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${raw(calendar.productId ?? "-//Trellis//Milestones//EN")}`,
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  if (calendar.refreshHours) {
    const hours = Math.max(1, Math.trunc(calendar.refreshHours));
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${hours}H`, `X-PUBLISHED-TTL:PT${hours}H`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
