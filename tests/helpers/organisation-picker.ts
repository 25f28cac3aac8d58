// Passing the organisation picker's threshold in a test database: enough current organisations in
// one insert (thousands of factory calls would take seconds), named so a page that still lists
// them all is easy to catch.
import type { Db } from "~/db/client.server";
import { organisations, type NewOrganisation } from "~/db/schema";
import { ORGANISATION_PICKER_THRESHOLD } from "~/models/organisation-options.server";

/** The name every filler organisation starts with. */
export const FILLER_NAME = "Filler Organisation";

/**
 * Add `count` current organisations (by default the threshold: with any other organisation the
 * forms then search instead of listing), named "Filler Organisation 000" and so on.
 */
export async function addFillerOrganisations(db: Db, count = ORGANISATION_PICKER_THRESHOLD): Promise<void> {
  const filler: NewOrganisation[] = Array.from({ length: count }, (_, i) => ({
    name: `${FILLER_NAME} ${String(i).padStart(3, "0")}`,
    type: "cso",
    level: "national",
  }));
  await db.insert(organisations).values(filler);
}
