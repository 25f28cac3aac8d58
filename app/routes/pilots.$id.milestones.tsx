import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect, useLocation } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { FormErrors } from "~/components/form";
import { PilotAlerts } from "~/components/pilots/milestones-alerts";
import { CalendarFeedHint } from "~/components/pilots/milestones-calendar";
import { MarkDoneForm, MilestoneForm, MilestoneStaleNotice } from "~/components/pilots/milestones-form";
import { MilestoneList, type ListedMilestone } from "~/components/pilots/milestones-list";
import { MilestoneTimeline } from "~/components/pilots/milestones-timeline";
import { pilotTabMeta } from "~/components/pilots/tab-meta";
import { todayIso } from "~/lib/objectives";
import { readablePilot, writablePilot } from "~/lib/pilot-access.server";
import {
  markDoneInput,
  milestoneCommandInput,
  milestoneInput,
  moveInput,
  reorderInput,
} from "~/lib/validation/milestones";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { getInstance } from "~/middleware/i18next";
import { loadPilotAlerts } from "~/models/alerts.server";
import { listFundingLines } from "~/models/funding.server";
import {
  listMilestones,
  markMilestoneDone,
  moveMilestone,
  reorderMilestones,
  saveMilestone,
  setMilestoneArchived,
} from "~/models/milestones.server";
import type { Route } from "./+types/pilots.$id.milestones";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

function listed(m: ListedMilestone): ListedMilestone {
  const { id, title, description, notes, dueOn, doneOn, status, version } = m;
  return { id, title, description, notes, dueOn, doneOn, status, version };
}

// The pilot's milestones (list + timeline), its funding periods under the timeline, and its alerts.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const { db, pilot, canEdit } = await readablePilot(context, url, params.id);
  const today = todayIso();
  const owner = { pilotId: pilot.id };
  const [milestones, archived, funding, alerts] = await Promise.all([
    listMilestones(db, pilot.id),
    canEdit ? listMilestones(db, pilot.id, { archived: true }) : Promise.resolve([]),
    listFundingLines(db, owner),
    loadPilotAlerts(db, pilot.id, today),
  ]);
  const { t } = getInstance(context);
  const selectedId = url.searchParams.get("milestone");
  const selected = milestones.find((m) => m.id === selectedId) ?? null;
  return {
    title: t("milestones.title"),
    pilot: { id: pilot.id, startsOn: pilot.startsOn, endsOn: pilot.endsOn },
    milestones: milestones.map(listed),
    archived: archived.map(listed),
    funding: funding.map((line) => ({
      id: line.id,
      label: [t(`enums.fundingSource.${line.source}`), line.reference].filter(Boolean).join(" · "),
      startsOn: line.startsOn,
      endsOn: line.endsOn,
    })),
    alerts,
    canEdit,
    selected: selected ? listed(selected) : null,
    today,
    basePath: url.pathname,
    origin: url.origin,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pilotTabMeta(loaderData?.title, matches);

interface Answer {
  form: "save" | "done" | null;
  milestoneId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The milestone as it is now, when the change was refused because someone else changed it. */
  current: ListedMilestone | null;
  /** Why a command (move, reorder, archive, restore) was refused, when it can be said (an i18n key). */
  commandError: string | null;
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>(
    { form: null, milestoneId: null, result: null, current: null, commandError: null, ...body },
    { status },
  );
}

function badRequest() {
  return data(null, { status: 400, statusText: "Bad Request" });
}

// Intents: save (add or edit, with the version read), done (id, version, day), move (id, up or
// down), reorder (every id in the new order), archive and restore (id and version). Scope first: 403 outside it, 404 for an unknown pilot.
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const { db, user, pilot } = await writablePilot(context, url, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const today = todayIso();
  const back = url.pathname;
  const id = typeof formData.get("id") === "string" ? String(formData.get("id")) || null : null;
  // One value a name, but for the order of a reorder. The forms (save, done) are Conform's, which
  // shows a repeated field next to it; the commands read their fields one by one.
  if (repeatedFields(formData, ["order"]).length > 0 && intent !== "save" && intent !== "done") {
    return answer({ commandError: REPEATED_FIELD }, 400);
  }

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: milestoneInput(today) });
    if (submission.status !== "success")
      return answer({ form: "save", milestoneId: id, result: submission.reply() }, 400);
    const outcome = await saveMilestone(db, user, pilot.id, submission.value);
    if (outcome.ok) return redirect(back);
    if (outcome.reason === "stale") {
      return answer(
        { form: "save", milestoneId: id, result: submission.reply(), current: listed(outcome.current) },
        409,
      );
    }
    throw notFound();
  }

  if (intent === "done") {
    const submission = parseWithZod(formData, { schema: markDoneInput(today) });
    if (submission.status !== "success")
      return answer({ form: "done", milestoneId: id, result: submission.reply() }, 400);
    const outcome = await markMilestoneDone(db, user, pilot.id, submission.value);
    if (outcome.ok) return redirect(back);
    if (outcome.reason === "stale") {
      return answer({ form: "done", milestoneId: id, current: listed(outcome.current) }, 409);
    }
    // Already done (its date stays) or cancelled.
    if (outcome.reason === "notOpen") {
      const result = submission.reply({ formErrors: ["milestones.validation.notOpen"] });
      return answer({ form: "done", milestoneId: id, result }, 409);
    }
    throw notFound();
  }

  if (intent === "move") {
    const command = moveInput.safeParse(Object.fromEntries(formData));
    if (!command.success) throw badRequest();
    const outcome = await moveMilestone(db, user, pilot.id, command.data);
    if (outcome.ok) return redirect(back);
    throw notFound();
  }

  if (intent === "reorder") {
    const command = reorderInput.safeParse({ intent, order: formData.getAll("order") });
    if (!command.success) throw badRequest();
    const outcome = await reorderMilestones(db, user, pilot.id, command.data.order);
    if (outcome.ok) return redirect(back);
    // Someone added or archived a milestone meanwhile: the list sent is not the pilot's any more.
    if (outcome.reason === "mismatch") throw data(null, { status: 409, statusText: "Conflict" });
    throw notFound();
  }

  const command = milestoneCommandInput.safeParse({ intent, id, version: Number(formData.get("version")) });
  if (!command.success) throw badRequest();
  const outcome = await setMilestoneArchived(db, user, pilot.id, command.data);
  if (outcome.ok) return redirect(back);
  if (outcome.reason === "stale") return answer({ milestoneId: id, current: listed(outcome.current) }, 409);
  throw notFound();
}

export default function PilotMilestones({ loaderData, actionData }: Route.ComponentProps) {
  // A new key after each navigation: a saved form starts empty again; a refused one keeps its values.
  const location = useLocation();
  const { t } = useTranslation();
  const { pilot, milestones, archived, funding, alerts, canEdit, selected, today, basePath, origin } =
    loaderData;
  const editing = canEdit ? selected : null;
  const current = actionData?.current ?? null;
  const resultFor = (form: Answer["form"]) =>
    actionData?.result && actionData.form === form && actionData.milestoneId === (editing?.id ?? null)
      ? actionData.result
      : undefined;
  return (
    <div className="space-y-8">
      <section aria-labelledby="alerts-heading" className="space-y-2">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          {t("alerts.title")}
        </h2>
        <PilotAlerts alerts={alerts} />
      </section>

      <section aria-labelledby="timeline-heading" className="space-y-2">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          {t("milestones.timeline.title")}
        </h2>
        <MilestoneTimeline
          milestones={milestones}
          funding={funding}
          pilotStartsOn={pilot.startsOn}
          pilotEndsOn={pilot.endsOn}
          today={today}
          selectedId={selected?.id ?? null}
          // Editors land on the form (edit, mark done), readers on the row in the list.
          hrefFor={(id) => `${basePath}?milestone=${id}#${canEdit ? "milestone-form" : `milestone-${id}`}`}
        />
      </section>

      <section aria-labelledby="milestones-heading" className="space-y-4">
        <div>
          <h2 id="milestones-heading" className="text-lg font-semibold">
            {t("milestones.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("milestones.intro")}</p>
        </div>
        <CalendarFeedHint origin={origin} kind="pilots" id={pilot.id} />
        <FormErrors errors={actionData?.commandError ? [actionData.commandError] : undefined} />
        {milestones.length === 0 ? (
          <EmptyState>
            <p>{t("milestones.empty")}</p>
          </EmptyState>
        ) : (
          <MilestoneList
            milestones={milestones}
            funding={funding}
            today={today}
            canEdit={canEdit}
            selectedId={selected?.id ?? null}
            basePath={basePath}
          />
        )}
      </section>

      {canEdit ? (
        <section id="milestone-form" aria-labelledby="milestone-form-heading" className="max-w-3xl space-y-4">
          <h2 id="milestone-form-heading" className="text-lg font-semibold">
            {editing
              ? t("milestones.form.editTitle", { title: editing.title })
              : t("milestones.form.addTitle")}
          </h2>
          {current ? <MilestoneStaleNotice current={current} basePath={basePath} /> : null}
          {/* "Mark done" refused (done or cancelled meanwhile): its form is not shown any more. */}
          {actionData?.form === "done" && !current ? (
            <FormErrors errors={actionData.result?.error?.[""] ?? undefined} />
          ) : null}
          {editing && editing.status !== "done" && editing.status !== "cancelled" ? (
            <MarkDoneForm
              key={`done-${editing.id}-${editing.version}`}
              milestone={editing}
              lastResult={resultFor("done")}
              today={today}
            />
          ) : null}
          <MilestoneForm
            key={editing ? `${editing.id}-${editing.version}` : `new-${location.key}`}
            milestone={editing}
            lastResult={resultFor("save")}
            today={today}
            cancelHref={basePath}
          />
        </section>
      ) : null}

      {canEdit && archived.length > 0 ? (
        <section aria-labelledby="milestones-archived-heading" className="space-y-2">
          <h2 id="milestones-archived-heading" className="text-lg font-semibold">
            {t("milestones.archivedTitle")}
          </h2>
          <MilestoneList
            milestones={archived}
            funding={[]}
            today={today}
            canEdit
            selectedId={null}
            basePath={basePath}
            archived
          />
        </section>
      ) : null}
    </div>
  );
}
