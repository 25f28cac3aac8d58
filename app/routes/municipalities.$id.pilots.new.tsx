import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { PilotForm } from "~/components/pilots/pilot-form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { canWritePilotsOf } from "~/lib/pilot-access.server";
import { createPilotInput, pilotRefusalErrors } from "~/lib/validation/pilots";
import { getInstance } from "~/middleware/i18next";
import { createPilot, findPilotMunicipality, pilotPartnershipOptions } from "~/models/pilots.server";
import type { Route } from "./+types/municipalities.$id.pilots.new";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

/**
 * The municipality of the URL, which the new pilot belongs to: `pilot:write:in-scope` first (403),
 * then the municipality (404 when unknown or archived), then the user's scope over it (403).
 */
async function municipalityInScope(context: Route.LoaderArgs["context"], url: URL, id: string) {
  const user = requirePermission(context, url, "pilot:write:in-scope");
  const db = context.get(dbContext);
  const municipality = await findPilotMunicipality(db, id);
  if (!municipality || municipality.archivedAt) throw notFound();
  if (!canWritePilotsOf(user, municipality.id)) throw forbidden();
  return { user, db, municipality };
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  const { db, municipality } = await municipalityInScope(context, url, params.id);
  const partnerships = await pilotPartnershipOptions(db, municipality.id);
  return {
    title: getInstance(context).t("pilot.form.newTitle", { municipality: municipality.name }),
    municipality: { id: municipality.id, name: municipality.name },
    partnerships,
  };
}

export async function action({ request, context, params, url }: Route.ActionArgs) {
  const { user, db, municipality } = await municipalityInScope(context, url, params.id);
  const submission = parseWithZod(await request.formData(), { schema: createPilotInput });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createPilot(db, user, municipality.id, submission.value);
  if (outcome.ok) return redirect(`/pilots/${outcome.pilot.id}`);
  if (outcome.reason === "notFound") throw notFound();
  return data({ result: submission.reply(pilotRefusalErrors(outcome.reason)) }, { status: 400 });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function NewPilot({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { municipality, partnerships } = loaderData;
  return (
    <>
      <nav aria-label={t("pilot.breadcrumb")} className="text-sm">
        <Link to={`/municipalities/${municipality.id}`} className="text-brand-700 underline">
          {municipality.name}
        </Link>
      </nav>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">
        {t("pilot.form.newTitle", { municipality: municipality.name })}
      </h1>
      <PilotForm
        mode="create"
        lastResult={actionData?.result}
        initial={null}
        reloadTo={`/municipalities/${municipality.id}/pilots/new`}
        partnerships={partnerships}
        municipalityName={municipality.name}
      />
    </>
  );
}
