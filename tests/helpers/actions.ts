// Shared by the follow-up action tests: the fixed "today" and a valid save input.
import type { ActionInput } from "~/lib/validation/actions";

/** The day the action tests take as today (done dates after it are in the future). */
export const ACTIONS_TODAY = "2024-05-10";

/** A valid add-an-action input owned by `ownerOrganisationId`, with `overrides`. */
export function saveInputOf(ownerOrganisationId: string, overrides: Partial<ActionInput> = {}): ActionInput {
  return {
    intent: "save",
    title: "Share the referral protocol",
    ownerOrganisationId,
    status: "open",
    ...overrides,
  };
}
