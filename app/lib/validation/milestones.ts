// Forms and commands of a pilot's milestones. Messages are i18n keys (common ones under
// "validation", the milestone ones under milestones.validation).
// Status and done date go together (decision 0017): a done milestone has a done date (today when
// left empty), a milestone that is not done has none, and a done date is never in the future.
import { z } from "zod";
import { milestoneStatuses } from "../enums";
import { todayIso } from "../objectives";
import { isoDay, optionalUuid, plainText, version } from "./common";

const M = "milestones.validation";

const text = (max: number) => plainText(max, `${M}.markup`);
const day = isoDay(`${M}.date`);

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
      dueOn: day.optional(),
      doneOn: day.optional(),
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
      doneOn: day.optional(),
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
