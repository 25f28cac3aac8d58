// The forms of a partnership and its members. Messages are i18n keys (see common.ts); the
// partnership-specific ones live under "partnership.form.errors".
import { z } from "zod";
import { formalisations, levels, memberRoles, partnershipStatuses, riskCategories } from "../enums";
import { healthBands } from "../signals";
import { storableText } from "./common";

/** Plain text only: something that looks like an HTML tag is refused (it would be shown as text anyway). */
const TAG = /<\s*\/?\s*[a-z!]/i;

function text(max: number) {
  return storableText()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine((value) => !TAG.test(value), { error: "partnership.form.errors.markup" });
}

const requiredName = storableText()
  .trim()
  .min(1, { error: "validation.required" })
  .max(200, { error: "validation.tooLong" })
  .refine((value) => !TAG.test(value), { error: "partnership.form.errors.markup" });
const optionalText = (max: number) => text(max).optional();
const isoDay = z.iso.date({ error: "partnership.form.errors.date" });
const version = z.number({ error: "validation.required" }).int().positive();

const partnershipObject = z.object({
  name: requiredName,
  description: optionalText(5000),
  status: z.enum(partnershipStatuses, { error: "validation.invalidChoice" }),
  startDate: isoDay.optional(),
  endDate: isoDay.optional(),
  scopeLevel: z.enum(levels, { error: "validation.invalidChoice" }).optional(),
  countryCode: z
    .string({ error: "validation.required" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: "partnership.form.errors.country" })
    .optional(),
  formalisation: z.enum(formalisations, { error: "validation.invalidChoice" }),
  governance: optionalText(2000),
});

/**
 * "This date is not before that one", checked even when other fields have errors (so every error
 * shows at once), but only when both dates themselves are valid.
 */
function notBefore<K extends string>(startKey: K, endKey: K, message: string) {
  const check = (value: Partial<Record<K, string>>) => {
    const start = value[startKey];
    const end = value[endKey];
    return !(start && end && end < start);
  };
  const params = {
    path: [endKey] as PropertyKey[],
    message,
    when: (payload: z.core.ParsePayload) =>
      !payload.issues.some((issue) => issue.path?.[0] === startKey || issue.path?.[0] === endKey),
  };
  return { check, params };
}

const endNotBeforeStart = notBefore("startDate", "endDate", "partnership.form.errors.endBeforeStart");
const leftNotBeforeJoined = notBefore("joinedOn", "leftOn", "partnership.form.errors.leftBeforeJoined");

export const partnershipFields = partnershipObject.refine(endNotBeforeStart.check, endNotBeforeStart.params);
export type PartnershipFields = z.infer<typeof partnershipFields>;

export const createPartnershipInput = partnershipFields;
export type CreatePartnershipInput = PartnershipFields;

export const updatePartnershipInput = partnershipObject
  .extend({ intent: z.literal("update"), version })
  .refine(endNotBeforeStart.check, endNotBeforeStart.params);
export type UpdatePartnershipInput = z.infer<typeof updatePartnershipInput>;

/** Archive or restore: the buttons carry the version read. */
export const partnershipCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  version,
});

const memberFields = {
  role: z.enum(memberRoles, { error: "validation.invalidChoice" }),
  mandate: optionalText(2000),
  contribution: optionalText(2000),
  joinedOn: isoDay.optional(),
};

export const addMemberInput = z.object({
  intent: z.literal("add"),
  organisationId: z.uuid({ error: "validation.invalidChoice" }),
  ...memberFields,
});
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const updateMemberInput = z
  .object({
    intent: z.literal("update"),
    memberId: z.uuid({ error: "validation.invalidChoice" }),
    version,
    ...memberFields,
    leftOn: isoDay.optional(),
  })
  .refine(leftNotBeforeJoined.check, leftNotBeforeJoined.params);
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;

/** Removing a member records the day it left (the row stays, for the "as of" view and history). */
export const removeMemberInput = z.object({
  intent: z.literal("remove"),
  memberId: z.uuid({ error: "validation.invalidChoice" }),
  version,
  leftOn: isoDay,
});
export type RemoveMemberInput = z.infer<typeof removeMemberInput>;

/** Why a model refused a change to a partnership or its members. */
export type PartnershipRefusal =
  | "stale"
  | "notFound"
  | "activeNeedsMembers"
  | "activeNeedsLead"
  | "secondLead"
  | "leadRequired"
  | "tooFewMembers"
  | "alreadyMember"
  | "unknownOrganisation"
  | "archived";

/** The field that shows a refusal, and its message key (form-level when there is no field). */
export function refusalErrors(reason: PartnershipRefusal): {
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
} {
  const key = `partnership.form.errors.${reason}`;
  switch (reason) {
    case "activeNeedsMembers":
    case "activeNeedsLead":
      return { fieldErrors: { status: [key] } };
    case "secondLead":
    case "leadRequired":
      return { fieldErrors: { role: [key] } };
    case "alreadyMember":
    case "unknownOrganisation":
      return { fieldErrors: { organisationId: [key] } };
    default:
      return { formErrors: [key] };
  }
}

// --- the list's filters and sorting (GET form: lenient, anything unknown is ignored) ---------------

export const partnershipSorts = ["name", "status", "start", "members", "exposure", "trust"] as const;
export type PartnershipSort = (typeof partnershipSorts)[number];

export interface PartnershipListQuery {
  status?: (typeof partnershipStatuses)[number] | undefined;
  country?: string | undefined;
  level?: (typeof levels)[number] | undefined;
  riskCategory?: (typeof riskCategories)[number] | undefined;
  healthBand?: (typeof healthBands)[number] | undefined;
  /** Archived partnerships only (the archive view, from which they are restored). */
  archived: boolean;
  sort: PartnershipSort;
  direction: "asc" | "desc";
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

export function parsePartnershipListQuery(params: URLSearchParams): PartnershipListQuery {
  const country = params.get("country")?.trim().toUpperCase();
  return {
    status: oneOf(partnershipStatuses, params.get("status")),
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    level: oneOf(levels, params.get("level")),
    riskCategory: oneOf(riskCategories, params.get("risk")),
    healthBand: oneOf(healthBands, params.get("health")),
    archived: params.get("archived") === "1",
    sort: oneOf(partnershipSorts, params.get("sort")) ?? "name",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
  };
}
