import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { buildCalendar, escapeText, foldLine, type IcsEvent } from "~/lib/ics";

const octets = (s: string) => new TextEncoder().encode(s).length;

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: "milestone-1@trellis",
    date: "2024-02-29",
    summary: "Covenant signed",
    lastModified: new Date("2024-01-15T10:20:30.456Z"),
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe("escaping and folding", () => {
  test("escapes backslash, semicolon, comma and every kind of newline", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  test("short lines are left alone; long ones fold at 75 octets with a leading space", () => {
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
    const line = `DESCRIPTION:${"x".repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(2);
    expect(octets(parts[0] ?? "")).toBe(75);
    for (const part of parts.slice(1)) {
      expect(part.startsWith(" ")).toBe(true);
      expect(octets(part)).toBeLessThanOrEqual(75);
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });

  test("never splits a multi-byte character", () => {
    const line = `SUMMARY:${"é€😀".repeat(40)}`;
    const parts = foldLine(line).split("\r\n");
    for (const part of parts) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(part).not.toContain("\uFFFD");
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });
});

describe("buildCalendar", () => {
  const text = buildCalendar({
    name: "Trellis, milestones; Utrecht",
    description: "Milestones of the pilot",
    refreshHours: 6,
    events: [
      event(),
      event({
        uid: "milestone-2@trellis",
        date: "2024-12-31",
        summary: "Evaluation, part 1; draft \\ final",
        description: `Pilot: LVV Utrecht\nStatus: Done\n${"Long notes ".repeat(20)}`,
        status: "CANCELLED",
        sequence: 3,
        url: "https://trellis.example/pilots/1/milestones",
        categories: ["Milestone", "LVV, Utrecht"],
      }),
    ],
  });

  test("CRLF everywhere, no line longer than 75 octets, ends with CRLF", () => {
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n /); // the long description was folded
  });

  test("the calendar's properties", () => {
    const { calendar } = parse(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Trellis//Milestones//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    // X- properties are not typed TEXT for the parser (it keeps them as written): check the escaping.
    expect(text).toContain("X-WR-CALNAME:Trellis\\, milestones\\; Utrecht\r\n");
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n");
  });

  test("all-day events parse back with their dates, texts and status", () => {
    const { events } = parse(text);
    expect(events).toHaveLength(2);
    const [first, second] = events;
    if (!first || !second) throw new Error("two events expected");
    expect(first.uid).toBe("milestone-1@trellis");
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe("2024-02-29");
    expect(first.endDate.toString()).toBe("2024-03-01");
    expect(first.summary).toBe("Covenant signed");
    expect(first.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2024-01-15T10:20:30Z");

    expect(second.startDate.toString()).toBe("2024-12-31");
    expect(second.endDate.toString()).toBe("2025-01-01");
    expect(second.summary).toBe("Evaluation, part 1; draft \\ final");
    expect(second.description).toBe(`Pilot: LVV Utrecht\nStatus: Done\n${"Long notes ".repeat(20)}`);
    expect(second.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(second.sequence).toBe(3);
    expect(second.component.getFirstPropertyValue("url")).toBe("https://trellis.example/pilots/1/milestones");
    expect(second.component.getFirstProperty("categories")?.getValues()).toEqual([
      "Milestone",
      "LVV, Utrecht",
    ]);
  });

  test("the same input gives the same output (stable UIDs and stamps)", () => {
    const input = { name: "x", events: [event()] };
    expect(buildCalendar(input)).toBe(buildCalendar(input));
  });

  test("an empty calendar is still valid", () => {
    const { calendar, events } = parse(buildCalendar({ name: "Empty", events: [] }));
    expect(events).toEqual([]);
    expect(calendar.name).toBe("vcalendar");
  });
});
