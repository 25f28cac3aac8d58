// Passing the organisation picker's threshold in a test database: enough current organisations in
// one insert (thousands of factory calls would take seconds), named so a page that still lists
// them all is easy to catch.
import type { Db } from "~/db/client.server";
import {
  organisations,
  partnerships,
  pilots,
  type NewOrganisation,
  type NewPartnership,
  type NewPilot,
} from "~/db/schema";
import { ORGANISATION_PICKER_THRESHOLD } from "~/models/organisation-options.server";
import { RECORD_PICKER_THRESHOLD } from "~/models/record-options.server";

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

/** The names filler partnerships and pilots start with. */
export const FILLER_PARTNERSHIP = "Filler Partnership";
export const FILLER_PILOT = "Filler Pilot";

/** Add `count` current partnerships (by default the picker's threshold), as addFillerOrganisations. */
export async function addFillerPartnerships(db: Db, count = RECORD_PICKER_THRESHOLD): Promise<void> {
  const filler: NewPartnership[] = Array.from({ length: count }, (_, i) => ({
    name: `${FILLER_PARTNERSHIP} ${String(i).padStart(3, "0")}`,
    status: "active",
    countryCode: "NL",
  }));
  await db.insert(partnerships).values(filler);
}

/** Add `count` current pilots of one municipality (by default the picker's threshold). */
export async function addFillerPilots(
  db: Db,
  municipalityId: string,
  count = RECORD_PICKER_THRESHOLD,
): Promise<void> {
  const filler: NewPilot[] = Array.from({ length: count }, (_, i) => ({
    name: `${FILLER_PILOT} ${String(i).padStart(3, "0")}`,
    municipalityId,
    targetGroup: "return_decision",
    status: "running",
  }));
  await db.insert(pilots).values(filler);
}
