import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect } from "react-router";
import { EventForm, type EventFormValues } from "~/components/events/event-form";
import { eventTabMeta } from "~/components/events/tab-meta";
import { ArchiveSection } from "~/components/records/archive-section";
import { notFound, writableEvent } from "~/lib/event-access.server";
import { eventCommandInput, eventRefusalErrors, updateEventInput } from "~/lib/validation/events";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import {
  findEvent,
  organisationChoices,
  setEventArchived,
  updateEvent,
  type EventHeader,
} from "~/models/events.server";
import type { Route } from "./+types/events.$id.edit";

/** The event's editable values (its organisers as ids). */
function editable(event: EventHeader): EventFormValues {
  return {
    title: event.title,
    kind: event.kind,
    startsOn: event.startsOn,
    endsOn: event.endsOn,
    location: event.location,
    online: event.online,
    description: event.description,
    organiserIds: event.organisers.map((o) => o.id),
    version: event.version,
  };
}

// Coordinators and organisers edit an event's own fields and organisers, archive and restore it.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  // An archived event's edit page still opens: it is where the event is restored.
  const { db, event } = await writableEvent(context, url, params.id, { allowArchived: true });
  const values = editable(event);
  return {
    title: getInstance(context).t("events.form.editTitle", { title: event.title }),
    event: { id: event.id, archivedAt: event.archivedAt },
    values,
    organisations: await organisationChoices(db, values.organiserIds),
  };
}

// Intents: update (the fields, with the version read), archive, restore (with the version read).
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const { db, user, event } = await writableEvent(context, url, params.id, { allowArchived: true });
  const formData = await request.formData();
  if (formData.get("intent") === "update") {
    const submission = parseWithZod(formData, { schema: updateEventInput });
    if (submission.status !== "success") {
      return data(
        { intent: "update", result: submission.reply(), current: null, error: null },
        { status: 400 },
      );
    }
    const outcome = await updateEvent(db, user, event.id, submission.value);
    if (outcome.ok) return redirect(`/events/${event.id}`);
    if (outcome.reason === "notFound") throw notFound();
    // Stale: the user's values stay in the form, the values now saved are shown beside them.
    const now = outcome.reason === "stale" ? await findEvent(db, event.id) : null;
    return data(
      {
        intent: "update",
        result: submission.reply(outcome.reason === "stale" ? {} : eventRefusalErrors(outcome.reason)),
        current: now ? editable(now) : null,
        error: null,
      },
      { status: outcome.reason === "unknownOrganisation" ? 400 : 409 },
    );
  }
  // The update form is Conform's; archive and restore read their fields one by one.
  if (repeatedFields(formData).length > 0) {
    return data({ intent: null, result: null, current: null, error: REPEATED_FIELD }, { status: 400 });
  }
  const command = eventCommandInput.safeParse({
    intent: formData.get("intent"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const archive = command.data.intent === "archive";
  // An archived event stays readable at its address (with an "Archived" badge) and is restored here.
  const outcome = await setEventArchived(db, user, event.id, command.data.version, archive);
  if (outcome.ok) return redirect(archive ? "/events" : `/events/${event.id}`);
  if (outcome.reason === "notFound") throw notFound();
  return data(
    { intent: command.data.intent, result: null, current: null, error: `events.errors.${outcome.reason}` },
    { status: 409 },
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => eventTabMeta(loaderData?.title, matches);

export default function EditEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, values, organisations } = loaderData;
  const archived = event.archivedAt !== null;
  return (
    <div className="space-y-10">
      {archived ? null : (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
            {t("events.form.editTitle", { title: values.title })}
          </h2>
          <EventForm
            mode="update"
            lastResult={actionData?.intent === "update" ? actionData.result : undefined}
            initial={values}
            current={actionData?.current}
            reloadTo={`/events/${event.id}/edit`}
            organisations={organisations}
          />
        </section>
      )}
      <ArchiveSection
        archived={archived}
        version={values.version}
        title={archived ? t("events.form.restoreTitle") : t("events.form.archiveTitle")}
        hint={archived ? t("events.form.restoreHint") : t("events.form.archiveHint")}
        error={actionData?.error}
        archiveLabel={t("events.form.archive")}
        restoreLabel={t("events.form.restore")}
      />
    </div>
  );
}
