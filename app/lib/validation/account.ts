import { z } from "zod";
import { email, newPassword, optionalUuid, requiredText } from "./common";

export const loginInput = z.object({
  email,
  // Not checked for strength at login: only whether it matches.
  password: z.string({ error: "validation.required" }).max(1024, { error: "validation.tooLong" }),
  redirectTo: z.string().optional(),
});

export const setupInput = z.object({
  name: requiredText(),
  email,
  password: newPassword,
  organisationId: optionalUuid,
});
export type SetupInput = z.infer<typeof setupInput>;
