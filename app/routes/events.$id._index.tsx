import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { EmptyState } from "~/components/empty-state";
import { MarkdownText } from "~/components/events/markdown-text";
import { eventTabMeta } from "~/components/events/tab-meta";
import { readableEventWith } from "~/lib/event-access.server";
import { getInstance } from "~/middleware/i18next";
import { loadEventPageOverview } from "~/models/event-page-queries.server";
import type { Route } from "./+types/events.$id._index";

// Anyone signed in: what the event was about, who came (and how many), and what came out of it.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  // The permission first, then the tab read in one prepared query (404 when unknown).
  const { event: overview, canEdit } = await readableEventWith(
    context,
    url,
    params.id,
    loadEventPageOverview,
  );
  const { id, description, participants, attendees, unknownCounts, takeaways } = overview;
  return {
    title: getInstance(context).t("events.tabs.overview"),
    event: { id, description },
    participants,
    attendees,
    unknownCounts,
    takeaways,
    canEdit,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => eventTabMeta(loaderData?.title, matches);

export default function EventOverview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { event, participants, attendees, unknownCounts, takeaways, canEdit } = loaderData;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="space-y-8 lg:col-span-2">
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="text-lg font-semibold">
            {t("events.fields.description")}
          </h2>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-800">
            {event.description || t("events.overview.noDescription")}
          </p>
        </section>
        <section aria-labelledby="takeaways-heading">
          <h2 id="takeaways-heading" className="text-lg font-semibold">
            {t("events.overview.takeaways")}
          </h2>
          {takeaways.length === 0 ? (
            <div className="mt-2">
              <EmptyState>
                {t("events.overview.noTakeaways")}
                {canEdit ? (
                  <>
                    {" "}
                    <Link to="takeaways" className="text-brand-700 underline">
                      {t("events.overview.addTakeaways")}
                    </Link>
                  </>
                ) : null}
              </EmptyState>
            </div>
          ) : (
            <ol className="mt-2 space-y-4">
              {takeaways.map((takeaway) => (
                <li key={takeaway.id} className="rounded-lg border border-slate-200 bg-white p-4">
                  {takeaway.theme ? <h3 className="mb-2 font-semibold">{takeaway.theme}</h3> : null}
                  <MarkdownText text={takeaway.text} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading" className="text-lg font-semibold">
          {t("events.overview.participants")}
        </h2>
        {participants.length === 0 ? (
          <div className="mt-2">
            <EmptyState>
              {t("events.overview.noParticipants")}
              {canEdit ? (
                <>
                  {" "}
                  <Link to="participants" className="text-brand-700 underline">
                    {t("events.overview.addParticipants")}
                  </Link>
                </>
              ) : null}
            </EmptyState>
          </div>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              {t("events.overview.summary", { count: participants.length, attendees })}
              {unknownCounts > 0 ? ` ${t("events.overview.unknownCounts", { count: unknownCounts })}` : null}
            </p>
            <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
              {participants.map((p) => (
                <li key={p.organisationId} className="flex justify-between gap-3 px-4 py-2">
                  <Link to={`/organisations/${p.organisationId}`} className="text-brand-700 underline">
                    {p.name}
                  </Link>
                  <span className="whitespace-nowrap text-slate-700">
                    {p.attendeeCount === null
                      ? t("events.participants.unknown")
                      : t("events.participants.attendees", { count: p.attendeeCount })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
