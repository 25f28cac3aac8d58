import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { OrganisationForm, type OrganisationFormAnswer } from "~/components/organisations/organisation-form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import {
  notFound,
  organisationIdFrom,
  referenceFieldErrors,
  updateOrganisationInput,
} from "~/lib/validation/organisations";
import { getInstance } from "~/middleware/i18next";
import { municipalityOptions } from "~/models/accounts.server";
import { organisationChoices, organisationLabels } from "~/models/organisation-options.server";
import { findOrganisation } from "~/models/organisation-page.server";
import { updateOrganisation } from "~/models/organisations.server";
import type { Route } from "./+types/organisations.$id.edit";

// Coordinators only: edit with the version read; a save over someone else's change is refused.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  requirePermission(context, url, "organisation:write");
  const db = context.get(dbContext);
  const organisation = await findOrganisation(db, organisationIdFrom(params));
  if (!organisation || organisation.archivedAt) throw notFound();
  const [organisations, municipalities] = await Promise.all([
    organisationChoices(db, { exclude: organisation.id, known: [organisation.parentOrganisationId] }),
    municipalityOptions(db),
  ]);
  return {
    title: getInstance(context).t("organisation.edit.title", { name: organisation.name }),
    organisation,
    organisations,
    municipalities,
  };
}

export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "organisation:write");
  const db = context.get(dbContext);
  const organisationId = organisationIdFrom(params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: updateOrganisationInput(organisationId) });
  // A refused form comes back with its values: the parent picker needs the picked one's name.
  const parent = formData.get("parentOrganisationId");
  const chosenParent = () => organisationLabels(db, [typeof parent === "string" ? parent : null]);
  if (submission.status !== "success") {
    return data<OrganisationFormAnswer>(
      { result: submission.reply(), chosen: await chosenParent() },
      { status: 400 },
    );
  }
  const { intent: _intent, confirmDuplicate, ...fields } = submission.value;
  const outcome = await updateOrganisation(db, actor, organisationId, fields, { confirmDuplicate });
  if (outcome.ok) return redirect(`/organisations/${organisationId}`);
  switch (outcome.reason) {
    case "notFound":
      throw notFound();
    case "stale":
      return data<OrganisationFormAnswer>(
        {
          result: submission.reply({ formErrors: ["organisation.errors.stale"] }),
          chosen: await chosenParent(),
          current: {
            name: outcome.current.name,
            acronym: outcome.current.acronym,
            type: outcome.current.type,
            level: outcome.current.level,
            countryCode: outcome.current.countryCode,
            website: outcome.current.website,
            version: outcome.current.version,
          },
        },
        { status: 409 },
      );
    case "duplicate":
      return data<OrganisationFormAnswer>(
        { result: submission.reply(), similar: outcome.similar, chosen: await chosenParent() },
        { status: 409 },
      );
    default:
      return data<OrganisationFormAnswer>(
        {
          result: submission.reply({ fieldErrors: referenceFieldErrors(outcome.reason) }),
          chosen: await chosenParent(),
        },
        { status: 400 },
      );
  }
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organisation } = loaderData;
  return (
    <>
      <p className="text-sm">
        <Link to={`/organisations/${organisation.id}`} className="text-brand-700 underline">
          {t("organisation.edit.back", { name: organisation.name })}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        {t("organisation.edit.title", { name: organisation.name })}
      </h1>
      <OrganisationForm
        schema={updateOrganisationInput(organisation.id)}
        answer={actionData}
        defaultValue={{
          version: String(organisation.version),
          name: organisation.name,
          acronym: organisation.acronym ?? "",
          type: organisation.type,
          level: organisation.level,
          countryCode: organisation.countryCode ?? "",
          municipalityId: organisation.municipalityId ?? "",
          parentOrganisationId: organisation.parentOrganisationId ?? "",
          mandate: organisation.mandate ?? "",
          description: organisation.description ?? "",
          website: organisation.website ?? "",
        }}
        organisations={loaderData.organisations}
        self={organisation.id}
        municipalities={loaderData.municipalities}
        submitLabel={t("organisation.edit.submit")}
        reloadTo={`/organisations/${organisation.id}/edit`}
      />
    </>
  );
}
