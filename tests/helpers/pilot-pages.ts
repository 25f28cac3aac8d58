// The people and records the pilot pages' route tests share: a municipality with its local
// authority in a partnership, a pilot there, another municipality, and a user of each role.
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import type { Municipality, Pilot } from "~/db/schema";
import {
  addMember,
  createMunicipality,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { authUserOf } from "./routes";

export interface PilotPagesFixture {
  /** The pilot's municipality, in `official`'s scope. */
  home: Municipality;
  /** Another municipality, in `outsider`'s scope. */
  elsewhere: Municipality;
  pilot: Pilot;
  coordinator: AuthUser;
  official: AuthUser;
  outsider: AuthUser;
  organiser: AuthUser;
  viewer: AuthUser;
}

export async function pilotPagesFixture(db: Db): Promise<PilotPagesFixture> {
  const authority = await createOrganisation(db, { type: "local_authority", name: "Gemeente Utrecht" });
  const home = await createMunicipality(db, { name: "Utrecht", organisationId: authority.id });
  const elsewhere = await createMunicipality(db, { name: "Groningen" });
  const partnership = await createPartnership(db, { name: "LVV Utrecht covenant" });
  await addMember(db, { partnershipId: partnership.id, organisationId: authority.id, role: "lead" });
  const pilot = await createPilot(db, {
    municipalityId: home.id,
    partnershipId: partnership.id,
    name: "LVV Utrecht",
    targetGroup: "return_decision",
    pathways: ["residence_permit", "new_asylum_application", "departed_unknown"],
    startsOn: "2019-04-01",
    capacity: 60,
  });
  return {
    home,
    elsewhere,
    pilot,
    coordinator: authUserOf(await createUser(db, { role: "coordinator" })),
    official: authUserOf(await createUser(db, { role: "municipal_official" }), [home.id]),
    outsider: authUserOf(await createUser(db, { role: "municipal_official" }), [elsewhere.id]),
    organiser: authUserOf(await createUser(db, { role: "organiser" })),
    viewer: authUserOf(await createUser(db, { role: "viewer" })),
  };
}
