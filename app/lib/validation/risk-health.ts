// Forms of the risk register and the health check. Messages are i18n keys (see common.ts); those
// particular to these forms live under partnership.risks.validation / partnership.health.validation.
import { z } from "zod";
import { healthDimensions, riskCategories, riskStatuses, type HealthDimension } from "../enums";
import { isFuturePeriod, PERIOD_PATTERN } from "../periods";
import { storableText, optionalUuid, requiredText } from "./common";

const optionalText = (max = 2000) =>
  storableText().trim().max(max, { error: "validation.tooLong" }).optional();

/** A whole number from 1 to 5: likelihood, impact and every health-check score. */
const score = (message: string) =>
  z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(5, { error: message });

const version = z
  .number({ error: "validation.required" })
  .int({ error: "validation.required" })
  .positive({ error: "validation.required" });

/** Add a risk (no id) or edit one (its id and the version read with the form). */
export const riskInput = z
  .object({
    intent: z.literal("save"),
    id: optionalUuid,
    version: version.optional(),
    category: z.enum(riskCategories, { error: "validation.invalidChoice" }),
    title: requiredText(200),
    description: optionalText(),
    likelihood: score("partnership.risks.validation.score"),
    impact: score("partnership.risks.validation.score"),
    // Empty: nobody owns it yet. Whether it is a current member is checked by the model.
    ownerOrganisationId: optionalUuid,
    mitigation: optionalText(),
    status: z.enum(riskStatuses, { error: "validation.invalidChoice" }),
    reviewOn: z.iso.date({ error: "partnership.risks.validation.date" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.id && value.version === undefined) {
      ctx.addIssue({ code: "custom", path: ["version"], message: "validation.required" });
    }
  });
export type RiskInput = z.infer<typeof riskInput>;

/** Archive or restore a risk: its id and the version read. */
export const riskCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type RiskCommandInput = z.infer<typeof riskCommandInput>;

const period = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .regex(PERIOD_PATTERN, { error: "partnership.health.validation.period" })
  // Judged when the form is read: a quarter that has not begun cannot be assessed yet.
  .refine((value) => !PERIOD_PATTERN.test(value) || !isFuturePeriod(value), {
    error: "partnership.health.validation.futurePeriod",
  });

const scores = Object.fromEntries(
  healthDimensions.map((dimension) => [dimension, score("partnership.health.validation.score")]),
) as Record<HealthDimension, ReturnType<typeof score>>;

/** A member's health check: every dimension scored 1-5, and a comment. */
export const healthCheckInput = z.object({
  respondentOrganisationId: z
    .string({ error: "validation.required" })
    .pipe(z.uuid({ error: "validation.invalidChoice" })),
  period,
  ...scores,
  comment: optionalText(),
});
export type HealthCheckInput = z.infer<typeof healthCheckInput>;
