import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { AccessFields } from "~/components/admin/access-fields";
import { DateTime, InvitationStatusBadge, UserStatusBadge } from "~/components/admin/badges";
import { OneTimeLink } from "~/components/admin/one-time-link";
import { EmptyState } from "~/components/empty-state";
import { ExportLink } from "~/components/list-header";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { accessFieldErrors, inviteInput } from "~/lib/validation/users";
import { getInstance } from "~/middleware/i18next";
import { listUsers, municipalityOptions } from "~/models/accounts.server";
import { createInvitation, listPendingInvitations } from "~/models/invitations.server";
import { organisationChoices, organisationLabels } from "~/models/organisation-options.server";
import type { Route } from "./+types/admin.users";

// Coordinators only: the users, the invitations not accepted yet, and the invitation form.
export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "user:admin");
  const db = context.get(dbContext);
  const [users, invitations, organisations, municipalities] = await Promise.all([
    listUsers(db),
    listPendingInvitations(db),
    organisationChoices(db),
    municipalityOptions(db),
  ]);
  return {
    title: getInstance(context).t("admin.users.title"),
    users,
    invitations,
    organisations,
    municipalities,
  };
}

// One intent here: invite. A user's own changes live on /admin/users/:id.
export async function action({ request, context, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "user:admin");
  const db = context.get(dbContext);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: inviteInput });
  // A refused form comes back with its values: the organisation picker needs the picked one's name.
  const picked = formData.get("organisationId");
  const chosenOrganisation = () => organisationLabels(db, [typeof picked === "string" ? picked : null]);
  if (submission.status !== "success") {
    return data(
      { result: submission.reply(), invitation: null, chosen: await chosenOrganisation() },
      { status: 400 },
    );
  }
  const outcome = await createInvitation(db, actor, submission.value);
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ fieldErrors: accessFieldErrors(outcome.reason) }),
        invitation: null,
        chosen: await chosenOrganisation(),
      },
      { status: 400 },
    );
  }
  // The token leaves the server this once; the database keeps only its hash.
  return {
    result: submission.reply({ resetForm: true }),
    chosen: [],
    invitation: {
      email: outcome.invitation.email,
      link: `${url.origin}/invite/${outcome.token}`,
      expiresAt: outcome.invitation.expiresAt,
    },
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { users, invitations, organisations, municipalities } = loaderData;
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    defaultValue: { role: "viewer" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteInput }),
    shouldRevalidate: "onInput",
  });
  const created = actionData?.invitation;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("admin.users.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("admin.users.intro")}</p>
      <p className="mt-2 text-sm">
        <ExportLink to="/export/users.csv" label={t("exports.csv")} />
      </p>

      {created ? (
        <div className="mt-6">
          <OneTimeLink
            key={created.link}
            title={t("admin.users.invite.created", { email: created.email })}
            description={t("admin.users.invite.copyOnce")}
            link={created.link}
          />
          <p className="mt-2 text-sm text-slate-700">
            {t("admin.users.invite.validUntil")} <DateTime value={created.expiresAt} />
          </p>
        </div>
      ) : null}

      <section className="mt-8" aria-labelledby="users-heading">
        <h2 id="users-heading" className="text-lg font-semibold">
          {t("admin.users.list.title")}
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.name")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.email")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.role")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.organisation")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.municipalities")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("admin.users.columns.status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link to={`/admin/users/${user.id}`} className="text-brand-700 underline">
                      {user.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{user.email}</td>
                  <td className="px-4 py-2">{t(`enums.userRole.${user.role}`)}</td>
                  <td className="px-4 py-2">{user.organisationName ?? t("common.none")}</td>
                  <td className="px-4 py-2">
                    {user.municipalities.length > 0
                      ? user.municipalities.map((m) => m.name).join(", ")
                      : t("common.none")}
                  </td>
                  <td className="px-4 py-2">
                    <UserStatusBadge disabled={user.disabledAt !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mt-8" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          {t("admin.users.invitations.title")}
        </h2>
        {invitations.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("admin.users.invitations.empty")}</EmptyState>
          </div>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.email")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.role")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.organisation")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.invitedBy")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.expires")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("admin.users.columns.status")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td className="px-4 py-2">{invitation.email}</td>
                    <td className="px-4 py-2">{t(`enums.userRole.${invitation.role}`)}</td>
                    <td className="px-4 py-2">{invitation.organisationName ?? t("common.none")}</td>
                    <td className="px-4 py-2">{invitation.invitedByName ?? t("common.none")}</td>
                    <td className="px-4 py-2">
                      <DateTime value={invitation.expiresAt} />
                    </td>
                    <td className="px-4 py-2">
                      <InvitationStatusBadge expired={invitation.expired} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="mt-8 max-w-xl" aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t("admin.users.invite.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("admin.users.invite.intro")}</p>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <TextField
            field={fields.email}
            label={t("admin.users.fields.email")}
            type="email"
            autoComplete="off"
          />
          <AccessFields
            role={fields.role}
            organisationId={fields.organisationId}
            municipalityIds={fields.municipalityIds}
            organisations={organisations}
            chosen={actionData?.chosen}
            municipalities={municipalities}
          />
          <SubmitButton pendingLabel={t("admin.users.invite.pending")}>
            {t("admin.users.invite.submit")}
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
