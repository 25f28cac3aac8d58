import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { MarkdownText } from "~/components/events/markdown-text";
import { eventTabMeta } from "~/components/events/tab-meta";
import { TakeawayForm, type TakeawayValues } from "~/components/events/takeaway-form";
import { FormErrors } from "~/components/form";
import { notFound, readableEvent, writableEvent } from "~/lib/event-access.server";
import { takeawayCommandInput, takeawayInput } from "~/lib/validation/events";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import {
  listTakeaways,
  saveTakeaway,
  takeawayCommand,
  type EventTakeaway,
} from "~/models/event-details.server";
import type { Route } from "./+types/events.$id.takeaways";

const valuesOf = (t: EventTakeaway): TakeawayValues => ({
  id: t.id,
  theme: t.theme,
  text: t.text,
  version: t.version,
});

// Anyone signed in reads the takeaways; coordinators and organisers add, edit (?edit=id), reorder,
// archive and restore them.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  const { db, event, canEdit } = await readableEvent(context, url, params.id);
  const [takeaways, archived] = await Promise.all([
    listTakeaways(db, event.id),
    canEdit ? listTakeaways(db, event.id, { archived: true }) : Promise.resolve([]),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (takeaways.find((t) => t.id === editId) ?? null) : null;
  return {
    title: getInstance(context).t("events.tabs.takeaways"),
    takeaways: takeaways.map(valuesOf),
    archived: archived.map(valuesOf),
    editing: editing ? valuesOf(editing) : null,
    canEdit,
    basePath: url.pathname,
  };
}

// Intents: save (add, or edit with the id and version read), archive, restore, up, down.
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const { db, user, event } = await writableEvent(context, url, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "save") {
    const submission = parseWithZod(formData, { schema: takeawayInput });
    const id = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;
    if (submission.status !== "success") {
      return data({ id, result: submission.reply(), current: null, error: null }, { status: 400 });
    }
    const outcome = await saveTakeaway(db, user, event.id, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    if (outcome.reason === "stale") {
      return data(
        { id, result: submission.reply(), current: valuesOf(outcome.current), error: null },
        { status: 409 },
      );
    }
    throw notFound();
  }
  // The save form is Conform's (a repeated field is a field error); a command reads its fields one by one.
  if (repeatedFields(formData).length > 0) {
    return data({ id: null, result: null, current: null, error: REPEATED_FIELD }, { status: 400 });
  }
  const command = takeawayCommandInput.safeParse({
    intent: formData.get("intent"),
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await takeawayCommand(db, user, event.id, command.data);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") {
    return data(
      { id: command.data.id, result: null, current: null, error: "events.takeaways.staleCommand" },
      { status: 409 },
    );
  }
  throw notFound();
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => eventTabMeta(loaderData?.title, matches);

function CommandButton({
  takeaway,
  intent,
  label,
  accessibleLabel,
}: {
  takeaway: TakeawayValues;
  intent: "archive" | "restore" | "up" | "down";
  label: string;
  accessibleLabel: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={takeaway.id} />
      <input type="hidden" name="version" value={takeaway.version} />
      <button
        type="submit"
        aria-label={accessibleLabel}
        className="text-sm font-medium text-brand-700 underline hover:text-brand-800"
      >
        {label}
      </button>
    </Form>
  );
}

export default function EventTakeaways({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { takeaways, archived, editing, canEdit, basePath } = loaderData;
  const nameOf = (takeaway: TakeawayValues, index: number) =>
    takeaway.theme || t("events.takeaways.numbered", { number: index + 1 });
  return (
    <div className="space-y-8">
      <section aria-labelledby="takeaways-heading">
        <h2 id="takeaways-heading" className="text-lg font-semibold">
          {t("events.takeaways.heading")}
        </h2>
        {actionData?.error ? (
          <div className="mt-2">
            <FormErrors errors={[actionData.error]} />
          </div>
        ) : null}
        {takeaways.length === 0 ? (
          <div className="mt-2">
            <EmptyState>
              {canEdit ? t("events.takeaways.emptyEditor") : t("events.takeaways.empty")}
            </EmptyState>
          </div>
        ) : (
          <ol className="mt-2 space-y-4">
            {takeaways.map((takeaway, index) => (
              <li key={takeaway.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="mb-2 font-semibold">{nameOf(takeaway, index)}</h3>
                <MarkdownText text={takeaway.text} />
                {canEdit ? (
                  <div className="mt-3 flex flex-wrap gap-4">
                    <Link
                      to={`${basePath}?edit=${takeaway.id}`}
                      className="text-sm font-medium text-brand-700 underline"
                    >
                      {t("events.takeaways.edit")}
                      <span className="sr-only"> {nameOf(takeaway, index)}</span>
                    </Link>
                    {index > 0 ? (
                      <CommandButton
                        takeaway={takeaway}
                        intent="up"
                        label={t("events.takeaways.up")}
                        accessibleLabel={t("events.takeaways.upLabel", { name: nameOf(takeaway, index) })}
                      />
                    ) : null}
                    {index < takeaways.length - 1 ? (
                      <CommandButton
                        takeaway={takeaway}
                        intent="down"
                        label={t("events.takeaways.down")}
                        accessibleLabel={t("events.takeaways.downLabel", { name: nameOf(takeaway, index) })}
                      />
                    ) : null}
                    <CommandButton
                      takeaway={takeaway}
                      intent="archive"
                      label={t("events.takeaways.archive")}
                      accessibleLabel={t("events.takeaways.archiveLabel", { name: nameOf(takeaway, index) })}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {canEdit ? (
        <TakeawayForm
          key={editing?.id ?? "new"}
          editing={editing}
          lastResult={
            actionData && (actionData.id ?? null) === (editing?.id ?? null) ? actionData.result : undefined
          }
          current={actionData?.current}
          basePath={basePath}
        />
      ) : null}
      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="archived-takeaways-heading">
          <h3 id="archived-takeaways-heading" className="text-base font-semibold">
            {t("events.takeaways.archivedHeading")}
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {archived.map((takeaway, index) => (
              <li key={takeaway.id} className="flex flex-wrap items-baseline gap-3">
                <span>{takeaway.theme || takeaway.text.slice(0, 80)}</span>
                <CommandButton
                  takeaway={takeaway}
                  intent="restore"
                  label={t("events.takeaways.restore")}
                  accessibleLabel={t("events.takeaways.restoreLabel", {
                    name: takeaway.theme || t("events.takeaways.numbered", { number: index + 1 }),
                  })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
