import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { eventTabMeta } from "~/components/events/tab-meta";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { notFound, readableEvent, writableEvent } from "~/lib/event-access.server";
import { participantInput, removeParticipantInput } from "~/lib/validation/events";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import { listParticipants, removeParticipant, saveParticipant } from "~/models/event-details.server";
import { organisationChoices } from "~/models/events.server";
import type { Route } from "./+types/events.$id.participants";

// Anyone signed in sees who took part; coordinators and organisers add organisations, change how
// many people each sent, and remove them.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  const { db, event, canEdit } = await readableEvent(context, url, params.id);
  const [list, organisations] = await Promise.all([
    listParticipants(db, event.id),
    canEdit ? organisationChoices(db) : Promise.resolve([]),
  ]);
  const present = new Set(list.participants.map((p) => p.organisationId));
  return {
    title: getInstance(context).t("events.tabs.participants"),
    ...list,
    choices: organisations.filter((o) => !present.has(o.id)),
    canEdit,
  };
}

// Intents: save (add an organisation, or change its attendee count), remove.
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const { db, user, event } = await writableEvent(context, url, params.id);
  const formData = await request.formData();
  const organisationId =
    typeof formData.get("organisationId") === "string" ? String(formData.get("organisationId")) : null;
  if (formData.get("intent") === "remove") {
    // The save forms are Conform's; remove reads its organisation with formData.get.
    if (repeatedFields(formData).length > 0) {
      return data({ row: null, result: undefined, error: REPEATED_FIELD }, { status: 400 });
    }
    const command = removeParticipantInput.safeParse({ intent: "remove", organisationId });
    if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
    const outcome = await removeParticipant(db, user, event.id, command.data.organisationId);
    if (!outcome.ok) throw notFound();
    return redirect(url.pathname);
  }
  const submission = parseWithZod(formData, { schema: participantInput });
  const row = formData.get("row") === "1" ? organisationId : null;
  if (submission.status !== "success") return data({ row, result: submission.reply() }, { status: 400 });
  const outcome = await saveParticipant(db, user, event.id, submission.value);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "unknownOrganisation") {
    const fieldErrors = { organisationId: ["events.errors.unknownOrganisation"] };
    return data({ row, result: submission.reply({ fieldErrors }) }, { status: 400 });
  }
  throw notFound();
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => eventTabMeta(loaderData?.title, matches);

const inputClass =
  "block w-24 rounded border border-slate-300 px-2 py-1 text-sm shadow-sm aria-[invalid=true]:border-red-600";

function AddParticipant({
  choices,
  lastResult,
}: {
  choices: readonly { id: string; name: string; acronym: string | null }[];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ intent: string; organisationId?: string; attendeeCount?: number }>({
    id: "participant-add",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: participantInput }),
    shouldRevalidate: "onBlur",
  });
  const selectProps = getSelectProps(fields.organisationId, { ariaAttributes: true });
  return (
    <section aria-labelledby="add-participant-heading" className="max-w-2xl">
      <h3 id="add-participant-heading" className="text-base font-semibold">
        {t("events.participants.addTitle")}
      </h3>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <div>
          <label htmlFor={fields.organisationId.id} className="block text-sm font-medium text-slate-800">
            {t("events.participants.organisation")}
          </label>
          <select
            {...selectProps}
            key={selectProps.key}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
          >
            <option value="">{t("events.participants.chooseOrganisation")}</option>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym ? `${o.name} (${o.acronym})` : o.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.organisationId.errorId} errors={fields.organisationId.errors} />
        </div>
        <TextField
          field={fields.attendeeCount}
          label={t("events.participants.attendeeCount")}
          hint={t("events.participants.attendeeHint")}
          type="number"
        />
        <SubmitButton pendingLabel={t("events.form.pending")}>{t("events.participants.add")}</SubmitButton>
      </Form>
    </section>
  );
}

export default function EventParticipants({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { participants, attendees, choices, canEdit } = loaderData;
  const rowErrors = actionData?.row ? actionData.result.error : undefined;
  const removeError = actionData && "error" in actionData ? actionData.error : null;
  return (
    <div className="space-y-8">
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading" className="text-lg font-semibold">
          {t("events.participants.heading")}
        </h2>
        {removeError ? (
          <div className="mt-2">
            <FormErrors errors={[removeError]} />
          </div>
        ) : null}
        {participants.length === 0 ? (
          <div className="mt-2">
            <EmptyState>
              {canEdit ? t("events.participants.emptyEditor") : t("events.participants.empty")}
            </EmptyState>
          </div>
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("events.participants.organisation")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t("events.participants.attendeeCount")}
                  </th>
                  {canEdit ? (
                    <th scope="col" className="px-4 py-2 font-medium">
                      {t("events.participants.remove")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {participants.map((p) => {
                  const errors =
                    actionData?.row === p.organisationId
                      ? [...(rowErrors?.attendeeCount ?? []), ...(rowErrors?.organisationId ?? [])]
                      : [];
                  const inputId = `attendees-${p.organisationId}`;
                  return (
                    <tr key={p.organisationId}>
                      <th scope="row" className="px-4 py-2 font-medium">
                        {p.name}
                      </th>
                      <td className="px-4 py-2">
                        {canEdit ? (
                          <Form method="post" className="flex flex-wrap items-start gap-2">
                            <input type="hidden" name="intent" value="save" />
                            <input type="hidden" name="row" value="1" />
                            <input type="hidden" name="organisationId" value={p.organisationId} />
                            <label htmlFor={inputId} className="sr-only">
                              {t("events.participants.attendeesOf", { name: p.name })}
                            </label>
                            <div>
                              <input
                                id={inputId}
                                type="number"
                                name="attendeeCount"
                                min={0}
                                defaultValue={p.attendeeCount ?? ""}
                                aria-invalid={errors.length > 0 || undefined}
                                aria-describedby={errors.length > 0 ? `${inputId}-errors` : undefined}
                                className={inputClass}
                              />
                              <ErrorList id={`${inputId}-errors`} errors={errors} />
                            </div>
                            <button type="submit" className="text-sm font-medium text-brand-700 underline">
                              {t("events.participants.save")}
                              <span className="sr-only"> {p.name}</span>
                            </button>
                          </Form>
                        ) : p.attendeeCount === null ? (
                          t("events.participants.unknown")
                        ) : (
                          p.attendeeCount
                        )}
                      </td>
                      {canEdit ? (
                        <td className="px-4 py-2">
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="organisationId" value={p.organisationId} />
                            <button
                              type="submit"
                              aria-label={t("events.participants.removeLabel", { name: p.name })}
                              className="text-sm font-medium text-brand-700 underline"
                            >
                              {t("events.participants.remove")}
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
              <tfoot className="bg-slate-50">
                <tr>
                  <th scope="row" className="px-4 py-2 font-medium">
                    {t("events.participants.total")}
                  </th>
                  <td className="px-4 py-2 font-medium" colSpan={canEdit ? 2 : 1}>
                    {attendees}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
      {canEdit ? (
        <AddParticipant
          choices={choices}
          lastResult={actionData && !actionData.row ? actionData.result : undefined}
        />
      ) : null}
    </div>
  );
}
