// The organisation picker on the funding tabs (a partnership's, a pilot's) and on an event's
// follow-up actions: up to the threshold the forms list every organisation in a select; above it
// the loaders send no list, only the names of the organisations the form holds (the edited record's,
// the quick-entry owner), and a refused save answers the names of the organisations it had picked.
import { describe, expect, it } from "vitest";
import type { Organisation } from "~/db/schema";
import type { OrganisationChoices } from "~/models/organisation-options.server";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as partnershipFundingRoute from "~/routes/partnerships.$id.funding";
import * as pilotFundingRoute from "~/routes/pilots.$id.funding";
import {
  addMember,
  createEvent,
  createFollowUpAction,
  createFundingLine,
  createOrganisation,
  createPartnership,
  createPilot,
  createUser,
} from "../factories";
import { testDb } from "../helpers/db";
import { addFillerOrganisations, FILLER_NAME } from "../helpers/organisation-picker";
import { authUserOf, callRoute, get, post, renderPage } from "../helpers/routes";

const { db } = await testDb();
const coordinator = authUserOf(await createUser(db, { role: "coordinator" }));

const member = await createOrganisation(db, { name: "Mersey Member Council", acronym: "MMC" });
const funder = await createOrganisation(db, { name: "Northbank Funding Trust", acronym: "NFT" });
const recipient = await createOrganisation(db, { name: "Riverside Reception Centre" });
const owner = await createOrganisation(db, { name: "Oakfield Return Service", acronym: "ORS" });
const linked = await createOrganisation(db, { name: "Kestrel Legal Aid" });
const picked = await createOrganisation(db, { name: "Xylo Shelter Network" });
// A user of an organisation the follow-up form does not hold: still labelled with it.
await createUser(db, { name: "Nora Staff", organisationId: funder.id });

const partnership = await createPartnership(db);
await addMember(db, { partnershipId: partnership.id, organisationId: member.id });
const partnershipLine = await createFundingLine(db, {
  partnershipId: partnership.id,
  funderOrganisationId: funder.id,
  recipientOrganisationId: member.id,
});
// A pilot outside any partnership: its recipient may be any organisation too.
const pilot = await createPilot(db);
const pilotLine = await createFundingLine(db, {
  pilotId: pilot.id,
  partnershipId: null,
  funderOrganisationId: funder.id,
  recipientOrganisationId: recipient.id,
});
const event = await createEvent(db);
const followUp = await createFollowUpAction(db, {
  eventId: event.id,
  ownerOrganisationId: owner.id,
  organisationId: linked.id,
  title: "Send the referral protocol",
});

const partnershipPath = `/partnerships/${partnership.id}/funding`;
const pilotPath = `/pilots/${pilot.id}/funding`;
const eventPath = `/events/${event.id}/actions`;

type FundingData = Awaited<ReturnType<typeof partnershipFundingRoute.loader>>;
type EventData = Awaited<ReturnType<typeof eventActionsRoute.loader>>;

async function load<T>(loader: (args: never) => unknown, path: string, id: string): Promise<T> {
  const outcome = await callRoute(db, loader, get(path), coordinator, { id });
  expect(outcome.status).toBe(200);
  return outcome.body as T;
}

const partnershipFunding = (query = "") =>
  load<FundingData>(partnershipFundingRoute.loader, `${partnershipPath}${query}`, partnership.id);
const pilotFunding = (query = "") =>
  load<FundingData>(pilotFundingRoute.loader, `${pilotPath}${query}`, pilot.id);
const eventActions = (query = "") =>
  load<EventData>(eventActionsRoute.loader, `${eventPath}${query}`, event.id);

const listed = (choices: OrganisationChoices) =>
  choices.mode === "select" ? choices.options.map((o) => o.id) : [];
const named = (choices: OrganisationChoices) =>
  choices.mode === "search" ? choices.known.map((o) => o.name).sort() : [];
const optionOf = (organisation: Organisation) => `<option value="${organisation.id}"`;
const comboboxes = (html: string) => html.match(/role="combobox"/g)?.length ?? 0;

describe("below the picker's threshold", () => {
  it("the funding forms list every organisation as funder (and a pilot's as recipient) in a select", async () => {
    const data = await partnershipFunding(`?edit=${partnershipLine.id}`);
    expect(data.funders.mode).toBe("select");
    expect(listed(data.funders)).toEqual(expect.arrayContaining([funder.id, picked.id, owner.id]));
    // A partnership's recipients are its members, whatever the number of organisations.
    expect(listed(data.recipients)).toEqual([member.id]);
    const html = await renderPage(partnershipFundingRoute.default, partnershipPath, data);
    expect(html).toContain(optionOf(picked));
    expect(comboboxes(html)).toBe(0);

    const pilotData = await pilotFunding(`?edit=${pilotLine.id}`);
    expect(listed(pilotData.funders)).toEqual(expect.arrayContaining([funder.id, picked.id]));
    expect(listed(pilotData.recipients)).toEqual(expect.arrayContaining([recipient.id, picked.id]));
    const pilotHtml = await renderPage(pilotFundingRoute.default, pilotPath, pilotData);
    expect(pilotHtml.split(optionOf(picked))).toHaveLength(3);
    expect(comboboxes(pilotHtml)).toBe(0);
  });

  it("the follow-up form lists every organisation as owner and as link in a select", async () => {
    const data = await eventActions(`?edit=${followUp.id}`);
    expect(listed(data.options.organisations)).toEqual(
      expect.arrayContaining([owner.id, linked.id, picked.id, funder.id]),
    );
    const html = await renderPage(eventActionsRoute.default, eventPath, data);
    expect(html.split(optionOf(picked))).toHaveLength(3);
    expect(html).toContain("Nora Staff (NFT)");
    expect(comboboxes(html)).toBe(0);
  });
});

describe("above the picker's threshold", () => {
  it("a partnership's funding form sends no organisations but names the edited line's funder", async () => {
    await addFillerOrganisations(db);
    const data = await partnershipFunding(`?edit=${partnershipLine.id}`);
    expect(data.funders).toEqual({
      mode: "search",
      known: [{ id: funder.id, name: funder.name, acronym: "NFT" }],
    });
    expect(listed(data.recipients)).toEqual([member.id]);
    expect(JSON.stringify(data)).not.toContain(FILLER_NAME);
    const html = await renderPage(partnershipFundingRoute.default, partnershipPath, data);
    expect(html).not.toContain(FILLER_NAME);
    expect(html).not.toContain(optionOf(picked));
    expect(html).toContain(optionOf(member));
    expect(comboboxes(html)).toBe(1);
    expect(html).toContain(`value="${funder.id}"`);
    expect(html).toContain('value="Northbank Funding Trust (NFT)"');
    // The add form holds no organisation.
    expect((await partnershipFunding()).funders).toEqual({ mode: "search", known: [] });
  });

  it("a pilot's funding form searches both, naming the edited line's funder and recipient", async () => {
    const data = await pilotFunding(`?edit=${pilotLine.id}`);
    expect(data.funders.mode).toBe("search");
    expect(named(data.funders)).toEqual([funder.name, recipient.name].sort());
    expect(named(data.recipients)).toEqual([funder.name, recipient.name].sort());
    expect(JSON.stringify(data)).not.toContain(FILLER_NAME);
    const html = await renderPage(pilotFundingRoute.default, pilotPath, data);
    expect(html).not.toMatch(/<option value="[0-9a-f]{8}-/);
    expect(comboboxes(html)).toBe(2);
    expect(html).toContain('value="Northbank Funding Trust (NFT)"');
    expect(html).toContain('value="Riverside Reception Centre"');
  });

  it("the follow-up form sends no organisations but names the edited action's owner and link", async () => {
    const data = await eventActions(`?edit=${followUp.id}`);
    expect(data.options.organisations.mode).toBe("search");
    expect(named(data.options.organisations)).toEqual([owner.name, linked.name].sort());
    expect(JSON.stringify(data)).not.toContain(FILLER_NAME);
    const html = await renderPage(eventActionsRoute.default, eventPath, data);
    expect(html).not.toMatch(/<option value="[0-9a-f]{8}-[0-9a-f-]+">[^<]*(Filler|Xylo|Northbank)/);
    expect(html).not.toContain(FILLER_NAME);
    expect(comboboxes(html)).toBe(2);
    expect(html).toContain('value="Oakfield Return Service (ORS)"');
    expect(html).toContain('value="Kestrel Legal Aid"');
    // A user's organisation still labels the user without the organisations' list.
    expect(html).toContain("Nora Staff (NFT)");
  });

  it("quick entry: the previous entry's owner is named in the new form", async () => {
    const data = await eventActions(`?owner=${owner.id}`);
    expect(data.defaultOwnerId).toBe(owner.id);
    expect(named(data.options.organisations)).toEqual([owner.name]);
    const html = await renderPage(eventActionsRoute.default, eventPath, data);
    expect(comboboxes(html)).toBe(2);
    expect(html).toContain('value="Oakfield Return Service (ORS)"');
    // An id that is no organisation is not taken as the owner.
    expect((await eventActions(`?owner=${crypto.randomUUID()}`)).defaultOwnerId).toBeNull();
  });

  it("a refused funding line keeps the picked funder's (and a pilot's recipient's) name", async () => {
    const fields = {
      intent: "save",
      source: "amif",
      stage: "proposal",
      currency: "EUR",
      funderOrganisationId: picked.id,
      startsOn: "2030-01-01",
      endsOn: "2020-01-01",
    };
    const refused = await callRoute(
      db,
      partnershipFundingRoute.action,
      post(partnershipPath, fields),
      coordinator,
      { id: partnership.id },
    );
    expect(refused.status).toBe(400);
    const answer = refused.body as { chosen: { name: string }[] };
    expect(answer.chosen.map((o) => o.name)).toEqual([picked.name]);
    const html = await renderPage(
      partnershipFundingRoute.default,
      partnershipPath,
      await partnershipFunding(),
      answer,
    );
    expect(html).toContain(`value="${picked.id}"`);
    expect(html).toContain('value="Xylo Shelter Network"');

    const pilotRefused = await callRoute(
      db,
      pilotFundingRoute.action,
      post(pilotPath, { ...fields, recipientOrganisationId: linked.id }),
      coordinator,
      { id: pilot.id },
    );
    expect(pilotRefused.status).toBe(400);
    const pilotAnswer = pilotRefused.body as { chosen: { name: string }[] };
    expect(pilotAnswer.chosen.map((o) => o.name).sort()).toEqual([linked.name, picked.name].sort());
    const pilotHtml = await renderPage(
      pilotFundingRoute.default,
      pilotPath,
      await pilotFunding(),
      pilotAnswer,
    );
    expect(pilotHtml).toContain('value="Xylo Shelter Network"');
    expect(pilotHtml).toContain('value="Kestrel Legal Aid"');
  });

  it("a refused follow-up keeps the picked owner's and link's names", async () => {
    const refused = await callRoute(
      db,
      eventActionsRoute.action,
      post(eventPath, {
        intent: "save",
        title: "",
        ownerOrganisationId: picked.id,
        organisationId: linked.id,
        status: "open",
      }),
      coordinator,
      { id: event.id },
    );
    expect(refused.status).toBe(400);
    const answer = refused.body as { chosen: { name: string }[] };
    expect(answer.chosen.map((o) => o.name).sort()).toEqual([linked.name, picked.name].sort());
    const html = await renderPage(eventActionsRoute.default, eventPath, await eventActions(), answer);
    expect(html).toContain(`value="${picked.id}"`);
    expect(html).toContain('value="Xylo Shelter Network"');
    expect(html).toContain('value="Kestrel Legal Aid"');
  });
});
