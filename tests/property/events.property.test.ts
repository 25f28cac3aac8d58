// Generated bad input for the event forms (new, edit, archive/restore, participants, takeaways),
// their follow-up actions, and the status forms of /actions.
// tests/helpers/property.ts says what is checked for each input.
import { desc, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { AuthUser } from "~/auth/session.server";
import { events, eventTakeaways, followUpActions, type Event, type Organisation } from "~/db/schema";
import { actionStatuses, eventKinds } from "~/lib/enums";
import * as actionsRoute from "~/routes/actions";
import * as eventActionsRoute from "~/routes/events.$id.actions";
import * as editRoute from "~/routes/events.$id.edit";
import * as participantsRoute from "~/routes/events.$id.participants";
import * as takeawaysRoute from "~/routes/events.$id.takeaways";
import * as newRoute from "~/routes/events.new";
import {
  createEvent,
  createEventTakeaway,
  createFollowUpAction,
  createOrganisation,
  createUser,
  uniqueName,
} from "../factories";
import { testDb } from "../helpers/db";
import {
  checkBadIntents,
  checkForm,
  checkbox,
  choice,
  day,
  expectBaseStored,
  type FieldKind,
  type FormSpec,
  inOrder,
  number,
  onlyWrong,
  redirectedId,
  reference,
  SCRIPT,
  text,
} from "../helpers/property";
import { authUserOf } from "../helpers/routes";

const { db } = await testDb();

let coordinator: AuthUser;
let event: Event;
let otherEvent: Event;
let organisation: Organisation;
let archivedOrganisation: Organisation;

beforeAll(async () => {
  coordinator = authUserOf(await createUser(db, { role: "coordinator" }));
  event = await createEvent(db);
  otherEvent = await createEvent(db);
  organisation = await createOrganisation(db);
  archivedOrganisation = await createOrganisation(db, { archivedAt: new Date() });
});

const tables = [
  "events",
  "event_organisers",
  "event_participants",
  "event_takeaways",
  "follow_up_actions",
] as const;
const today = () => new Date().toISOString().slice(0, 10);
const doneNotInFuture = (f: Record<string, unknown>) =>
  typeof f.doneOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(f.doneOn) && f.doneOn > today()
    ? ("invalid" as const)
    : undefined;

async function byId<T extends typeof events | typeof eventTakeaways | typeof followUpActions>(
  table: T,
  id: string | undefined,
) {
  if (!id) return undefined;
  const [found] = await db
    .select()
    .from(table as typeof events)
    .where(eq((table as typeof events).id, id));
  return found as Record<string, unknown> | undefined;
}

const eventFields = (): Record<string, FieldKind> => ({
  title: text({ max: 200, required: true, markup: "refused" }),
  kind: choice(eventKinds),
  startsOn: day(true),
  endsOn: day(),
  location: text({ max: 300, markup: "refused" }),
  online: checkbox(),
  description: text({ max: 5000, markup: "refused" }),
  organiserIds: reference({
    valid: () => [organisation.id],
    foreign: () => [archivedOrganisation.id],
    multiple: true,
  }),
});

describe("event forms take any input without a 5xx or a partial write", () => {
  it("new event, edit, archive and restore", async () => {
    const create: FormSpec = {
      name: "events.new",
      db,
      action: newRoute.action,
      path: "/events/new",
      user: () => coordinator,
      base: () => ({ title: uniqueName("Event"), kind: "seminar", startsOn: "2025-05-01" }),
      fields: eventFields(),
      tables,
      rules: [inOrder("startsOn", "endsOn")],
      stored: (outcome) => byId(events, redirectedId(outcome)),
    };
    await expectBaseStored(create);
    await checkForm(create);

    const target = await createEvent(db);
    const edit: FormSpec = {
      ...create,
      name: "events.$id.edit update",
      action: editRoute.action,
      path: `/events/${target.id}/edit`,
      params: { id: target.id },
      base: async () => ({
        intent: "update",
        version: String((await byId(events, target.id))?.version),
        title: uniqueName("Event"),
        kind: "workshop",
        startsOn: "2025-05-01",
      }),
      fields: { ...eventFields(), version: onlyWrong() },
      stored: () => byId(events, target.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkBadIntents(edit);
    await checkForm({
      ...edit,
      name: "events.$id.edit archive/restore",
      base: async () => {
        const current = await byId(events, target.id);
        return { intent: current?.archivedAt ? "restore" : "archive", version: String(current?.version) };
      },
      fields: { version: onlyWrong() },
      stored: undefined,
    });
  });

  it("participants", async () => {
    const common = {
      db,
      action: participantsRoute.action,
      path: `/events/${event.id}/participants`,
      params: { id: event.id },
      user: () => coordinator,
      tables,
    };
    const save: FormSpec = {
      ...common,
      name: "events.$id.participants save",
      base: () => ({ intent: "save", organisationId: organisation.id, attendeeCount: "3" }),
      fields: {
        organisationId: reference({
          valid: () => [organisation.id],
          foreign: () => [archivedOrganisation.id],
          required: true,
        }),
        attendeeCount: number({ min: 0, max: 100_000 }),
      },
    };
    await expectBaseStored(save);
    await checkForm(save);
    await checkForm({
      ...common,
      name: "events.$id.participants remove",
      base: () => ({ intent: "remove", organisationId: organisation.id }),
      fields: { organisationId: reference({ valid: () => [organisation.id], required: true }) },
    });
  });

  it("takeaways", async () => {
    const common = {
      db,
      action: takeawaysRoute.action,
      path: `/events/${event.id}/takeaways`,
      params: { id: event.id },
      user: () => coordinator,
      tables,
    };
    // Markdown: markup is stored as typed (and rendered without live HTML).
    const fields = (): Record<string, FieldKind> => ({
      theme: text({ max: 200, markup: "kept" }),
      text: text({ max: 10_000, required: true, markup: "kept" }),
    });
    const add: FormSpec = {
      ...common,
      name: "events.$id.takeaways save (new)",
      base: () => ({ intent: "save", text: uniqueName("Takeaway") }),
      fields: fields(),
      stored: async () => {
        const [found] = await db
          .select()
          .from(eventTakeaways)
          .where(eq(eventTakeaways.eventId, event.id))
          .orderBy(desc(eventTakeaways.createdAt))
          .limit(1);
        return found as Record<string, unknown> | undefined;
      },
    };
    await expectBaseStored(add);
    await checkForm(add);
    const takeaway = await createEventTakeaway(db, { eventId: event.id });
    const foreign = await createEventTakeaway(db, { eventId: otherEvent.id });
    const ids = reference({ valid: () => [takeaway.id], foreign: () => [foreign.id] });
    const version = async () => String((await byId(eventTakeaways, takeaway.id))?.version);
    const edit: FormSpec = {
      ...add,
      name: "events.$id.takeaways save (edit)",
      base: async () => ({
        intent: "save",
        id: takeaway.id,
        version: await version(),
        text: uniqueName("T"),
      }),
      fields: { ...fields(), id: ids, version: onlyWrong() },
      stored: () => byId(eventTakeaways, takeaway.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    await checkForm({
      ...common,
      name: "events.$id.takeaways commands",
      base: async () => {
        const current = await byId(eventTakeaways, takeaway.id);
        return { intent: current?.archivedAt ? "restore" : "up", id: takeaway.id, version: await version() };
      },
      fields: {
        id: ids,
        version: onlyWrong(),
        intent: choice(["archive", "restore", "up", "down"]),
      },
    });
    await checkBadIntents(common);
  });

  it("follow-up actions of an event, and the status forms of /actions", async () => {
    const common = {
      db,
      action: eventActionsRoute.action,
      path: `/events/${event.id}/actions`,
      params: { id: event.id },
      user: () => coordinator,
      tables,
    };
    const fields = (): Record<string, FieldKind> => ({
      title: text({ max: 200, required: true, markup: "refused" }),
      description: text({ max: 2000, markup: "refused" }),
      ownerOrganisationId: reference({
        valid: () => [organisation.id],
        foreign: () => [archivedOrganisation.id],
        required: true,
      }),
      dueOn: day(),
      status: choice(
        actionStatuses.filter((s) => s !== "done"),
        false,
      ),
    });
    // (No partnership to link: only ids that name none, which must be refused.)
    const noPartnership: FieldKind = {
      kind: "id",
      arbitrary: fc
        .constantFrom("00000000-0000-4000-8000-000000000000", "abc", SCRIPT)
        .map((value) => ({ value, verdict: "invalid" as const })),
    };
    const add: FormSpec = {
      ...common,
      name: "events.$id.actions save (new)",
      base: () => ({
        intent: "save",
        title: uniqueName("Action"),
        ownerOrganisationId: organisation.id,
        status: "open",
      }),
      fields: { ...fields(), partnershipId: noPartnership, pilotId: noPartnership },
      stored: async (outcome) => {
        const added =
          new URL(`http://x${outcome.headers.get("Location") ?? ""}`).searchParams.get("added") ?? undefined;
        return byId(followUpActions, added);
      },
    };
    await expectBaseStored(add);
    await checkForm(add);

    const record = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: organisation.id,
    });
    const foreign = await createFollowUpAction(db, {
      eventId: otherEvent.id,
      ownerOrganisationId: organisation.id,
    });
    const ids = reference({ valid: () => [record.id], foreign: () => [foreign.id] });
    const version = async () => String((await byId(followUpActions, record.id))?.version);
    const edit: FormSpec = {
      ...add,
      name: "events.$id.actions save (edit)",
      base: async () => ({
        intent: "save",
        id: record.id,
        version: await version(),
        title: uniqueName("A"),
        ownerOrganisationId: organisation.id,
        status: "open",
      }),
      fields: { ...fields(), partnershipId: noPartnership, id: ids, version: onlyWrong() },
      stored: () => byId(followUpActions, record.id),
    };
    await expectBaseStored(edit);
    await checkForm(edit);
    const statusFields = () => ({
      id: ids,
      version: onlyWrong(),
      status: choice(actionStatuses),
      doneOn: day(),
    });
    const statusBase = async () => ({
      intent: "status",
      id: record.id,
      version: await version(),
      status: "in_progress",
    });
    await checkForm({
      ...common,
      name: "events.$id.actions status",
      base: statusBase,
      fields: statusFields(),
      rules: [
        doneNotInFuture,
        (f) =>
          typeof f.doneOn === "string" && f.doneOn !== "" && f.status !== "done" ? "invalid" : undefined,
      ],
    });
    await checkForm({
      ...common,
      name: "events.$id.actions archive/restore",
      base: async () => {
        const current = await byId(followUpActions, record.id);
        return {
          intent: current?.archivedAt ? "restore" : "archive",
          id: record.id,
          version: await version(),
        };
      },
      fields: { id: ids, version: onlyWrong() },
    });
    await checkBadIntents(common);

    // /actions: the same status form, and the bulk one ("id:version" per checked row).
    const restored = await createFollowUpAction(db, {
      eventId: event.id,
      ownerOrganisationId: organisation.id,
    });
    const list = { db, action: actionsRoute.action, path: "/actions", user: () => coordinator, tables };
    await checkForm({
      ...list,
      name: "actions status",
      base: async () => ({
        intent: "status",
        id: restored.id,
        version: String((await byId(followUpActions, restored.id))?.version),
        status: "open",
      }),
      fields: {
        id: reference({ valid: () => [restored.id] }),
        version: onlyWrong(),
        status: choice(actionStatuses),
        doneOn: day(),
      },
      rules: [
        doneNotInFuture,
        (f) =>
          typeof f.doneOn === "string" && f.doneOn !== "" && f.status !== "done" ? "invalid" : undefined,
      ],
    });
    await checkForm({
      ...list,
      name: "actions bulk",
      base: async () => ({
        intent: "bulk",
        selected: [`${restored.id}:${String((await byId(followUpActions, restored.id))?.version)}`],
        status: "in_progress",
      }),
      fields: {
        status: choice(actionStatuses),
        selected: {
          kind: "id",
          arbitrary: fc
            .constantFrom<readonly string[] | string | undefined>(
              undefined,
              "",
              "abc",
              `${restored.id}`,
              `${restored.id}:x`,
              `x:1`,
              [SCRIPT],
              Array.from({ length: 501 }, () => `${restored.id}:1`),
            )
            .map((value) => ({ value, verdict: "invalid" as const })),
        },
      },
    });
    await checkBadIntents(list);
  });
});
