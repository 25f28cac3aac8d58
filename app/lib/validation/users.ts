// Forms of user administration, invitations, password resets and the own account. Messages are
// i18n keys (see common.ts). Shared by the routes, their forms and the user:create command.
import { z } from "zod";
import { locales, userRoles } from "../enums";
import { email, newPassword, optionalUuid, requiredText } from "./common";

/** The :id of a user's page: anything but a uuid is a page that does not exist. */
export const userIdParam = z.uuid();

export const role = z.enum(userRoles, { error: "validation.invalidChoice" });

/** Municipalities in a municipal official's scope (checkboxes: zero or more ids). */
export const municipalityIds = z
  .array(z.uuid({ error: "validation.invalidChoice" }))
  .max(500, { error: "validation.tooLong" });

/** The access a user is given: role, organisation and, for a municipal official, the scope. */
const access = {
  role,
  organisationId: optionalUuid,
  municipalityIds,
};

/** A municipal official edits the pilots of their municipalities: they need at least one. */
function requireScope(value: { role: string; municipalityIds: string[] }, ctx: z.RefinementCtx) {
  if (value.role === "municipal_official" && value.municipalityIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["municipalityIds"], message: "validation.scopeRequired" });
  }
}

/** Only a municipal official has a scope: drop the ids a form may still send for other roles. */
export function scopeFor(role: (typeof userRoles)[number], ids: readonly string[]): string[] {
  return role === "municipal_official" ? [...new Set(ids)] : [];
}

export const inviteInput = z
  .object({ intent: z.literal("invite"), email, ...access })
  .superRefine(requireScope);
export type InviteInput = z.infer<typeof inviteInput>;

export const updateUserInput = z
  .object({
    intent: z.literal("update"),
    version: z.number({ error: "validation.required" }).int().positive(),
    ...access,
  })
  .superRefine(requireScope);
export type UpdateUserInput = z.infer<typeof updateUserInput>;

/** The buttons of a user's page that carry no other field. */
export const userCommandInput = z.object({
  intent: z.enum(["disable", "enable", "reset"], { error: "validation.invalidChoice" }),
});

/** A new password typed twice: a typo would otherwise lock the user out. */
function passwordsMatch(value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "validation.password.mismatch" });
  }
}

const confirmPassword = z.string({ error: "validation.required" }).max(1024, { error: "validation.tooLong" });

export const acceptInvitationInput = z
  .object({ name: requiredText(), password: newPassword, confirmPassword })
  .superRefine(passwordsMatch);
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;

export const resetPasswordInput = z
  .object({ password: newPassword, confirmPassword })
  .superRefine(passwordsMatch);

export const accountNameInput = z.object({ intent: z.literal("name"), name: requiredText() });

export const accountPasswordInput = z
  .object({
    intent: z.literal("password"),
    // Not checked for strength: only whether it matches.
    currentPassword: z.string({ error: "validation.required" }).max(1024, { error: "validation.tooLong" }),
    password: newPassword,
    confirmPassword,
  })
  .superRefine(passwordsMatch);
export type AccountPasswordInput = z.infer<typeof accountPasswordInput>;

/** The form's value for "no preference": follow the browser's language (stored as null, 0026). */
export const FOLLOW_BROWSER = "browser";

export const accountLanguageInput = z.object({
  intent: z.literal("language"),
  locale: z
    .enum([...locales, FOLLOW_BROWSER] as const, { error: "validation.invalidChoice" })
    .transform((value) => (value === FOLLOW_BROWSER ? null : value)),
});

/** `npm run user:create`: the same rules as the forms. */
export const createUserInput = z
  .object({ email, name: requiredText(), password: newPassword, ...access })
  .superRefine(requireScope);
export type CreateUserInput = z.infer<typeof createUserInput>;

/** Why a model refused the access asked for (see models/accounts.server.ts, invitations.server.ts). */
export type AccessRefusal = "emailTaken" | "unknownOrganisation" | "unknownMunicipality" | "scopeRequired";

/** The field that shows a refusal, and its message key. */
export function accessFieldErrors(reason: AccessRefusal): Record<string, string[]> {
  switch (reason) {
    case "emailTaken":
      return { email: ["validation.emailTaken"] };
    case "unknownOrganisation":
      return { organisationId: ["validation.invalidChoice"] };
    case "unknownMunicipality":
      return { municipalityIds: ["validation.invalidChoice"] };
    case "scopeRequired":
      return { municipalityIds: ["validation.scopeRequired"] };
  }
}
