// The events forms (/events/new, /events/:id/edit, participants, takeaways) and the list's filters.
// Messages are i18n keys; the event-specific ones live under "events.errors".
import { z } from "zod";
import { eventKinds, type EventKind } from "../enums";
import { isoDay, storableText, plainText, version } from "./common";

const E = "events.errors";

const text = (max: number) => plainText(max, `${E}.markup`);
const day = isoDay(`${E}.date`);
const required = (max: number) =>
  text(max).pipe(z.string({ error: "validation.required" }).min(1, { error: "validation.required" }));

/** At most this many organiser organisations per event (far above any real one). */
export const MAX_ORGANISERS = 50;
/** The largest number of attendees one organisation may send (well inside int4). */
export const MAX_ATTENDEES = 100_000;

const eventObject = z.object({
  title: required(200),
  kind: z.enum(eventKinds, { error: "validation.invalidChoice" }),
  startsOn: day.optional().pipe(z.string({ error: "validation.required" })),
  endsOn: day.optional(),
  location: text(300).optional(),
  // A checkbox: "on" when ticked, absent otherwise.
  online: z.boolean().default(false),
  description: text(5000).optional(),
  organiserIds: z
    .array(z.uuid({ error: "validation.invalidChoice" }))
    .max(MAX_ORGANISERS, { error: `${E}.tooManyOrganisers` })
    .default([])
    .transform((ids) => [...new Set(ids)]),
});

function endNotBeforeStart(value: { startsOn?: string | undefined; endsOn?: string | undefined }) {
  return !(value.startsOn && value.endsOn && value.endsOn < value.startsOn);
}
const endParams = {
  path: ["endsOn"],
  message: `${E}.endBeforeStart`,
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => issue.path?.[0] === "startsOn" || issue.path?.[0] === "endsOn"),
};

export const eventInput = eventObject.refine(endNotBeforeStart, endParams);
export type EventInput = z.infer<typeof eventInput>;

export const updateEventInput = eventObject
  .extend({ intent: z.literal("update"), version })
  .refine(endNotBeforeStart, endParams);
export type UpdateEventInput = z.infer<typeof updateEventInput>;

/** Archive or restore an event: the button carries the version read. */
export const eventCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  version,
});

/** Why the model refused an event change the form let through. */
export type EventRefusal = "notFound" | "stale" | "archived" | "unknownOrganisation";

export function eventRefusalErrors(reason: Exclude<EventRefusal, "notFound">): {
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
} {
  const key = `${E}.${reason}`;
  return reason === "unknownOrganisation" ? { fieldErrors: { organiserIds: [key] } } : { formErrors: [key] };
}

// --- participants --------------------------------------------------------------------------------

/** Add or change a participating organisation and how many people it sent (empty: unknown). */
export const participantInput = z.object({
  intent: z.literal("save"),
  organisationId: z
    .uuid({ error: "validation.invalidChoice" })
    .optional()
    .pipe(z.string({ error: "validation.required" })),
  attendeeCount: z
    .number({ error: `${E}.attendeeCount` })
    .int({ error: `${E}.attendeeCount` })
    .min(0, { error: `${E}.attendeeCount` })
    .max(MAX_ATTENDEES, { error: `${E}.tooLarge` })
    .optional(),
});
export type ParticipantInput = z.infer<typeof participantInput>;

export const removeParticipantInput = z.object({
  intent: z.literal("remove"),
  organisationId: z.uuid({ error: "validation.invalidChoice" }),
});

// --- takeaways -----------------------------------------------------------------------------------

/** A takeaway's text is Markdown, rendered without raw HTML: markup is stored but never live. */
export const takeawayInput = z.object({
  intent: z.literal("save"),
  id: z.uuid({ error: "validation.invalidChoice" }).optional(),
  version: version.optional(),
  theme: storableText().trim().max(200, { error: "validation.tooLong" }).optional(),
  text: storableText()
    .trim()
    .min(1, { error: "validation.required" })
    .max(10_000, { error: "validation.tooLong" }),
});
export type TakeawayInput = z.infer<typeof takeawayInput>;

/** Archive, restore or move a takeaway: its id and the version read. */
export const takeawayCommandInput = z.object({
  intent: z.enum(["archive", "restore", "up", "down"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type TakeawayCommand = z.infer<typeof takeawayCommandInput>;

// --- the list's filters --------------------------------------------------------------------------

export interface EventFilters {
  kind: EventKind | null;
  /** Events ending (or starting, when no end) on or after this day. */
  from: string | null;
  /** Events starting on or before this day. */
  to: string | null;
  archived: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Read the list's filters leniently: anything malformed is ignored. */
export function parseEventFilters(params: URLSearchParams): EventFilters {
  const kind = params.get("kind");
  const dayOf = (name: string) => {
    const value = params.get(name) ?? "";
    return DAY.test(value) && day.safeParse(value).success ? value : null;
  };
  return {
    kind: (eventKinds as readonly string[]).includes(kind ?? "") ? (kind as EventKind) : null,
    from: dayOf("from"),
    to: dayOf("to"),
    archived: params.get("archived") === "1",
  };
}
