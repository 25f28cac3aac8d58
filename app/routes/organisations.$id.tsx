import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { AuditHistory } from "~/components/audit/history";
import { EmptyState } from "~/components/empty-state";
import { ActionFeedHint } from "~/components/actions/action-calendar";
import { LinkedActions } from "~/components/actions/linked-actions";
import { FormErrors } from "~/components/form";
import { RelationshipsSection } from "~/components/organisations/relationships-section";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import {
  archiveRelationshipInput,
  notFound,
  organisationCommandInput,
  organisationIdFrom,
  relationshipFieldErrors,
  relationshipInput,
} from "~/lib/validation/organisations";
import { getInstance } from "~/middleware/i18next";
import { organisationLabels, type OrganisationOption } from "~/models/organisation-options.server";
import { loadOrganisationPage } from "~/models/organisation-page-view.server";
import { setOrganisationArchived } from "~/models/organisations.server";
import { addRelationship, archiveRelationship, updateRelationship } from "~/models/relationships.server";
import type { Route } from "./+types/organisations.$id";

// Anyone signed in reads the page; the risks it owns show their titles only to those who may read
// that partnership's confidential fields. Coordinators also see the history and the edit controls.
// One query (models/organisation-page-view.server.ts).
export async function loader({ context, url, params }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "organisation:read");
  const db = context.get(dbContext);
  const organisationId = organisationIdFrom(params);
  const canEdit = can(user, "organisation:write");
  // Above the picker's threshold no list of choices is sent: the relationship forms search instead
  // (their current organisations are named by the relationships themselves). The follow-ups: the
  // actions it owns and those that concern it.
  const view = await loadOrganisationPage(
    db,
    user,
    organisationId,
    { editing: canEdit, actions: can(user, "action:read") },
    todayIso(),
  );
  if (!view) throw notFound();
  return {
    title: view.page.organisation.name,
    locale: getInstance(context).language,
    ...view.page,
    canEdit,
    history: view.history,
    organisationChoices: view.choices,
    linkedActions: view.linkedActions,
    canWriteActions: can(user, "action:write"),
    origin: url.origin,
  };
}

type Intent = "archive" | "restore" | "addRelationship" | "updateRelationship" | "archiveRelationship";

interface Answer {
  intent: Intent | null;
  /** The relationship form's result (add or update). */
  result: SubmissionResult<string[]> | null;
  /** The relationship a form was about (update, archive). */
  relationshipId: string | null;
  /** Why a command was refused (an i18n key). */
  error: string | null;
  /** The organisation a refused relationship form had picked, to name it in the picker. */
  chosen: OrganisationOption[];
}

function answer(body: Partial<Answer>, status = 200) {
  return data<Answer>(
    { intent: null, result: null, relationshipId: null, error: null, chosen: [], ...body },
    { status },
  );
}

// Intents: archive, restore (the organisation); addRelationship, updateRelationship, archiveRelationship.
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "organisation:write");
  const db = context.get(dbContext);
  const organisationId = organisationIdFrom(params);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "addRelationship" || intent === "updateRelationship") {
    const submission = parseWithZod(formData, { schema: relationshipInput(organisationId) });
    const relationshipId =
      typeof formData.get("relationshipId") === "string" ? String(formData.get("relationshipId")) : null;
    // A refused form comes back with its values: the picker needs the picked organisation's name.
    const picked = formData.get("otherOrganisationId");
    const chosenOrganisation = () => organisationLabels(db, [typeof picked === "string" ? picked : null]);
    if (submission.status !== "success") {
      const chosen = await chosenOrganisation();
      return answer({ intent, relationshipId, chosen, result: submission.reply() }, 400);
    }
    const value = submission.value;
    const outcome =
      value.intent === "addRelationship"
        ? await addRelationship(db, actor, organisationId, value)
        : await updateRelationship(db, actor, organisationId, value.relationshipId, value);
    if (outcome.ok) return answer({ intent, relationshipId, result: submission.reply({ resetForm: true }) });
    const chosen = await chosenOrganisation();
    switch (outcome.reason) {
      case "notFound":
        return answer(
          {
            intent,
            relationshipId,
            chosen,
            result: submission.reply({ formErrors: ["relationships.errors.notFound"] }),
          },
          404,
        );
      case "stale":
        return answer(
          {
            intent,
            relationshipId,
            chosen,
            result: submission.reply({ formErrors: ["relationships.errors.stale"] }),
          },
          409,
        );
      default:
        return answer(
          {
            intent,
            relationshipId,
            chosen,
            result: submission.reply({ fieldErrors: relationshipFieldErrors(outcome.reason) }),
          },
          400,
        );
    }
  }

  if (intent === "archiveRelationship") {
    // The relationship forms are Conform's; the commands read their fields one by one.
    if (repeatedFields(formData).length > 0) return answer({ intent, error: REPEATED_FIELD }, 400);
    const parsed = archiveRelationshipInput.safeParse({
      intent,
      relationshipId: formData.get("relationshipId"),
      version: Number(formData.get("version")),
    });
    if (!parsed.success) return answer({ intent, error: "relationships.errors.notFound" }, 400);
    const { relationshipId, version } = parsed.data;
    const outcome = await archiveRelationship(db, actor, organisationId, relationshipId, version);
    if (outcome.ok) return answer({ intent, relationshipId });
    if (outcome.reason === "stale")
      return answer({ intent, relationshipId, error: "relationships.errors.stale" }, 409);
    return answer({ intent, relationshipId, error: "relationships.errors.notFound" }, 404);
  }

  if (repeatedFields(formData).length > 0) return answer({ error: REPEATED_FIELD }, 400);
  const command = organisationCommandInput.safeParse({ intent, version: Number(formData.get("version")) });
  if (!command.success) return answer({ error: "organisation.errors.badRequest" }, 400);
  const archived = command.data.intent === "archive";
  const outcome = await setOrganisationArchived(db, actor, organisationId, command.data.version, archived);
  if (outcome.ok) return answer({ intent: command.data.intent });
  if (outcome.reason === "notFound") throw notFound();
  return answer({ intent: command.data.intent, error: "organisation.errors.stale" }, 409);
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

const secondaryButton =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100";

export default function OrganisationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organisation, partnerships, relationships, risks, canEdit, history, locale } = loaderData;
  const archived = organisation.archivedAt !== null;
  const day = (value: string | null) => (value ? formatDate(value, locale) : t("common.none"));
  const commandError =
    actionData?.error &&
    (actionData.intent === "archive" || actionData.intent === "restore" || actionData.intent === null)
      ? actionData.error
      : null;
  return (
    <>
      <p className="text-sm">
        <Link to="/organisations" className="text-brand-700 underline">
          {t("organisation.backToList")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{organisation.name}</h1>
        {organisation.acronym ? <span className="text-slate-700">{organisation.acronym}</span> : null}
        {archived ? (
          <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">
            {t("organisation.archived")}
          </span>
        ) : null}
      </div>

      {canEdit ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {archived ? null : (
            <Link to={`/organisations/${organisation.id}/edit`} className={secondaryButton}>
              {t("organisation.edit.link")}
            </Link>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
            <input type="hidden" name="version" value={organisation.version} />
            <button type="submit" className={secondaryButton}>
              {archived ? t("organisation.restore") : t("organisation.archive")}
            </button>
          </Form>
        </div>
      ) : null}
      {commandError ? (
        <div className="mt-3">
          <FormErrors errors={[commandError]} />
        </div>
      ) : null}

      <section className="mt-6" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-lg font-semibold">
          {t("organisation.profile")}
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">{t("organisation.fields.type")}</dt>
          <dd>{t(`enums.organisationType.${organisation.type}`)}</dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.level")}</dt>
          <dd>{t(`enums.level.${organisation.level}`)}</dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.countryCode")}</dt>
          <dd>{organisation.countryCode ?? t("common.international")}</dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.municipality")}</dt>
          <dd>{organisation.municipalityName ?? t("common.none")}</dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.parent")}</dt>
          <dd>
            {organisation.parentOrganisationId && organisation.parentName ? (
              <Link
                to={`/organisations/${organisation.parentOrganisationId}`}
                className="text-brand-700 underline"
              >
                {organisation.parentName}
              </Link>
            ) : (
              t("common.none")
            )}
          </dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.mandate")}</dt>
          <dd className="whitespace-pre-line">{organisation.mandate ?? t("common.none")}</dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.website")}</dt>
          <dd>
            {organisation.website ? (
              <a
                href={organisation.website}
                rel="noopener noreferrer"
                target="_blank"
                className="text-brand-700 underline"
              >
                {organisation.website}
              </a>
            ) : (
              t("common.none")
            )}
          </dd>
          <dt className="font-medium text-slate-700">{t("organisation.fields.description")}</dt>
          <dd className="whitespace-pre-line">{organisation.description ?? t("common.none")}</dd>
        </dl>
      </section>

      <section className="mt-8" aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading" className="text-lg font-semibold">
          {t("organisation.partnerships.title")}
        </h2>
        {partnerships.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("organisation.partnerships.empty")}</EmptyState>
          </div>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("organisation.partnerships.name")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("organisation.partnerships.status")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("organisation.partnerships.role")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("organisation.partnerships.mandate")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {partnerships.map((membership) => (
                  <tr key={membership.partnershipId}>
                    <td className="px-4 py-2 font-medium">
                      <Link
                        to={`/partnerships/${membership.partnershipId}`}
                        className="text-brand-700 underline"
                      >
                        {membership.partnershipName}
                      </Link>
                      {membership.leftOn ? (
                        <span className="ml-2 text-xs text-slate-600">
                          {t("organisation.partnerships.left", { date: day(membership.leftOn) })}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-2">{t(`enums.partnershipStatus.${membership.status}`)}</td>
                    <td className="px-4 py-2">{t(`organisation.memberRole.${membership.role}`)}</td>
                    <td className="px-4 py-2 whitespace-pre-line">
                      {membership.mandate ?? t("common.none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <RelationshipsSection
        organisationId={organisation.id}
        relationships={relationships}
        canEdit={canEdit && !archived}
        choices={loaderData.organisationChoices}
        answer={actionData}
        day={day}
      />

      <section className="mt-8" aria-labelledby="risks-heading">
        <h2 id="risks-heading" className="text-lg font-semibold">
          {t("organisation.risks.title")}
        </h2>
        {risks.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("organisation.risks.empty")}</EmptyState>
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {risks.map((risk) => (
              <li key={risk.id} className="px-4 py-2">
                {risk.confidential ? (
                  <>
                    {t("organisation.risks.hidden")}{" "}
                    <Link to={`/partnerships/${risk.partnershipId}`} className="text-brand-700 underline">
                      {risk.partnershipName}
                    </Link>{" "}
                    {t("organisation.risks.summary", {
                      category: t(`enums.riskCategory.${risk.category}`),
                      exposure: risk.exposure,
                    })}
                  </>
                ) : (
                  <>
                    <span className="font-medium">{risk.title}</span>{" "}
                    {t("organisation.risks.summary", {
                      category: t(`enums.riskCategory.${risk.category}`),
                      exposure: risk.exposure,
                    })}{" "}
                    <Link to={`/partnerships/${risk.partnershipId}`} className="text-brand-700 underline">
                      {risk.partnershipName}
                    </Link>
                  </>
                )}{" "}
                <span className="text-slate-600">{t(`enums.riskStatus.${risk.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {loaderData.linkedActions ? (
        <div className="mt-8">
          <LinkedActions
            actions={loaderData.linkedActions}
            seeAllHref={`/actions?organisation=${organisation.id}`}
            canWrite={loaderData.canWriteActions}
          >
            <ActionFeedHint origin={loaderData.origin} kind="organisations" id={organisation.id} />
          </LinkedActions>
        </div>
      ) : null}

      {canEdit ? <AuditHistory entries={history} /> : null}
    </>
  );
}
