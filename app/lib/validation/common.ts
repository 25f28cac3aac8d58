import { z } from "zod";
import { passwordProblem } from "../passwords";

// Error messages are i18n keys (app/i18n/locales/*.json, under "validation"): the form shows
// them translated next to the field.

export const requiredText = (max = 200) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(max, { error: "validation.tooLong" });

export const email = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

/** A new password: long enough, not a common one. */
export const newPassword = z.string({ error: "validation.required" }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `validation.password.${problem}` });
});

export const optionalUuid = z.uuid({ error: "validation.invalidChoice" }).optional();
