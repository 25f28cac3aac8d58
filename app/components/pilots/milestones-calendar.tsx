// The calendar section of /account: whether the user has a calendar address, a button to create
// or reset it (and one to turn it off), and, right after a reset only, the feed addresses with the
// secret token (it is never shown again: the database keeps only its hash).
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import { SubmitButton } from "~/components/form";

export interface CalendarSectionData {
  hasToken: boolean;
  origin: string;
  /** The municipalities in the user's scope (municipal officials), for ready-made addresses. */
  municipalities: readonly { id: string; name: string }[];
}

export interface CalendarAnswer {
  intent: "calendar";
  notice: "calendar.account.created" | "calendar.account.removed" | null;
  /** The new token: in this one answer only. */
  token: string | null;
}

export const PILOT_PLACEHOLDER = "PILOT_ID";
export const MUNICIPALITY_PLACEHOLDER = "MUNICIPALITY_ID";

/** The feed address of a pilot or a municipality for this token. */
export function calendarFeedUrl(
  origin: string,
  kind: "pilots" | "municipalities",
  id: string,
  token: string,
): string {
  return `${origin}/export/${kind}/${id}/milestones.ics?token=${encodeURIComponent(token)}`;
}

/** A feed address to copy: a read-only field that selects itself on focus. */
export function FeedAddress({ label, url }: { label: string; url: string }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">{label}</p>
      <input
        readOnly
        value={url}
        aria-label={label}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full rounded border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
      />
    </div>
  );
}

export function CalendarSection({
  data,
  answer,
}: {
  data: CalendarSectionData;
  answer: CalendarAnswer | null;
}) {
  const { t } = useTranslation();
  const token = answer?.token ?? null;
  const hasToken = token !== null || (data.hasToken && answer?.notice !== "calendar.account.removed");
  return (
    <section className="mt-8" aria-labelledby="calendar-heading" data-testid="calendar-section">
      <h2 id="calendar-heading" className="text-lg font-semibold">
        {t("calendar.account.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("calendar.account.intro")}</p>
      <p className="mt-2 text-sm text-slate-800" data-testid="calendar-status">
        {hasToken ? t("calendar.account.exists") : t("calendar.account.none")}
      </p>
      {answer?.notice === "calendar.account.removed" ? (
        <p
          role="status"
          className="mt-2 rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800"
        >
          {t("calendar.account.removed")}
        </p>
      ) : null}
      {token ? (
        <div
          role="status"
          className="mt-3 space-y-3 rounded border border-amber-300 bg-amber-50 p-3"
          data-testid="calendar-urls"
        >
          <p className="text-sm font-semibold text-amber-950">{t("calendar.account.created")}</p>
          {data.municipalities.map((m) => (
            <FeedAddress
              key={m.id}
              label={t("calendar.account.municipalityFeed", { name: m.name })}
              url={calendarFeedUrl(data.origin, "municipalities", m.id, token)}
            />
          ))}
          <FeedAddress
            label={t("calendar.account.pilotTemplate", { placeholder: PILOT_PLACEHOLDER })}
            url={calendarFeedUrl(data.origin, "pilots", PILOT_PLACEHOLDER, token)}
          />
          <FeedAddress
            label={t("calendar.account.municipalityTemplate", { placeholder: MUNICIPALITY_PLACEHOLDER })}
            url={calendarFeedUrl(data.origin, "municipalities", MUNICIPALITY_PLACEHOLDER, token)}
          />
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <Form method="post">
          <input type="hidden" name="intent" value="calendar-reset" />
          <SubmitButton pendingLabel={t("account.saving")}>
            {hasToken ? t("calendar.account.reset") : t("calendar.account.create")}
          </SubmitButton>
        </Form>
        {hasToken ? (
          <Form method="post">
            <input type="hidden" name="intent" value="calendar-remove" />
            <button
              type="submit"
              className="text-sm font-medium text-brand-700 underline hover:text-brand-800"
            >
              {t("calendar.account.remove")}
            </button>
          </Form>
        ) : null}
      </div>
      {hasToken ? <p className="mt-2 text-xs text-slate-600">{t("calendar.account.resetHint")}</p> : null}
    </section>
  );
}

export const TOKEN_PLACEHOLDER = "YOUR_TOKEN";

/** On a pilot's or a municipality's page: the feed's address, with the token left for the user. */
export function CalendarFeedHint({
  origin,
  kind,
  id,
}: {
  origin: string;
  kind: "pilots" | "municipalities";
  id: string;
}) {
  const { t } = useTranslation();
  return (
    <details className="text-sm text-slate-700" data-testid="calendar-hint">
      <summary className="cursor-pointer font-medium text-brand-700">{t("calendar.hint.summary")}</summary>
      <p className="mt-1">{t("calendar.hint.text", { placeholder: TOKEN_PLACEHOLDER })}</p>
      <code className="mt-1 block overflow-x-auto rounded bg-slate-100 px-2 py-1 text-xs">
        {calendarFeedUrl(origin, kind, id, TOKEN_PLACEHOLDER)}
      </code>
      <p className="mt-1">
        <Link to="/account#calendar-heading" className="text-brand-700 underline">
          {t("calendar.hint.account")}
        </Link>
      </p>
    </details>
  );
}
