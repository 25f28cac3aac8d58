import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { EventForm } from "~/components/events/event-form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { eventInput, eventRefusalErrors } from "~/lib/validation/events";
import { getInstance } from "~/middleware/i18next";
import { createEvent, organisationChoices } from "~/models/events.server";
import type { Route } from "./+types/events.new";

// Coordinators and organisers record a new event; its creator is the one who saved it.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "event:write");
  const organisations = await organisationChoices(context.get(dbContext));
  return { title: getInstance(context).t("events.form.newTitle"), organisations };
}

export async function action({ request, context, url }: Route.ActionArgs) {
  const user = requirePermission(context, url, "event:write");
  const db = context.get(dbContext);
  const submission = parseWithZod(await request.formData(), { schema: eventInput });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createEvent(db, user, submission.value);
  if (outcome.ok) return redirect(`/events/${outcome.event.id}`);
  // The only refusal at creation: an organiser that does not exist (or was archived meanwhile).
  const reason = outcome.reason === "notFound" ? "unknownOrganisation" : outcome.reason;
  return data({ result: submission.reply(eventRefusalErrors(reason)) }, { status: 400 });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t("events.breadcrumb")} className="text-sm">
        <Link to="/events" className="text-brand-700 underline">
          {t("events.title")}
        </Link>
      </nav>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">{t("events.form.newTitle")}</h1>
      <EventForm
        mode="create"
        lastResult={actionData?.result}
        initial={null}
        reloadTo="/events/new"
        organisations={loaderData.organisations}
      />
    </>
  );
}
