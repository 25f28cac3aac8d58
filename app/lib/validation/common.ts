import { z } from "zod";
import { passwordProblem } from "../passwords";
import { REPEATED_FIELD } from "./form-data";

// Error messages are i18n keys (app/i18n/locales/*.json, under "validation"): the form shows
// them translated next to the field.

/**
 * Text a form field may hold, as PostgreSQL can store it: the start of every free-text field, so that
 * no form forgets NUL, which PostgreSQL cannot store in text (nor in the audit log's jsonb). It is
 * refused as a field error (`validation.nul`), else the insert fails and the request ends in a 500.
 * Anything but a string is "required", or "sent more than once" when its name was repeated (Conform
 * reads a repeated name as a list).
 */
export const storableText = () =>
  z
    .string({ error: (issue) => (Array.isArray(issue.input) ? REPEATED_FIELD : "validation.required") })
    .refine((value) => !value.includes("\u0000"), { error: "validation.nul" });

export const requiredText = (max = 200) =>
  storableText().trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

export const email = storableText()
  .trim()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

/** A new password: long enough, not a common one. */
export const newPassword = z.string({ error: "validation.required" }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `validation.password.${problem}` });
});

export const optionalUuid = z.uuid({ error: "validation.invalidChoice" }).optional();

/**
 * Something that looks like an HTML tag. Free text is shown escaped by React, but markup has no
 * business in these fields and would be live in any export opened by another tool.
 */
export const MARKUP = /<\s*\/?\s*[a-z!?]/i;

/** Trimmed free text of at most `max` characters, refused (`markupMessage`) when it holds markup. */
export const plainText = (max: number, markupMessage: string) =>
  storableText()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((value) => !MARKUP.test(value), { error: markupMessage });

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day 'YYYY-MM-DD' that exists (no 31 February), between 1900 and 2199. */
export const isoDay = (message: string) =>
  z.iso
    .date({ error: message })
    // Only judged once it is a date at all (one message per mistake).
    .refine((value) => !DAY_SHAPE.test(value) || (value >= "1900-01-01" && value <= "2199-12-31"), {
      error: message,
    });

/** The version of a record read with the form (an edit or a command is refused when it is stale). */
export const version = z
  .number({ error: "validation.required" })
  .int({ error: "validation.required" })
  .positive({ error: "validation.required" });
