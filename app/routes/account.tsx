import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect } from "react-router";
import { can, requireUser } from "~/auth/permissions.server";
import { authAttemptBlocked, tooManyAttempts } from "~/auth/rate-limit.server";
import { ActionFeedAddresses } from "~/components/actions/action-calendar";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { CalendarSection, type CalendarAnswer } from "~/components/pilots/milestones-calendar";
import { dbContext } from "~/db/context";
import { supportedLanguages } from "~/i18n/languages";
import { pageTitle } from "~/lib/meta";
import {
  accountLanguageInput,
  accountNameInput,
  accountPasswordInput,
  FOLLOW_BROWSER,
} from "~/lib/validation/users";
import { clearedLocaleCookie, getInstance, localeCookie } from "~/middleware/i18next";
import { findUserSummary } from "~/models/accounts.server";
import { changeOwnPassword, updateOwnName } from "~/models/own-account.server";
import { setLocalePreference } from "~/models/preferences.server";
import { hasCalendarToken, removeCalendarToken, resetCalendarToken } from "~/models/calendar.server";
import type { Route } from "./+types/account";

/** A refused attempt's Retry-After (and any other header the action set) reaches the browser. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const SECRET_FIELDS = ["currentPassword", "password", "confirmPassword"];

// Any signed-in user: their own name, password and language.
export async function loader({ context, url }: Route.LoaderArgs) {
  const user = requireUser(context, url);
  const summary = await findUserSummary(context.get(dbContext), user.id);
  // The calendar section (decision 0017): whether a token exists; the token itself never again.
  const calendar = {
    hasToken: await hasCalendarToken(context.get(dbContext), user.id),
    origin: url.origin,
    municipalities: summary?.municipalities ?? [],
  };
  // The follow-up action feeds (decision 0020): the user's own organisation's is ready-made.
  const actionFeeds = can(user, "action:read")
    ? {
        organisation:
          user.organisationId && summary?.organisationName
            ? { id: user.organisationId, name: summary.organisationName }
            : null,
      }
    : null;
  return {
    title: getInstance(context).t("account.title"),
    account: {
      name: user.name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      organisationName: summary?.organisationName ?? null,
      municipalities: summary?.municipalities.map((m) => m.name) ?? [],
    },
    calendar,
    actionFeeds,
  };
}

interface Answer {
  intent: "name" | "password" | "language";
  result: SubmissionResult<string[]>;
  /** What was done (an i18n key). */
  notice: "account.name.saved" | "account.password.saved" | null;
}

function answer(body: Answer, status = 200) {
  return data<Answer>(body, { status });
}

// Intents: name, password (the current one is required; other sessions end), language.
export async function action({ request, context, url }: Route.ActionArgs) {
  const user = requireUser(context, url);
  const db = context.get(dbContext);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "name") {
    const submission = parseWithZod(formData, { schema: accountNameInput });
    if (submission.status !== "success")
      return answer({ intent, result: submission.reply(), notice: null }, 400);
    await updateOwnName(db, user, submission.value.name);
    return answer({ intent, result: submission.reply({ resetForm: true }), notice: "account.name.saved" });
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: accountPasswordInput });
    if (submission.status !== "success") {
      return answer({ intent, result: submission.reply({ hideFields: SECRET_FIELDS }), notice: null }, 400);
    }
    // A stolen session must not be a way to guess the current password at leisure.
    const wait = await authAttemptBlocked(context, "password", user.email);
    if (wait !== null) {
      return tooManyAttempts<Answer>(
        {
          intent,
          result: submission.reply({ formErrors: ["auth.tooManyAttempts"], hideFields: SECRET_FIELDS }),
          notice: null,
        },
        wait,
      );
    }
    const outcome = await changeOwnPassword(db, user, submission.value);
    if (!outcome.ok) {
      return answer(
        {
          intent,
          result: submission.reply({
            fieldErrors: { currentPassword: ["account.password.wrong"] },
            hideFields: SECRET_FIELDS,
          }),
          notice: null,
        },
        400,
      );
    }
    return answer({
      intent,
      result: submission.reply({ resetForm: true }),
      notice: "account.password.saved",
    });
  }

  if (intent === "language") {
    const submission = parseWithZod(formData, { schema: accountLanguageInput });
    if (submission.status !== "success")
      return answer({ intent, result: submission.reply(), notice: null }, 400);
    const { locale } = await setLocalePreference(db, user, submission.value.locale);
    // A new request, so the whole page speaks the chosen language. "Follow my browser" also drops
    // this browser's cookie, else an earlier choice kept there would still win (decision 0026).
    return redirect("/account", {
      headers: {
        "Set-Cookie": locale ? await localeCookie.serialize(locale) : await clearedLocaleCookie(),
      },
    });
  }

  // The calendar token: created or reset (shown in this one answer), or turned off.
  if (intent === "calendar-reset") {
    const token = await resetCalendarToken(db, user, user.id);
    return data<CalendarAnswer>({ intent: "calendar", notice: "calendar.account.created", token });
  }
  if (intent === "calendar-remove") {
    await removeCalendarToken(db, user, user.id);
    return data<CalendarAnswer>({ intent: "calendar", notice: "calendar.account.removed", token: null });
  }

  throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { account } = loaderData;
  const [nameForm, nameFields] = useForm({
    id: "account-name",
    lastResult: actionData?.intent === "name" ? actionData.result : undefined,
    defaultValue: { name: account.name },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountNameInput }),
    shouldRevalidate: "onInput",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "account-password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountPasswordInput }),
    shouldRevalidate: "onInput",
  });
  const [languageForm, languageFields] = useForm({
    id: "account-language",
    lastResult: actionData?.intent === "language" ? actionData.result : undefined,
    defaultValue: { locale: account.locale ?? FOLLOW_BROWSER },
  });
  const notice = actionData?.intent === "calendar" ? null : actionData?.notice;
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium text-slate-700">{t("account.email")}</dt>
        <dd>{account.email}</dd>
        <dt className="font-medium text-slate-700">{t("account.role")}</dt>
        <dd>{t(`enums.userRole.${account.role}`)}</dd>
        <dt className="font-medium text-slate-700">{t("account.organisation")}</dt>
        <dd>{account.organisationName ?? t("common.none")}</dd>
        {account.role === "municipal_official" ? (
          <>
            <dt className="font-medium text-slate-700">{t("account.municipalities")}</dt>
            <dd>{account.municipalities.join(", ") || t("common.none")}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-2 text-sm text-slate-700">{t("account.accessHint")}</p>

      {notice ? (
        <p
          role="status"
          className="mt-4 rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800"
        >
          {t(notice)}
        </p>
      ) : null}

      <section className="mt-8" aria-labelledby="name-heading">
        <h2 id="name-heading" className="text-lg font-semibold">
          {t("account.name.title")}
        </h2>
        <Form method="post" {...getFormProps(nameForm)} className="mt-3 space-y-4">
          <FormErrors errors={nameForm.errors} />
          <input type="hidden" name="intent" value="name" />
          <TextField field={nameFields.name} label={t("account.name.label")} autoComplete="name" />
          <SubmitButton pendingLabel={t("account.saving")}>{t("account.name.submit")}</SubmitButton>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("account.password.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("account.password.intro")}</p>
        <Form method="post" {...getFormProps(passwordForm)} className="mt-3 space-y-4">
          <FormErrors errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <input type="hidden" name="username" value={account.email} autoComplete="username" />
          <TextField
            field={passwordFields.currentPassword}
            label={t("account.password.current")}
            type="password"
            autoComplete="current-password"
          />
          <TextField
            field={passwordFields.password}
            label={t("account.password.new")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
          />
          <TextField
            field={passwordFields.confirmPassword}
            label={t("account.password.confirm")}
            type="password"
            autoComplete="new-password"
          />
          <SubmitButton pendingLabel={t("account.saving")}>{t("account.password.submit")}</SubmitButton>
        </Form>
      </section>

      <section className="mt-8" aria-labelledby="language-heading">
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("account.language.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("account.language.intro")}</p>
        <Form method="post" {...getFormProps(languageForm)} className="mt-3 space-y-4">
          <FormErrors errors={languageForm.errors} />
          <input type="hidden" name="intent" value="language" />
          <div>
            <label htmlFor={languageFields.locale.id} className="block text-sm font-medium text-slate-800">
              {t("account.language.label")}
            </label>
            <select
              {...getSelectProps(languageFields.locale)}
              key={languageFields.locale.key}
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm"
            >
              <option value={FOLLOW_BROWSER}>{t("account.language.followBrowser")}</option>
              {supportedLanguages.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {t(`language.${lng}`)}
                </option>
              ))}
            </select>
            <ErrorList id={languageFields.locale.errorId} errors={languageFields.locale.errors} />
          </div>
          <SubmitButton pendingLabel={t("account.saving")}>{t("account.language.submit")}</SubmitButton>
        </Form>
      </section>

      <CalendarSection
        data={loaderData.calendar}
        answer={actionData?.intent === "calendar" ? actionData : null}
      />
      {loaderData.actionFeeds ? (
        <ActionFeedAddresses
          origin={loaderData.calendar.origin}
          organisation={loaderData.actionFeeds.organisation}
          token={actionData?.intent === "calendar" ? actionData.token : null}
        />
      ) : null}
    </div>
  );
}
