// The follow-up action calendar feeds on pages: the address with the token left for the user (on an
// event's Follow-up actions tab and an organisation's page), and on /account, right after the token
// was created or reset, the ready addresses (the user's organisation's, and templates). As for the
// milestone feeds (decision 0017), the token is never in a page after the answer that created it.
import { FeedAddress } from "~/components/pilots/milestones-calendar";
import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import { TOKEN_PLACEHOLDER } from "~/components/pilots/milestones-calendar";

export type ActionFeedPath = "events" | "organisations";

export const EVENT_PLACEHOLDER = "EVENT_ID";
export const ORGANISATION_PLACEHOLDER = "ORGANISATION_ID";

/** The action feed's address of an event or an organisation for this token. */
export function actionFeedUrl(origin: string, kind: ActionFeedPath, id: string, token: string): string {
  return `${origin}/export/${kind}/${id}/actions.ics?token=${encodeURIComponent(token)}`;
}

/** On an event's or an organisation's page: the feed's address, with the token left for the user. */
export function ActionFeedHint({ origin, kind, id }: { origin: string; kind: ActionFeedPath; id: string }) {
  const { t } = useTranslation();
  return (
    <details className="text-sm text-slate-700" data-testid="action-calendar-hint">
      <summary className="cursor-pointer font-medium text-brand-700">
        {t("linkedActions.hint.summary")}
      </summary>
      <p className="mt-1">{t("calendar.hint.text", { placeholder: TOKEN_PLACEHOLDER })}</p>
      <code className="mt-1 block overflow-x-auto rounded bg-slate-100 px-2 py-1 text-xs">
        {actionFeedUrl(origin, kind, id, TOKEN_PLACEHOLDER)}
      </code>
      <p className="mt-1">
        <Link to="/account#calendar-heading" className="text-brand-700 underline">
          {t("calendar.hint.account")}
        </Link>
      </p>
    </details>
  );
}

/** On /account: the action feeds, said always; their addresses only in the answer with the new token. */
export function ActionFeedAddresses({
  origin,
  organisation,
  token,
}: {
  origin: string;
  /** The user's own organisation, for a ready-made address. */
  organisation: { id: string; name: string } | null;
  token: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="mt-6" aria-labelledby="action-calendar-heading" data-testid="action-calendar">
      <h3 id="action-calendar-heading" className="text-base font-semibold">
        {t("linkedActions.account.title")}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t("linkedActions.account.intro")}</p>
      {token ? (
        <div className="mt-3 space-y-3 rounded border border-amber-300 bg-amber-50 p-3">
          {organisation ? (
            <FeedAddress
              label={t("linkedActions.account.organisationFeed", { name: organisation.name })}
              url={actionFeedUrl(origin, "organisations", organisation.id, token)}
            />
          ) : null}
          <FeedAddress
            label={t("linkedActions.account.eventTemplate", { placeholder: EVENT_PLACEHOLDER })}
            url={actionFeedUrl(origin, "events", EVENT_PLACEHOLDER, token)}
          />
          <FeedAddress
            label={t("linkedActions.account.organisationTemplate", { placeholder: ORGANISATION_PLACEHOLDER })}
            url={actionFeedUrl(origin, "organisations", ORGANISATION_PLACEHOLDER, token)}
          />
        </div>
      ) : null}
    </section>
  );
}
