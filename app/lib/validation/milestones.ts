// Forms and commands of a pilot's milestones. Messages are i18n keys (common ones under
// "validation", the milestone ones under milestones.validation).
// Status and done date go together (decision 0017): a done milestone has a done date (today when
// left empty), a milestone that is not done has none, and a done date is never in the future.
import { z } from "zod";
import { milestoneStatuses } from "../enums";
import { todayIso } from "../objectives";
import { optionalUuid } from "./common";

const M = "milestones.validation";

/** Markup has no business in these fields and would be live in an export opened elsewhere. */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;

const text = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((value) => !MARKUP.test(value), { error: `${M}.markup` });

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day 'YYYY-MM-DD' that exists, between 1900 and 2199. */
const isoDay = z.iso
  .date({ error: `${M}.date` })
  .refine((value) => !DAY_SHAPE.test(value) || (value >= "1900-01-01" && value <= "2199-12-31"), {
    error: `${M}.date`,
  });

const version = z
  .number({ error: "validation.required" })
  .int({ error: "validation.required" })
  .positive({ error: "validation.required" });

/** Add (no id) or edit (id and the version read) a milestone. `today` bounds the done date. */
export function milestoneInput(today: string = todayIso()) {
  return z
    .object({
      intent: z.literal("save"),
      id: optionalUuid,
      version: version.optional(),
      title: text(200).pipe(
        z.string({ error: "validation.required" }).min(1, { error: "validation.required" }),
      ),
      description: text(2000).optional(),
      dueOn: isoDay.optional(),
      doneOn: isoDay.optional(),
      status: z.enum(milestoneStatuses, { error: "validation.invalidChoice" }),
      notes: text(2000).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.id && value.version === undefined) {
        ctx.addIssue({ code: "custom", path: ["version"], message: "validation.required" });
      }
      if (value.doneOn && value.doneOn > today) {
        ctx.addIssue({ code: "custom", path: ["doneOn"], message: `${M}.doneInFuture` });
      } else if (value.doneOn && value.status !== "done") {
        ctx.addIssue({ code: "custom", path: ["doneOn"], message: `${M}.doneOnNotDone` });
      }
    })
    .transform((value) => (value.status === "done" && !value.doneOn ? { ...value, doneOn: today } : value));
}
export type MilestoneInput = z.infer<ReturnType<typeof milestoneInput>>;

/** Mark a milestone done on a day (today when left empty), at the version read. */
export function markDoneInput(today: string = todayIso()) {
  return z
    .object({
      intent: z.literal("done"),
      id: z.uuid({ error: "validation.invalidChoice" }),
      version,
      doneOn: isoDay.optional(),
    })
    .superRefine((value, ctx) => {
      if (value.doneOn && value.doneOn > today) {
        ctx.addIssue({ code: "custom", path: ["doneOn"], message: `${M}.doneInFuture` });
      }
    })
    .transform((value) => ({ ...value, doneOn: value.doneOn ?? today }));
}
export type MarkDoneInput = z.infer<ReturnType<typeof markDoneInput>>;

/** Move a milestone one place up or down in the pilot's list. */
export const moveInput = z.object({
  intent: z.literal("move"),
  id: z.uuid({ error: "validation.invalidChoice" }),
  direction: z.enum(["up", "down"], { error: "validation.invalidChoice" }),
});
export type MoveInput = z.infer<typeof moveInput>;

/** Put the pilot's milestones in this order (every one of them, each once: checked by the model). */
export const reorderInput = z.object({
  intent: z.literal("reorder"),
  order: z
    .array(z.uuid({ error: "validation.invalidChoice" }))
    .min(1)
    .max(1000),
});
export type ReorderInput = z.infer<typeof reorderInput>;

/** Archive or restore a milestone at the version read. */
export const milestoneCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type MilestoneCommandInput = z.infer<typeof milestoneCommandInput>;
