// The outcomes grid of a pilot's reporting period, and archiving a period. Messages are i18n keys:
// those particular to this form live under outcomes.validation (app/i18n/locales/*.json).
import { z } from "zod";
import { outcomePathways, type OutcomePathway } from "../enums";
import { isoDay, MARKUP, storableText, optionalUuid, version } from "./common";

const V = "outcomes.validation";

/** No pilot guides this many people in one period; a larger number is a typing mistake. */
export const MAX_COUNT = 100_000;

const day = isoDay(`${V}.date`);

/** A count of people: a whole number from 0 to MAX_COUNT. */
const count = z
  .number({ error: `${V}.count` })
  .min(0, { error: `${V}.negative` })
  .max(MAX_COUNT, { error: `${V}.tooLarge` })
  // Not .int(): a failed format check aborts, and the form would hide its other mistakes.
  .refine((value) => Number.isInteger(value), { error: `${V}.wholeNumber` });

/** Empty pathway cells of the grid are 0 (nobody left by that pathway). */
const pathwayCount = count.default(0);

const outcomesShape = Object.fromEntries(outcomePathways.map((p) => [p, pathwayCount])) as Record<
  OutcomePathway,
  typeof pathwayCount
>;

export const periodInput = z
  .object({
    intent: z.literal("save"),
    id: optionalUuid,
    version: version.optional(),
    periodStart: day,
    periodEnd: day,
    newParticipants: count,
    participantsAtEnd: count,
    notes: storableText()
      .trim()
      .max(2000, { error: "validation.tooLong" })
      .refine((value) => !MARKUP.test(value), { error: `${V}.markup` })
      .optional(),
    // Conform leaves out an object whose fields are all empty: then nobody left.
    outcomes: z
      .object(outcomesShape)
      .default(
        () => Object.fromEntries(outcomePathways.map((p) => [p, 0])) as Record<OutcomePathway, number>,
      ),
  })
  // Each judged as soon as the fields it reads are valid, even when a count is wrong (all mistakes
  // at once, each next to its field).
  .refine((value) => value.periodEnd > value.periodStart, {
    path: ["periodEnd"],
    error: `${V}.endNotAfterStart`,
    when: (payload) =>
      !payload.issues.some((i) => i.path?.[0] === "periodStart" || i.path?.[0] === "periodEnd"),
  })
  .refine((value) => !value.id || value.version !== undefined, {
    path: ["version"],
    error: "validation.required",
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "id" || i.path?.[0] === "version"),
  });
export type PeriodInput = z.output<typeof periodInput>;

/** Archive or restore a period: its id and the version read. */
export const periodCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type PeriodCommandInput = z.infer<typeof periodCommandInput>;
