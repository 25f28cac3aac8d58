import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { BriefView } from "~/components/brief/brief-view";
import { PrintButton } from "~/components/brief/print-button";
import { eventTabMeta } from "~/components/events/tab-meta";
import { briefAudienceOf } from "~/lib/brief/audience";
import { notFound, readableEvent } from "~/lib/event-access.server";
import { todayIso } from "~/lib/objectives";
import { getInstance } from "~/middleware/i18next";
import { eventBrief } from "~/models/brief.server";
import type { Route } from "./+types/events.$id.brief";

// Anyone signed in (event:read), archived events too (history). Risk details only where the reader
// may see them (decision 0009): the model leaves them out of the data otherwise. ?for=participants:
// the version to send, with every partnership's risks as aggregates whoever prepares it.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  const { db, user, event } = await readableEvent(context, url, params.id);
  const audience = briefAudienceOf(url.searchParams, "reader");
  const brief = await eventBrief(db, event.id, audience === "participants" ? null : user, todayIso());
  if (!brief) throw notFound();
  const detailed = brief.risks.filter((group) => group.access === "full").length;
  return {
    title: getInstance(context).t("events.tabs.brief"),
    brief,
    audience,
    // The sender sees confidential risk details: remind them who may read what they send.
    confidentialShown: detailed,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => eventTabMeta(loaderData?.title, matches);

export default function EventBrief({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { brief, confidentialShown, audience } = loaderData;
  const base = `/events/${brief.event.id}/brief`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4 print:hidden">
        <PrintButton label={t("brief.print")} />
        <span className="text-sm font-medium text-slate-700">{t("brief.downloads")}:</span>
        <a href={`${base}.md`} download className="text-sm font-medium text-brand-700 underline">
          {t("brief.downloadMarkdown")}
        </a>
        <a href={`${base}.pdf`} download className="text-sm font-medium text-brand-700 underline">
          {t("brief.downloadPdf")}
        </a>
        {confidentialShown > 0 ? (
          <>
            <span className="text-sm font-medium text-slate-700">{t("brief.audience.downloadsMine")}:</span>
            <a
              href={`${base}.md?for=reader`}
              download
              className="text-sm font-medium text-brand-700 underline"
            >
              {t("brief.downloadMarkdown")}
            </a>
            <a
              href={`${base}.pdf?for=reader`}
              download
              className="text-sm font-medium text-brand-700 underline"
            >
              {t("brief.downloadPdf")}
            </a>
          </>
        ) : null}
      </div>
      {confidentialShown > 0 ? (
        <p
          role="note"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 print:hidden"
        >
          {t("brief.confidentialWarning", { count: confidentialShown })}{" "}
          <Link to={`${base}?for=participants`} className="font-medium underline">
            {t("brief.audience.toParticipants")}
          </Link>
        </p>
      ) : null}
      {audience === "participants" ? (
        <p role="note" className="rounded border border-slate-300 bg-slate-50 p-3 text-sm print:hidden">
          {t("brief.audience.participantsNote")}{" "}
          <Link to={base} className="font-medium text-brand-700 underline">
            {t("brief.audience.toMine")}
          </Link>
        </p>
      ) : null}
      <BriefView brief={brief} />
    </div>
  );
}
