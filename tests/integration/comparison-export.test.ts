// /export/comparison.csv: the pilots' comparison as a file, suppressed for every reader (a
// coordinator sees the exact figures on the page, not in the file), with its total row, the
// country filter of the page, and 403 for a viewer.
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "~/db/schema";
import * as exportRoute from "~/routes/export.comparison";
import {
  createMunicipality,
  createPilot,
  createPilotOutcome,
  createPilotPeriod,
  createUser,
} from "../factories";
import { parseCsv } from "../helpers/csv";
import { testDb } from "../helpers/db";
import { authUserOf, callRoute } from "../helpers/routes";

const { db } = await testDb();

let coordinator: User;
let viewer: User;

beforeAll(async () => {
  coordinator = await createUser(db, { role: "coordinator" });
  viewer = await createUser(db, { role: "viewer" });
  const municipality = await createMunicipality(db, { name: "Esch-sur-Alzette", countryCode: "LU" });
  const small = await createPilot(db, { name: "Small pilot", municipalityId: municipality.id });
  const period = await createPilotPeriod(db, {
    pilotId: small.id,
    periodStart: "2025-01-01",
    periodEnd: "2025-03-31",
    newParticipants: 3,
    participantsAtEnd: 1,
  });
  await createPilotOutcome(db, { pilotPeriodId: period.id, pathway: "residence_permit", count: 2 });
  const large = await createPilot(db, { name: "Large pilot", municipalityId: municipality.id });
  const big = await createPilotPeriod(db, {
    pilotId: large.id,
    periodStart: "2025-01-01",
    periodEnd: "2025-03-31",
    newParticipants: 40,
    participantsAtEnd: 20,
  });
  await createPilotOutcome(db, { pilotPeriodId: big.id, pathway: "residence_permit", count: 12 });
  await createPilotOutcome(db, { pilotPeriodId: big.id, pathway: "new_asylum_application", count: 8 });
  const elsewhere = await createMunicipality(db, { name: "Valletta", countryCode: "MT" });
  await createPilot(db, { name: "Maltese pilot", municipalityId: elsewhere.id });
});

async function exportOf(path: string, user: User) {
  const request = new Request(`http://localhost${path}`, { headers: { "Accept-Language": "en" } });
  return callRoute(db, exportRoute.loader, request, authUserOf(user), {});
}

describe("/export/comparison.csv", () => {
  it("suppresses small counts even for a coordinator, and ends with the total row", async () => {
    const outcome = await exportOf("/export/comparison.csv?country=LU&sort=pilot", coordinator);
    expect(outcome.status).toBe(200);
    const text = await (outcome.response as Response).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]?.slice(0, 6)).toEqual([
      "Pilot",
      "Municipality",
      "Country",
      "Status",
      "Participants (cumulative)",
      "Left",
    ]);
    const byName = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect([...byName.keys()]).toEqual(["Large pilot", "Small pilot", "Total (2 pilots)"]);
    // 3 participants, 2 who left, all durable: "<5" everywhere, no share over fewer than 10.
    expect(byName.get("Small pilot")?.slice(4, 10)).toEqual(["<5", "<5", "<5", "0", "0", ""]);
    expect(byName.get("Large pilot")?.slice(4, 10)).toEqual(["40", "20", "12", "8", "0", "60"]);
    // The total includes hidden counts: rounded to 5.
    expect(byName.get("Total (2 pilots)")?.slice(4, 6)).toEqual(["\u2248\u00a045", "\u2248\u00a020"]);
  });

  it("is refused to a viewer", async () => {
    expect((await exportOf("/export/comparison.csv", viewer)).status).toBe(403);
  });
});
