import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect, useLocation } from "react-router";
import { ActionFeedHint } from "~/components/actions/action-calendar";
import { ActionForm } from "~/components/actions/action-form";
import { ActionTable, type ActionRowView } from "~/components/actions/action-table";
import { EmptyState } from "~/components/empty-state";
import { FormErrors } from "~/components/form";
import { StaleNotice } from "~/components/records/fields";
import { can, forbidden, requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { mayChangeStatusOf, requireActionChanger } from "~/lib/action-access.server";
import { eventArchived, notFound } from "~/lib/event-access.server";
import { isActionOverdue } from "~/lib/actions";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { todayIso } from "~/lib/objectives";
import { actionCommandInput, actionInput, statusInput } from "~/lib/validation/actions";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import {
  organisationLabels,
  type OrganisationChoices,
  type OrganisationOption,
} from "~/models/organisation-options.server";
import { recordLabels, type RecordChoices, type RecordOption } from "~/models/record-options.server";
import {
  actionFormOptions,
  changeActionStatus,
  findActionEvent,
  listEventActions,
  saveAction,
  setActionArchived,
  type ActionRow,
  type FollowUpAction,
} from "~/models/actions.server";
import type { Route } from "./+types/events.$id.actions";

// The event's commitments; editors get the quick-entry form (and the edited one, ?edit=), users of
// an owner organisation a status change on their organisation's rows.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "action:read");
  const db = context.get(dbContext);
  const event = await findActionEvent(db, params.id);
  if (!event) throw notFound();
  const open = event.archivedAt === null;
  const canEdit = open && can(user, "action:write");
  const editId = url.searchParams.get("edit");
  const [rows, archived] = await Promise.all([
    listEventActions(db, event.id),
    canEdit ? listEventActions(db, event.id, { archived: true }) : Promise.resolve([]),
  ]);
  // The edited action's links stay choices even when archived or disabled since.
  const edited = canEdit && editId ? rows.find((a) => a.id === editId) : undefined;
  // The quick-entry form's owner is the previous entry's (after a save).
  const owner = url.searchParams.get("owner");
  const options = canEdit
    ? await actionFormOptions(
        db,
        edited
          ? [
              edited.ownerOrganisationId,
              edited.ownerUserId,
              edited.partnershipId,
              edited.pilotId,
              edited.organisationId,
            ]
          : [],
        // Above the organisation picker's threshold no list is sent, only the names the form holds.
        edited ? [edited.ownerOrganisationId, edited.organisationId] : [owner],
      )
    : {
        organisations: { mode: "select", options: [] } satisfies OrganisationChoices,
        users: [],
        partnerships: { mode: "select", options: [] } satisfies RecordChoices,
        pilots: { mode: "select", options: [] } satisfies RecordChoices,
      };
  const today = todayIso();
  const may = mayChangeStatusOf(user);
  const view = (row: ActionRow): ActionRowView => ({
    ...row,
    overdue: isActionOverdue(row, today),
    mayChangeStatus: open && may(row),
  });
  const actions = rows.map(view);
  const addedId = url.searchParams.get("added");
  const { t } = getInstance(context);
  const organisationChoices = options.organisations;
  const offered =
    organisationChoices.mode === "select" ? organisationChoices.options : organisationChoices.known;
  return {
    title: t("actions.eventTitle", { title: event.title }),
    actions,
    archived: archived.map(view),
    options,
    canEdit,
    editing: canEdit && editId ? (actions.find((a) => a.id === editId) ?? null) : null,
    added: addedId ? (actions.find((a) => a.id === addedId)?.title ?? null) : null,
    defaultOwnerId: offered.some((o) => o.id === owner) ? owner : null,
    today,
    basePath: url.pathname,
    eventId: event.id,
    origin: url.origin,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

interface Answer {
  form: "save" | "status" | null;
  actionId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The action as it is now, when the change was refused because someone else changed it. */
  current: Pick<FollowUpAction, "title" | "status" | "dueOn" | "doneOn"> | null;
  /** Why an archive or restore was refused, when it can be said (an i18n key). */
  commandError: string | null;
  /** The organisations a refused save had picked, to name them in the organisation picker. */
  chosen: OrganisationOption[];
  /** Its partnership and pilot, likewise (above the threshold their pickers hold no list). */
  chosenPartnerships: RecordOption[];
  chosenPilots: RecordOption[];
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>(
    {
      form: null,
      actionId: null,
      result: null,
      current: null,
      commandError: null,
      chosen: [],
      chosenPartnerships: [],
      chosenPilots: [],
      ...body,
    },
    { status },
  );
}

function currentOf(row: FollowUpAction): Answer["current"] {
  return { title: row.title, status: row.status, dueOn: row.dueOn, doneOn: row.doneOn };
}

// Intents: save (add or edit; editors), status (id, version, status, done date; editors and users
// of the owner organisation), archive and restore (editors). Ids from the form are looked up within
// the event of the URL: an action of another event is unknown here (404).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const user = requireActionChanger(context, url);
  const db = context.get(dbContext);
  const event = await findActionEvent(db, params.id);
  if (!event) throw notFound();
  if (event.archivedAt) throw eventArchived();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const today = todayIso();
  const back = url.pathname;
  const id = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;

  if (intent === "status") {
    const submission = parseWithZod(formData, { schema: statusInput(today) });
    if (submission.status !== "success")
      return answer({ form: "status", actionId: id, result: submission.reply() }, 400);
    const outcome = await changeActionStatus(
      db,
      user,
      event.id,
      submission.value,
      mayChangeStatusOf(user),
      today,
    );
    if (outcome.ok) return redirect(back);
    if (outcome.reason === "forbidden") throw forbidden();
    if (outcome.reason === "eventArchived") throw eventArchived();
    if (outcome.reason === "stale" && "current" in outcome) {
      return answer({ form: "status", actionId: id, current: currentOf(outcome.current) }, 409);
    }
    throw notFound();
  }

  if (!can(user, "action:write")) throw forbidden();

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: actionInput(today) });
    // A refused form comes back with its values: the pickers need the picked records' names.
    const picked = (...names: string[]) =>
      names.map((name) => {
        const value = formData.get(name);
        return typeof value === "string" ? value : null;
      });
    const chosen = async () => {
      const [organisations, partnerships, pilots] = await Promise.all([
        organisationLabels(db, picked("ownerOrganisationId", "organisationId")),
        recordLabels(db, "partnership", picked("partnershipId")),
        recordLabels(db, "pilot", picked("pilotId")),
      ]);
      return { chosen: organisations, chosenPartnerships: partnerships, chosenPilots: pilots };
    };
    if (submission.status !== "success")
      return answer({ form: "save", actionId: id, result: submission.reply(), ...(await chosen()) }, 400);
    const outcome = await saveAction(db, user, event.id, submission.value);
    if (outcome.ok) {
      if (submission.value.id) return redirect(back);
      const next = new URLSearchParams({
        added: outcome.record.id,
        owner: submission.value.ownerOrganisationId,
      });
      return redirect(`${back}?${next.toString()}`);
    }
    if (outcome.reason === "stale" && "current" in outcome) {
      return answer(
        {
          form: "save",
          actionId: id,
          result: submission.reply(),
          current: currentOf(outcome.current),
          ...(await chosen()),
        },
        409,
      );
    }
    if (outcome.reason === "notFound") throw notFound();
    const field = outcome.reason === "ownerUser" ? "ownerUserId" : `${outcome.reason}Id`;
    const message =
      outcome.reason === "ownerUser" ? "actions.validation.ownerUser" : "validation.invalidChoice";
    return answer(
      {
        form: "save",
        actionId: id,
        result: submission.reply({ fieldErrors: { [field]: [message] } }),
        ...(await chosen()),
      },
      400,
    );
  }

  // The save and status forms are Conform's; archive and restore read their fields one by one.
  if (repeatedFields(formData).length > 0) return answer({ commandError: REPEATED_FIELD }, 400);
  const command = actionCommandInput.safeParse({ intent, id, version: Number(formData.get("version")) });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await setActionArchived(db, user, event.id, command.data);
  if (outcome.ok) return redirect(back);
  if (outcome.reason === "stale") return answer({ actionId: id, current: currentOf(outcome.current) }, 409);
  throw notFound();
}

export default function EventActions({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { actions, archived, options, canEdit, editing, added, defaultOwnerId, today, basePath } = loaderData;
  const { eventId, origin } = loaderData;
  const current = actionData?.current ?? null;
  const saveResult =
    actionData?.form === "save" && actionData.actionId === (editing?.id ?? null)
      ? (actionData.result ?? undefined)
      : undefined;
  const statusErrors =
    actionData?.form === "status"
      ? Object.values(actionData.result?.error ?? {}).flatMap((e) => e ?? [])
      : [];
  return (
    <div className="space-y-8">
      <section aria-labelledby="actions-heading" className="space-y-4">
        <div>
          <h2 id="actions-heading" className="text-lg font-semibold">
            {t("actions.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("actions.intro")}</p>
        </div>
        <p role="status" className="text-sm text-emerald-800">
          {added ? t("actions.added", { title: added }) : ""}
        </p>
        {current ? (
          <StaleNotice
            message={t("actions.stale")}
            currentValuesLabel={t("actions.currentValues")}
            values={[
              [t("actions.fields.title"), current.title],
              [t("actions.fields.status"), t(`actions.status.${current.status}`)],
              [t("actions.fields.dueOn"), current.dueOn ?? ""],
              [t("actions.fields.doneOn"), current.doneOn ?? ""],
            ]}
            reloadHref={basePath}
            reloadLabel={t("actions.reload")}
          />
        ) : null}
        <FormErrors errors={statusErrors} />
        <FormErrors errors={actionData?.commandError ? [actionData.commandError] : undefined} />
        {actions.length === 0 ? (
          <EmptyState>
            <p>{canEdit ? t("actions.emptyEditor") : t("actions.empty")}</p>
          </EmptyState>
        ) : (
          <ActionTable
            actions={actions}
            showEvent={false}
            editHref={canEdit ? (id) => `${basePath}?edit=${id}#action-form` : undefined}
          />
        )}
        <ActionFeedHint origin={origin} kind="events" id={eventId} />
      </section>

      {canEdit ? (
        <section id="action-form" aria-labelledby="action-form-heading" className="max-w-4xl space-y-4">
          <h2 id="action-form-heading" className="text-lg font-semibold">
            {editing ? t("actions.form.editTitle", { title: editing.title }) : t("actions.form.addTitle")}
          </h2>
          {editing ? null : <p className="text-sm text-slate-700">{t("actions.form.quickHint")}</p>}
          <ActionForm
            key={editing ? `${editing.id}-${editing.version}` : `new-${location.key}`}
            action={editing}
            options={options}
            lastResult={saveResult}
            today={today}
            cancelHref={basePath}
            defaultOwnerId={defaultOwnerId}
            chosen={
              actionData?.form === "save"
                ? {
                    organisations: actionData.chosen,
                    partnerships: actionData.chosenPartnerships,
                    pilots: actionData.chosenPilots,
                  }
                : undefined
            }
            focusTitle={!editing && added !== null}
          />
          {editing ? (
            <ArchiveForm id={editing.id} version={editing.version} intent="archive" title={editing.title} />
          ) : null}
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="actions-archived-heading" className="space-y-2">
          <h2 id="actions-archived-heading" className="text-lg font-semibold">
            {t("actions.archivedTitle")}
          </h2>
          <ul className="space-y-1 text-sm">
            {archived.map((a) => (
              <li key={a.id} className="flex items-center gap-3">
                <span>{a.title}</span>
                <span className="text-slate-600">{a.dueOn ? formatDate(a.dueOn, i18n.language) : ""}</span>
                <ArchiveForm id={a.id} version={a.version} intent="restore" title={a.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ArchiveForm({
  id,
  version,
  intent,
  title,
}: {
  id: string;
  version: number;
  intent: "archive" | "restore";
  title: string;
}) {
  const { t } = useTranslation();
  return (
    <form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-semibold hover:bg-slate-100"
        aria-label={t(`actions.${intent}Label`, { title })}
      >
        {t(`actions.${intent}`)}
      </button>
    </form>
  );
}
