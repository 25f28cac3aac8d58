import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { can, requirePermission } from "~/auth/permissions.server";
import { FormErrors } from "~/components/form";
import { EmptyState } from "~/components/empty-state";
import { dbContext } from "~/db/context";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/partnership-status";
import {
  addMemberInput,
  refusalErrors,
  removeMemberInput,
  updateMemberInput,
} from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import {
  memberCandidateChoices,
  organisationLabels,
  type OrganisationChoices,
  type OrganisationOption,
} from "~/models/organisation-options.server";
import {
  addMember,
  listMembers,
  removeMember,
  updateMember,
  type MemberRow,
} from "~/models/partnership-members.server";
import { findPartnershipHeader } from "~/models/partnerships.server";
import { AddMember, EditMember } from "~/components/partnerships/member-forms";
import type { Route } from "./+types/partnerships.$id.members";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export async function loader({ context, url, params }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const db = context.get(dbContext);
  const partnership = await findPartnershipHeader(db, params.id);
  if (!partnership) throw notFound();
  const canEdit = can(user, "partnership:write") && partnership.archivedAt === null;
  const [members, candidates] = await Promise.all([
    listMembers(db, partnership.id),
    // Above the organisation picker's threshold no list is sent: the form searches instead.
    canEdit
      ? memberCandidateChoices(db, partnership.id)
      : Promise.resolve<OrganisationChoices>({ mode: "select", options: [] }),
  ]);
  return {
    title: `${getInstance(context).t("partnership.members.title")} · ${partnership.name}`,
    members,
    candidates,
    canEdit,
    editing: canEdit ? url.searchParams.get("edit") : null,
    today: todayIso(),
  };
}

interface Answer {
  intent: "add" | "update" | "remove";
  result: SubmissionResult<string[]> | null;
  /** A refusal of the remove button (an i18n key). */
  error: string | null;
  notice: string | null;
  memberId: string | null;
  /** The organisation a refused add form had picked, to name it in the picker. */
  chosen: OrganisationOption[];
}

function answer(body: Partial<Answer> & Pick<Answer, "intent">, status = 200) {
  return data<Answer>(
    { result: null, error: null, notice: null, memberId: null, chosen: [], ...body },
    { status },
  );
}

// Intents: add, update (with the version read), remove (sets the day it left). Coordinators only.
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: addMemberInput });
    // A refused form comes back with its values: the picker needs the picked organisation's name.
    const picked = formData.get("organisationId");
    const chosen = () => organisationLabels(db, [typeof picked === "string" ? picked : null]);
    if (submission.status !== "success")
      return answer({ intent, result: submission.reply(), chosen: await chosen() }, 400);
    const outcome = await addMember(db, actor, params.id, submission.value);
    if (!outcome.ok) {
      if (outcome.reason === "notFound") throw notFound();
      return answer(
        { intent, result: submission.reply(refusalErrors(outcome.reason)), chosen: await chosen() },
        409,
      );
    }
    return answer({
      intent,
      result: submission.reply({ resetForm: true }),
      notice: "partnership.members.added",
    });
  }
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateMemberInput });
    const memberId = typeof formData.get("memberId") === "string" ? String(formData.get("memberId")) : null;
    if (submission.status !== "success") return answer({ intent, result: submission.reply(), memberId }, 400);
    const outcome = await updateMember(db, actor, params.id, submission.value);
    if (!outcome.ok) {
      if (outcome.reason === "notFound") throw notFound();
      return answer({ intent, result: submission.reply(refusalErrors(outcome.reason)), memberId }, 409);
    }
    // Back to the list without ?edit=: the saved row is shown, the form closed.
    return redirect(`/partnerships/${params.id}/members`);
  }
  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeMemberInput });
    if (submission.status !== "success") {
      return answer({ intent, error: "partnership.form.errors.date" }, 400);
    }
    const outcome = await removeMember(db, actor, params.id, submission.value);
    if (!outcome.ok) {
      if (outcome.reason === "notFound") throw notFound();
      return answer(
        { intent, error: `partnership.form.errors.${outcome.reason}`, memberId: submission.value.memberId },
        409,
      );
    }
    return answer({ intent, notice: "partnership.members.removed" });
  }
  throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

function orgName(member: Pick<MemberRow, "organisationName" | "organisationAcronym">) {
  return member.organisationAcronym
    ? `${member.organisationName} (${member.organisationAcronym})`
    : member.organisationName;
}

export default function PartnershipMembers({ loaderData, actionData, params }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const { members, candidates, canEdit, editing, today } = loaderData;
  const none = t("common.none");
  const date = (value: string | null) => (value ? formatDate(value, i18n.language) : none);
  const editedId =
    editing ?? (actionData?.intent === "update" && actionData.result ? actionData.memberId : null);
  const edited = members.find((m) => m.id === editedId);
  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-700">{t("partnership.members.rules")}</p>
      {actionData?.notice ? (
        <p role="status" className="rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800">
          {t(actionData.notice as "partnership.members.added")}
        </p>
      ) : null}
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
      {members.length === 0 ? (
        <EmptyState>{t("partnership.members.empty")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.organisation")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.role")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.mandate")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.contribution")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.joined")}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t("partnership.members.columns.left")}
                </th>
                {canEdit ? (
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("partnership.members.columns.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {members.map((member) => (
                <tr key={member.id} className={member.current ? "" : "text-slate-600"}>
                  <td className="px-4 py-2 font-medium">
                    <Link
                      to={`/organisations/${member.organisationId}`}
                      className="text-brand-800 hover:underline"
                    >
                      {orgName(member)}
                    </Link>
                    {member.current ? null : (
                      <span className="ml-2 text-xs font-normal">({t("partnership.members.former")})</span>
                    )}
                  </td>
                  <td className="px-4 py-2">{t(`enums.memberRole.${member.role}`)}</td>
                  <td className="px-4 py-2 whitespace-pre-line">{member.mandate ?? none}</td>
                  <td className="px-4 py-2 whitespace-pre-line">{member.contribution ?? none}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{date(member.joinedOn)}</td>
                  <td className="px-4 py-2 whitespace-nowrap">{date(member.leftOn)}</td>
                  {canEdit ? (
                    <td className="px-4 py-2">
                      <div className="flex flex-wrap gap-2">
                        <Link
                          to={`?edit=${member.id}`}
                          className="text-brand-700 underline"
                          aria-label={t("partnership.members.editLabel", { name: member.organisationName })}
                        >
                          {t("partnership.members.edit")}
                        </Link>
                        {member.leftOn === null ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="memberId" value={member.id} />
                            <input type="hidden" name="version" value={member.version} />
                            <input type="hidden" name="leftOn" value={today} />
                            <button
                              type="submit"
                              className="text-red-700 underline"
                              aria-label={t("partnership.members.removeLabel", {
                                name: member.organisationName,
                              })}
                            >
                              {t("partnership.members.remove")}
                            </button>
                          </Form>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? <p className="text-xs text-slate-600">{t("partnership.members.removeHint")}</p> : null}
      {canEdit && edited ? (
        <EditMember
          key={`${edited.id}-${edited.version}`}
          member={edited}
          lastResult={actionData?.intent === "update" ? (actionData.result ?? undefined) : undefined}
        />
      ) : null}
      {canEdit ? (
        <AddMember
          key={`new-${location.key}`}
          partnershipId={params.id}
          candidates={candidates}
          chosen={actionData?.intent === "add" ? actionData.chosen : undefined}
          lastResult={actionData?.intent === "add" ? (actionData.result ?? undefined) : undefined}
        />
      ) : null}
    </div>
  );
}
