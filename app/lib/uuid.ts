// The one check of "can this be an id": PostgreSQL refuses a malformed uuid, so a string from a URL,
// a form, a file or the audit log is tested before it reaches a query. Pure, shared by server and
// browser code.

/** A uuid written as text: 8-4-4-4-12 hex digits, any version (no anchors, no flags: compose it). */
export const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const UUID = new RegExp(`^${UUID_PATTERN}$`, "i");

/** Whether `value` is a string holding a uuid and nothing else (either case). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
