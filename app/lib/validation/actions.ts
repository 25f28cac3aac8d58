// Forms and commands of follow-up actions. Messages are i18n keys (common ones under "validation",
// the actions' own under actions.validation). Status and done date go together (decision 0020): a
// done action has a done date (when left empty: today on the form, on a status change the model keeps
// the date of one done already, decision 0020), one that is not done has none, and a done
// date is never in the future.
import { z } from "zod";
import { actionStatuses } from "../enums";
import { todayIso } from "../objectives";
import { isoDay, optionalUuid, plainText, version } from "./common";

const A = "actions.validation";

const text = (max: number) => plainText(max, `${A}.markup`);
const day = isoDay(`${A}.date`);

function doneDateRules(
  value: { status: string; doneOn?: string | undefined },
  ctx: z.RefinementCtx,
  today: string,
) {
  if (value.doneOn && value.doneOn > today) {
    ctx.addIssue({ code: "custom", path: ["doneOn"], message: `${A}.doneInFuture` });
  } else if (value.doneOn && value.status !== "done") {
    ctx.addIssue({ code: "custom", path: ["doneOn"], message: `${A}.doneOnNotDone` });
  }
}

function withDoneDate<T extends { status: string; doneOn?: string | undefined }>(value: T, today: string): T {
  return value.status === "done" && !value.doneOn ? { ...value, doneOn: today } : value;
}

/** Add (no id) or edit (id and the version read) an action. `today` bounds the done date. */
export function actionInput(today: string = todayIso()) {
  return z
    .object({
      intent: z.literal("save"),
      id: optionalUuid,
      version: version.optional(),
      title: text(200).pipe(z.string().min(1, { error: "validation.required" })),
      description: text(2000).optional(),
      ownerOrganisationId: z.uuid({ error: "validation.required" }),
      ownerUserId: optionalUuid,
      dueOn: day.optional(),
      status: z.enum(actionStatuses, { error: "validation.invalidChoice" }).default("open"),
      doneOn: day.optional(),
      partnershipId: optionalUuid,
      pilotId: optionalUuid,
      organisationId: optionalUuid,
    })
    .superRefine((value, ctx) => {
      if (value.id && value.version === undefined) {
        ctx.addIssue({ code: "custom", path: ["version"], message: "validation.required" });
      }
      doneDateRules(value, ctx, today);
    })
    .transform((value) => withDoneDate(value, today));
}
export type ActionInput = z.infer<ReturnType<typeof actionInput>>;

/**
 * Change one action's status (and done date), at the version read. An empty done date stays empty:
 * the model keeps the date of an action that was done already and gives today to a new done one.
 */
export function statusInput(today: string = todayIso()) {
  return z
    .object({
      intent: z.literal("status"),
      id: z.uuid({ error: "validation.invalidChoice" }),
      version,
      status: z.enum(actionStatuses, { error: "validation.invalidChoice" }),
      doneOn: day.optional(),
    })
    .superRefine((value, ctx) => doneDateRules(value, ctx, today));
}
export type StatusInput = z.infer<ReturnType<typeof statusInput>>;

/** One checked row of the bulk form: "id:version". */
const selection = z.string().transform((value, ctx) => {
  const [id, v] = value.split(":");
  const parsed = z.object({ id: z.uuid(), version }).safeParse({ id, version: Number(v) });
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: "validation.invalidChoice" });
    return z.NEVER;
  }
  return parsed.data;
});

/** Set the status of the checked actions (each at the version read). */
export const bulkStatusInput = z.object({
  intent: z.literal("bulk"),
  selected: z
    .array(selection, { error: `${A}.noneSelected` })
    .min(1, { error: `${A}.noneSelected` })
    .max(500, { error: "validation.tooLong" }),
  status: z.enum(actionStatuses, { error: "validation.invalidChoice" }),
});
export type BulkStatusInput = z.infer<typeof bulkStatusInput>;

/** Archive or restore an action at the version read. */
export const actionCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type ActionCommandInput = z.infer<typeof actionCommandInput>;
