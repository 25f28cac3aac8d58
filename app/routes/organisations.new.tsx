import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { OrganisationForm, type OrganisationFormAnswer } from "~/components/organisations/organisation-form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { createOrganisationInput, referenceFieldErrors } from "~/lib/validation/organisations";
import { getInstance } from "~/middleware/i18next";
import { municipalityOptions } from "~/models/accounts.server";
import { organisationChoices, organisationLabels } from "~/models/organisation-options.server";
import { createOrganisation } from "~/models/organisations.server";
import type { Route } from "./+types/organisations.new";

// Coordinators only: a new organisation; a similar name in the same country is flagged first.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "organisation:write");
  const db = context.get(dbContext);
  const [organisations, municipalities] = await Promise.all([
    organisationChoices(db),
    municipalityOptions(db),
  ]);
  return { title: getInstance(context).t("organisation.new.title"), organisations, municipalities };
}

export async function action({ request, context, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "organisation:write");
  const db = context.get(dbContext);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: createOrganisationInput });
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
  const outcome = await createOrganisation(db, actor, fields, { confirmDuplicate });
  if (outcome.ok) return redirect(`/organisations/${outcome.organisation.id}`);
  switch (outcome.reason) {
    case "duplicate":
      // Nothing is stored: the form comes back with the similar organisations and "Save anyway".
      return data<OrganisationFormAnswer>(
        { result: submission.reply(), similar: outcome.similar, chosen: await chosenParent() },
        { status: 409 },
      );
    case "notFound":
    case "stale":
      // Only an edit can meet these.
      throw new Error(`unexpected outcome of a creation: ${outcome.reason}`);
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

export default function NewOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="text-sm">
        <Link to="/organisations" className="text-brand-700 underline">
          {t("organisation.backToList")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t("organisation.new.title")}</h1>
      <OrganisationForm
        schema={createOrganisationInput}
        answer={actionData}
        defaultValue={{ type: "cso", level: "national" }}
        organisations={loaderData.organisations}
        municipalities={loaderData.municipalities}
        submitLabel={t("organisation.new.submit")}
      />
    </>
  );
}
