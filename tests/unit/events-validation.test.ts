// The events forms' and list filters' rules, without a database.
import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  MAX_ORGANISERS,
  eventInput,
  parseEventFilters,
  participantInput,
  takeawayCommandInput,
  takeawayInput,
} from "~/lib/validation/events";

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of typeof value === "string" ? [value] : value) data.append(name, v);
  }
  return data;
}

const errorsOf = (fields: Record<string, string | string[]>, schema: z.ZodType = eventInput) => {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? {} : submission.reply().error;
};

describe("the event form", () => {
  it("accepts a complete event; the checkbox and the organisers (once each) are read", () => {
    const id = randomUUID();
    const submission = parseWithZod(
      form({
        title: " Seminar ",
        kind: "conference",
        startsOn: "2025-03-12",
        endsOn: "2025-03-12",
        online: "on",
        organiserIds: [id, id],
      }),
      { schema: eventInput },
    );
    expect(submission.status).toBe("success");
    if (submission.status === "success") {
      expect(submission.value).toMatchObject({ title: "Seminar", online: true, organiserIds: [id] });
    }
  });

  it("says which field is wrong, each with its own message", () => {
    expect(errorsOf({ kind: "party", startsOn: "2025-02-30" })).toMatchObject({
      title: ["validation.required"],
      kind: ["validation.invalidChoice"],
      startsOn: ["events.errors.date"],
    });
    expect(errorsOf({ title: "x", kind: "seminar" })).toMatchObject({ startsOn: ["validation.required"] });
    expect(
      errorsOf({ title: "x", kind: "seminar", startsOn: "2025-03-02", endsOn: "2025-03-01" }),
    ).toMatchObject({ endsOn: ["events.errors.endBeforeStart"] });
    expect(errorsOf({ title: "<b>x</b>", kind: "seminar", startsOn: "2025-03-02" })).toMatchObject({
      title: ["events.errors.markup"],
    });
    const many = Array.from({ length: MAX_ORGANISERS + 1 }, () => randomUUID());
    expect(
      errorsOf({ title: "x", kind: "seminar", startsOn: "2025-03-02", organiserIds: many }),
    ).toMatchObject({
      organiserIds: ["events.errors.tooManyOrganisers"],
    });
  });
});

describe("participants and takeaways", () => {
  it("takes a whole, non-negative attendee count, or none", () => {
    const base = { intent: "save", organisationId: randomUUID() };
    expect(parseWithZod(form(base), { schema: participantInput }).status).toBe("success");
    for (const attendeeCount of ["-1", "2.5", "abc"]) {
      expect(errorsOf({ ...base, attendeeCount }, participantInput)).toMatchObject({
        attendeeCount: ["events.errors.attendeeCount"],
      });
    }
    expect(errorsOf({ ...base, attendeeCount: "100001" }, participantInput)).toMatchObject({
      attendeeCount: ["events.errors.tooLarge"],
    });
  });

  it("keeps a takeaway's Markdown (markup included: it is never rendered live) and needs its text", () => {
    const submission = parseWithZod(form({ intent: "save", text: "**Bold** <em>kept as text</em>" }), {
      schema: takeawayInput,
    });
    expect(submission.status).toBe("success");
    expect(errorsOf({ intent: "save", theme: "T" }, takeawayInput)).toMatchObject({
      text: ["validation.required"],
    });
    expect(takeawayCommandInput.safeParse({ intent: "sideways", id: randomUUID(), version: 1 }).success).toBe(
      false,
    );
  });
});

describe("the list's filters", () => {
  it("reads kind and dates leniently, ignoring what is malformed", () => {
    expect(
      parseEventFilters(new URLSearchParams("kind=workshop&from=2025-01-01&to=2025-12-31&archived=1")),
    ).toEqual({
      kind: "workshop",
      from: "2025-01-01",
      to: "2025-12-31",
      archived: true,
    });
    expect(parseEventFilters(new URLSearchParams("kind=party&from=2025-02-30&to=yesterday"))).toEqual({
      kind: null,
      from: null,
      to: null,
      archived: false,
    });
  });
});
