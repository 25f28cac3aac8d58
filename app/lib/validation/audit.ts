// The audit log's filters from the query string (the page's GET form and the CSV export): an empty
// field is no filter; one that does not parse is no filter either, and says why.
import { z } from "zod";
import type { AuditFilters } from "~/models/audit.server";
import { auditActions } from "../enums";
import { storableText } from "./common";

const filterNames = ["user", "entityType", "entityId", "action", "from", "to"] as const;
export type AuditFilterName = (typeof filterNames)[number];

/** The value `user=system` selects the entries written without a user (seeding, imports). */
export const SYSTEM = "system";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(ISO_DAY, { error: "audit.filters.invalidDate" })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      // A real calendar day (no 2025-02-30), in years PostgreSQL and the date picker agree on.
      return (
        !Number.isNaN(date.getTime()) &&
        date.toISOString().slice(0, 10) === value &&
        date.getUTCFullYear() >= 1000
      );
    },
    { error: "audit.filters.invalidDate" },
  );

const invalidChoice = { error: "validation.invalidChoice" } as const;
const userSchema = z.union([z.literal(SYSTEM, invalidChoice), z.uuid(invalidChoice)], invalidChoice);
const actionSchema = z.enum(auditActions, { error: "validation.invalidChoice" });

export function parseAuditFilters(params: URLSearchParams) {
  const values = Object.fromEntries(
    filterNames.map((name) => [name, (params.get(name) ?? "").trim()]),
  ) as Record<AuditFilterName, string>;
  const errors: Partial<Record<AuditFilterName, string>> = {};
  // An empty field is no filter; one that does not parse is no filter either, and says why.
  function field<T>(name: AuditFilterName, schema: z.ZodType<T>): T | undefined {
    if (values[name] === "") return undefined;
    const result = schema.safeParse(values[name]);
    if (result.success) return result.data;
    errors[name] = result.error.issues[0]?.message ?? "validation.invalidChoice";
    return undefined;
  }
  const user = field("user", userSchema);
  const from = field("from", day);
  let to = field("to", day);
  if (from && to && from > to) {
    errors.to = "audit.filters.toBeforeFrom";
    to = undefined;
  }
  const candidates: AuditFilters = {
    userId: user === undefined ? undefined : user === SYSTEM ? null : user,
    entityType: field("entityType", storableText().max(100, { error: "validation.tooLong" })),
    entityId: field("entityId", storableText().max(200, { error: "validation.tooLong" })),
    action: field("action", actionSchema),
    from,
    to,
  };
  const filters = Object.fromEntries(
    Object.entries(candidates).filter(([, value]) => value !== undefined),
  ) as AuditFilters;
  return { filters, values, errors };
}

/** The CSV export's address for the log's current filters (the page number dropped). */
export function auditExportHref(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete("page");
  const query = kept.toString();
  return `/export/audit.csv${query ? `?${query}` : ""}`;
}
