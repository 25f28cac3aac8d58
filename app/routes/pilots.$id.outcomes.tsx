// The pilot's Outcomes tab: reporting periods entered as a grid, stacked charts per period and for
// all periods, and the durable / semi-durable / no-solution shares. Exact counts only for those who
// may edit (coordinators, officials of the municipality); everyone else gets suppressed values
// from the loader (app/lib/suppression.ts), so exact small counts never reach their browser.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { FormErrors } from "~/components/form";
import { OutcomesChart, type ChartRow } from "~/components/pilots/outcomes-chart";
import { OutcomesGrid, type GridPeriod } from "~/components/pilots/outcomes-grid";
import { OutcomesLegend } from "~/components/pilots/outcomes-legend";
import { OutcomesTable, type TableColumn } from "~/components/pilots/outcomes-table";
import { StaleNotice } from "~/components/records/fields";
import { addDays } from "~/lib/alerts";
import { outcomePathways, type OutcomePathway } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { readablePilot, writablePilot } from "~/lib/pilot-access.server";
import { seesExactOutcomes, showCumulative, showPeriod, type ShownOutcomes } from "~/lib/suppression";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { periodCommandInput, periodInput } from "~/lib/validation/outcomes";
import { getInstance } from "~/middleware/i18next";
import { loadPeriods, savePeriod, setPeriodArchived, type StoredPeriod } from "~/models/outcomes.server";
import type { Route } from "./+types/pilots.$id.outcomes";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

interface PeriodView {
  id: string;
  version: number;
  periodStart: string;
  periodEnd: string;
  shown: ShownOutcomes;
}

/** The pilot's pathways, plus any pathway with counts; every pathway when the pilot names none or `all`. */
function pathwaysToShow(offered: readonly OutcomePathway[], periods: readonly StoredPeriod[], all: boolean) {
  if (all || offered.length === 0) return [...outcomePathways];
  const used = new Set<OutcomePathway>(offered);
  for (const period of periods) {
    for (const p of outcomePathways) if ((period.outcomes[p] ?? 0) > 0) used.add(p);
  }
  return outcomePathways.filter((p) => used.has(p));
}

/** The same address with `all=1` switched (the period being edited stays open). */
function toggleAll(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  if (params.get("all") === "1") params.delete("all");
  else params.set("all", "1");
  const search = params.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  // canEdit: in scope and the pilot not archived (lib/pilot-access.server.ts).
  const { user, db, pilot, canEdit } = await readablePilot(context, url, params.id);
  const exact = seesExactOutcomes(user, pilot.municipalityId, "editing");
  const [periodsByPilot, archivedByPilot] = await Promise.all([
    loadPeriods(db, [pilot.id]),
    canEdit ? loadPeriods(db, [pilot.id], { archived: true }) : Promise.resolve(null),
  ]);
  const periods = periodsByPilot.get(pilot.id) ?? [];
  const archived = archivedByPilot?.get(pilot.id) ?? [];
  const view = (p: StoredPeriod): PeriodView => ({
    id: p.id,
    version: p.version,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    shown: showPeriod(p, exact),
  });
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (periods.find((p) => p.id === editId) ?? null) : null;
  const latest = periods.at(-1);
  return {
    title: getInstance(context).t("outcomes.title"),
    exact,
    canEdit,
    pilotArchived: pilot.archivedAt !== null,
    periods: periods.map(view),
    archived: archived.map(view),
    cumulative: showCumulative(periods, exact),
    pathways: pathwaysToShow(pilot.pathways, periods, url.searchParams.get("all") === "1"),
    showsAll: url.searchParams.get("all") === "1",
    toggleAllHref: toggleAll(url),
    // Exact counts of the period being edited: only for those who may edit (and so see them).
    editing: editing satisfies GridPeriod | null,
    newStart: latest ? addDays(latest.periodEnd, 1) : null,
    basePath: url.pathname,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => {
  const layout = matches.find((match) => match?.id === "routes/pilots.$id")?.loaderData as
    { pilot?: { name?: string } } | undefined;
  const name = layout?.pilot?.name;
  return pageTitle(loaderData?.title && name ? `${loaderData.title} · ${name}` : loaderData?.title);
};

interface Answer {
  periodId: string | null;
  result: SubmissionResult<string[]> | null;
  /** The period as it is now, when the save was refused because someone else changed it. */
  current: StoredPeriod | null;
  /** Why an archive or a restore was refused (an i18n key). */
  commandError: string | null;
}

function answer(body: Partial<Answer>, status: number) {
  return data<Answer>(
    { periodId: null, result: null, current: null, commandError: null, ...body },
    { status },
  );
}

const refusalMessages = {
  overlap: "outcomes.validation.overlap",
  duplicateStart: "outcomes.validation.duplicateStart",
  pilotArchived: "outcomes.validation.pilotArchived",
} as const;

// Intents: save (add or edit a period with its grid, with the version read), archive and restore.
export async function action({ request, context, params, url }: Route.ActionArgs) {
  // Officials only for the municipalities of their scope (a forged request elsewhere: 403), and
  // never for an archived pilot (409).
  const { user: actor, db, pilot } = await writablePilot(context, url, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: periodInput });
    const rawId = formData.get("id");
    const periodId = typeof rawId === "string" && rawId ? rawId : null;
    if (submission.status !== "success") return answer({ periodId, result: submission.reply() }, 400);
    const outcome = await savePeriod(db, actor, pilot.id, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    if (outcome.reason === "stale") {
      return answer({ periodId, result: submission.reply(), current: outcome.current }, 409);
    }
    if (outcome.reason === "notFound") throw notFound();
    const message = refusalMessages[outcome.reason];
    const reply =
      outcome.reason === "pilotArchived"
        ? submission.reply({ formErrors: [message] })
        : submission.reply({ fieldErrors: { periodStart: [message] } });
    return answer({ periodId, result: reply }, 400);
  }

  // The save form is Conform's (a repeated field is a field error); a command reads its fields one by one.
  if (repeatedFields(formData).length > 0) return answer({ commandError: REPEATED_FIELD }, 400);
  const command = periodCommandInput.safeParse({
    intent,
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const outcome = await setPeriodArchived(db, actor, pilot.id, command.data);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") return answer({ periodId: command.data.id, current: outcome.current }, 409);
  if (outcome.reason === "overlap") {
    return answer({ periodId: command.data.id, commandError: refusalMessages.overlap }, 400);
  }
  throw notFound();
}

export default function PilotOutcomes({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { periods, cumulative, exact, canEdit, editing, basePath } = loaderData;
  const label = (p: { periodStart: string; periodEnd: string }) =>
    t("outcomes.period", {
      start: formatDate(p.periodStart, i18n.language),
      end: formatDate(p.periodEnd, i18n.language),
    });
  const rows: ChartRow[] = [
    ...periods.map((p) => ({ key: p.id, label: label(p), shown: p.shown })),
    ...(periods.length > 1
      ? [{ key: "all", label: t("outcomes.cumulative"), shown: cumulative, cumulative: true }]
      : []),
  ];
  const columns = (list: readonly PeriodView[]): TableColumn[] =>
    list.map((p) => ({
      key: p.id,
      label: label(p),
      shown: p.shown,
      period: { id: p.id, version: p.version },
    }));
  const answered = actionData ?? null;
  const editingAnswer = answered && editing && answered.periodId === editing.id ? answered : null;
  const newAnswer = answered && answered.periodId === null ? answered : null;
  const current = answered?.current ?? null;
  return (
    <div className="space-y-6">
      <header>
        <h2 className="text-xl font-semibold">{t("outcomes.title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("outcomes.intro")}</p>
        <p className="mt-2 text-sm text-slate-700" data-testid="outcomes-suppression-note">
          {exact ? t("outcomes.exactNote") : t("outcomes.suppressedNote")}
        </p>
        {loaderData.pilotArchived ? (
          <p className="mt-2 text-sm text-slate-700">{t("outcomes.readOnlyArchived")}</p>
        ) : null}
      </header>

      {current ? (
        <StaleNotice
          message={t("outcomes.stale.message")}
          currentValuesLabel={t("outcomes.stale.current")}
          values={[
            [t("outcomes.fields.periodStart"), formatDate(current.periodStart, i18n.language)],
            [t("outcomes.fields.periodEnd"), formatDate(current.periodEnd, i18n.language)],
            [t("outcomes.fields.newParticipants"), String(current.newParticipants)],
            [t("outcomes.fields.participantsAtEnd"), String(current.participantsAtEnd)],
            ...outcomePathways
              .filter((p) => (current.outcomes[p] ?? 0) > 0)
              .map((p) => [t(`enums.outcomePathway.${p}`), String(current.outcomes[p] ?? 0)] as const),
          ]}
          reloadHref={`${basePath}?edit=${current.id}`}
          reloadLabel={t("outcomes.stale.reload")}
        />
      ) : null}
      <FormErrors errors={answered?.commandError ? [answered.commandError] : undefined} />

      {canEdit && editing ? (
        <OutcomesGrid
          key={`edit-${editing.id}-${editing.version}`}
          period={editing}
          newStart={null}
          pathways={loaderData.pathways}
          lastResult={editingAnswer?.result ?? undefined}
          cancelHref={basePath}
          title={t("outcomes.form.editTitle", { period: label(editing) })}
        />
      ) : null}

      {periods.length === 0 ? (
        <EmptyState>{t("outcomes.empty")}</EmptyState>
      ) : (
        <>
          <OutcomesChart rows={rows} />
          <OutcomesTable
            columns={[
              ...columns(periods),
              ...(periods.length > 1
                ? [{ key: "all", label: t("outcomes.cumulative"), shown: cumulative }]
                : []),
            ]}
            pathways={loaderData.pathways}
            canEdit={canEdit}
            basePath={basePath}
          />
        </>
      )}
      {loaderData.pathways.length < outcomePathways.length || loaderData.showsAll ? (
        <p className="text-sm">
          <Link to={loaderData.toggleAllHref} className="text-brand-700 underline">
            {loaderData.showsAll ? t("outcomes.showOffered") : t("outcomes.showAll")}
          </Link>
        </p>
      ) : null}

      {canEdit && !editing ? (
        <OutcomesGrid
          key={`new-${periods.length}`}
          period={null}
          newStart={loaderData.newStart}
          pathways={loaderData.pathways}
          lastResult={newAnswer?.result ?? undefined}
          cancelHref={null}
          title={t("outcomes.form.addTitle")}
        />
      ) : null}

      <OutcomesLegend />

      {canEdit && loaderData.archived.length > 0 ? (
        <section aria-labelledby="outcomes-archived-title" className="space-y-2">
          <h2 id="outcomes-archived-title" className="text-base font-semibold">
            {t("outcomes.archivedTitle")}
          </h2>
          <OutcomesTable
            columns={columns(loaderData.archived)}
            pathways={loaderData.pathways}
            canEdit={canEdit}
            basePath={basePath}
            archived
          />
        </section>
      ) : null}
    </div>
  );
}
