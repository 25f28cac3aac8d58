// Forms of a partnership's objectives, funding lines and documents (the funding form is shared with
// pilots). Messages are i18n keys (see common.ts); those particular to these forms live under
// partnership.objectives.validation, funding.validation and partnership.documents.validation.
import { z } from "zod";
import { documentKinds, fundingSources, fundingStages, objectiveStatuses, outcomePathways } from "../enums";
import { isoDay, storableText, optionalUuid, plainText, version } from "./common";

const requiredPlainText = (max: number, markupMessage: string) =>
  plainText(max, markupMessage).pipe(
    // Conform turns an empty string into undefined, here too: say "required", not "wrong type".
    z.string({ error: "validation.required" }).min(1, { error: "validation.required" }),
  );

/** An edit carries the version read with the form; a new record carries neither id nor version. */
function versionWithId(
  value: { id?: string | undefined; version?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.id && value.version === undefined) {
    ctx.addIssue({ code: "custom", path: ["version"], message: "validation.required" });
  }
}

/** Archive or restore a record: its id and the version read. */
export const recordCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  id: z.uuid({ error: "validation.invalidChoice" }),
  version,
});
export type RecordCommandInput = z.infer<typeof recordCommandInput>;

// --- objectives ---------------------------------------------------------------------------------

const O = "partnership.objectives.validation";

export const objectiveInput = z
  .object({
    intent: z.literal("save"),
    id: optionalUuid,
    version: version.optional(),
    title: requiredPlainText(200, `${O}.markup`),
    // Empty is allowed but flagged as "not clearly defined".
    indicator: plainText(500, `${O}.markup`).optional(),
    target: z
      .number({ error: `${O}.number` })
      .gt(0, { error: `${O}.targetPositive` })
      .max(1e12, { error: `${O}.tooLarge` })
      .optional(),
    unit: plainText(50, `${O}.markup`).optional(),
    progress: z
      .number({ error: `${O}.number` })
      .min(0, { error: `${O}.progressNegative` })
      .max(1e12, { error: `${O}.tooLarge` })
      .optional(),
    dueDate: isoDay(`${O}.date`).optional(),
    status: z.enum(objectiveStatuses, { error: "validation.invalidChoice" }),
  })
  .superRefine(versionWithId);
export type ObjectiveInput = z.infer<typeof objectiveInput>;

// --- funding lines --------------------------------------------------------------------------------

const F = "funding.validation";

/** ISO 4217 codes the runtime knows (Node and every current browser). */
const knownCurrencies = new Set(
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : [],
);

/** Up to 12 digits, and cents: numeric(14, 2). Spaces and a decimal comma are accepted ("1 234,50"). */
const amount = z
  .string({ error: `${F}.amount` })
  .transform((value) => value.replace(/[\s\u00a0\u202f_]/g, "").replace(",", "."))
  .pipe(z.string({ error: `${F}.amount` }).regex(/^\d{1,12}(\.\d{1,2})?$/, { error: `${F}.amount` }))
  .transform((value) => {
    const [whole = "0", fraction = ""] = value.split(".");
    return `${BigInt(whole).toString()}.${fraction.padEnd(2, "0")}`;
  });

const currency = z
  .string({ error: `${F}.currency` })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: `${F}.currency` })
  .refine((code) => !/^[A-Z]{3}$/.test(code) || knownCurrencies.size === 0 || knownCurrencies.has(code), {
    error: `${F}.currency`,
  });

export const fundingLineInput = z
  .object({
    intent: z.literal("save"),
    id: optionalUuid,
    version: version.optional(),
    source: z.enum(fundingSources, { error: "validation.invalidChoice" }),
    // E.g. an AMIF project code such as AMIF-060-086.
    reference: plainText(100, `${F}.markup`).optional(),
    funderOrganisationId: optionalUuid,
    // Whether it is a current member of the partnership is checked by the model.
    recipientOrganisationId: optionalUuid,
    amount: amount.optional(),
    currency: currency.default("EUR"),
    cofinancingRate: z
      .number({ error: `${F}.rate` })
      .min(0, { error: `${F}.rate` })
      .max(100, { error: `${F}.rate` })
      .refine((rate) => Math.round(rate * 100) === rate * 100, { error: `${F}.rate` })
      .optional(),
    startsOn: isoDay(`${F}.date`).optional(),
    endsOn: isoDay(`${F}.date`).optional(),
    stage: z.enum(fundingStages, { error: "validation.invalidChoice" }),
    pathwaysCovered: z
      .array(z.enum(outcomePathways, { error: "validation.invalidChoice" }))
      .max(outcomePathways.length, { error: "validation.invalidChoice" })
      .default([])
      .transform((list) => [...new Set(list)]),
    voluntaryReturnOnly: z.boolean({ error: "validation.invalidChoice" }).default(false),
  })
  .superRefine(versionWithId)
  .superRefine((value, ctx) => {
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: `${F}.endBeforeStart` });
    }
    // Restricted to voluntary return, yet paying for other pathways: one of the two is wrong.
    if (value.voluntaryReturnOnly && value.pathwaysCovered.some((p) => p !== "voluntary_return")) {
      ctx.addIssue({ code: "custom", path: ["voluntaryReturnOnly"], message: `${F}.voluntaryReturnOnly` });
    }
  })
  .transform((value) =>
    // A line restricted to voluntary return pays for exactly that pathway.
    value.voluntaryReturnOnly ? { ...value, pathwaysCovered: ["voluntary_return" as const] } : value,
  );
export type FundingLineInput = z.infer<typeof fundingLineInput>;

// --- documents -------------------------------------------------------------------------------------

const D = "partnership.documents.validation";

/** Only http(s) links: a javascript: or data: URL would run in the reader's browser. */
const documentUrl = storableText()
  .trim()
  .min(1, { error: "validation.required" })
  .max(2000, { error: "validation.tooLong" })
  .refine(
    (value) => {
      if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { error: `${D}.url` },
  );

export const documentInput = z
  .object({
    intent: z.literal("save"),
    id: optionalUuid,
    version: version.optional(),
    title: requiredPlainText(200, `${D}.markup`),
    url: documentUrl,
    kind: z.enum(documentKinds, { error: "validation.invalidChoice" }),
  })
  .superRefine(versionWithId);
export type DocumentInput = z.infer<typeof documentInput>;

/** Why the funding model refused a line the form let through (see models/funding.server.ts). */
export type FundingRefusal = "recipientNotMember" | "unknownFunder";

/** The field that shows a funding refusal, and its message key: for every page with the form. */
export function fundingRefusalFieldErrors(reason: FundingRefusal): Record<string, string[]> {
  switch (reason) {
    case "recipientNotMember":
      return { recipientOrganisationId: [`${F}.recipientNotMember`] };
    case "unknownFunder":
      return { funderOrganisationId: [`${F}.unknownFunder`] };
  }
}
