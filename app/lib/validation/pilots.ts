// The pilot project form (/municipalities/:id/pilots/new and /pilots/:id/edit). Messages are i18n
// keys (see common.ts); the pilot-specific ones live under "pilot.form.errors". The municipality is
// not a field: it comes from the URL at creation and never changes.
import { z } from "zod";
import { outcomePathways, pilotStatuses, targetGroups } from "../enums";
import { isoDay, optionalUuid, plainText, version } from "./common";

const E = "pilot.form.errors";

const text = (max: number) => plainText(max, `${E}.markup`);
const day = isoDay(`${E}.date`);

/** The largest capacity accepted (places or beds): far above any real pilot, well inside int4. */
export const MAX_CAPACITY = 1_000_000;

const pilotObject = z.object({
  // Conform turns an empty string into undefined, here too: say "required", not "wrong type".
  name: text(200).pipe(z.string({ error: "validation.required" }).min(1, { error: "validation.required" })),
  description: text(5000).optional(),
  // Whether it exists is checked by the model.
  partnershipId: optionalUuid,
  targetGroup: z.enum(targetGroups, { error: "validation.invalidChoice" }),
  pathways: z
    .array(z.enum(outcomePathways, { error: "validation.invalidChoice" }))
    .max(outcomePathways.length, { error: "validation.invalidChoice" })
    .default([])
    // Stored in the order of the enumeration, once each.
    .transform((list) => outcomePathways.filter((p) => list.includes(p))),
  status: z.enum(pilotStatuses, { error: "validation.invalidChoice" }),
  startsOn: day.optional(),
  endsOn: day.optional(),
  capacity: z
    .number({ error: `${E}.capacity` })
    .int({ error: `${E}.capacity` })
    .min(0, { error: `${E}.capacity` })
    .max(MAX_CAPACITY, { error: `${E}.tooLarge` })
    .optional(),
});

/**
 * The end is not before the start (a one-day pilot is allowed, as the database's CHECK does),
 * judged only when both are valid days, and alongside the other fields' errors.
 */
function endNotBeforeStart(value: { startsOn?: string | undefined; endsOn?: string | undefined }) {
  return !(value.startsOn && value.endsOn && value.endsOn < value.startsOn);
}
const endParams = {
  path: ["endsOn"],
  message: `${E}.endBeforeStart`,
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => issue.path?.[0] === "startsOn" || issue.path?.[0] === "endsOn"),
};

export const pilotFields = pilotObject.refine(endNotBeforeStart, endParams);
export type PilotFields = z.infer<typeof pilotFields>;

export const createPilotInput = pilotFields;

export const updatePilotInput = pilotObject
  .extend({ intent: z.literal("update"), version })
  .refine(endNotBeforeStart, endParams);
export type UpdatePilotInput = z.infer<typeof updatePilotInput>;

/** Archive or restore: the button carries the version read. */
export const pilotCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  version,
});

/** Why the model refused a change the form let through. */
export type PilotRefusal = "stale" | "notFound" | "archived" | "unknownPartnership";

/** The field that shows a refusal, and its message key (form-level when there is no field). */
export function pilotRefusalErrors(reason: PilotRefusal): {
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
} {
  const key = `${E}.${reason}`;
  return reason === "unknownPartnership" ? { fieldErrors: { partnershipId: [key] } } : { formErrors: [key] };
}
