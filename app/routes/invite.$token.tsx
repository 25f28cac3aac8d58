import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import { authAttemptBlocked, tooManyAttempts } from "~/auth/rate-limit.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { isLanguage } from "~/i18n/languages";
import { pageTitle } from "~/lib/meta";
import { acceptInvitationInput } from "~/lib/validation/users";
import { getInstance, localeCookie } from "~/middleware/i18next";
import type { TokenProblem } from "~/models/accounts.server";
import { acceptInvitation, findInvitation } from "~/models/invitations.server";
import type { Route } from "./+types/invite.$token";

/** A refused attempt's Retry-After (and any other header the action set) reaches the browser. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const SECRET_FIELDS = ["password", "confirmPassword"];

/** An unknown link does not exist (404); an expired or used one is gone for good (410). */
function statusOf(problem: TokenProblem): number {
  return problem === "unknown" ? 404 : 410;
}

// Public: the token in the link is the authorisation. Shows the invitation while it can be accepted.
export async function loader({ context, params }: Route.LoaderArgs) {
  const { t } = getInstance(context);
  const lookup = await findInvitation(context.get(dbContext), params.token);
  if (!lookup.ok) {
    return data(
      { title: t("invite.invalid.title"), invitation: null, problem: lookup.reason },
      { status: statusOf(lookup.reason) },
    );
  }
  return { title: t("invite.title"), invitation: lookup.invitation, problem: null };
}

// The invitee sets name and password; the account is created, signed in and sent to the overview.
export async function action({ request, context, params }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const formData = await request.formData();
  const lookup = await findInvitation(db, params.token);
  // Every attempt counts, also with a wrong link: per IP always, per invited email when known.
  const wait = await authAttemptBlocked(context, "invite", lookup.ok ? lookup.invitation.email : undefined);
  const submission = parseWithZod(formData, { schema: acceptInvitationInput });
  if (wait !== null) {
    return tooManyAttempts(
      {
        result: submission.reply({ formErrors: ["auth.tooManyAttempts"], hideFields: SECRET_FIELDS }),
        problem: null,
      },
      wait,
    );
  }
  if (!lookup.ok) return data({ result: null, problem: lookup.reason }, { status: statusOf(lookup.reason) });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: SECRET_FIELDS }), problem: null }, { status: 400 });
  }
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  // A language chosen with the switcher before accepting becomes the preference; else none. Only the
  // current cookie counts: the former `lng` cookie held a guess (decision 0026).
  const locale = isLanguage(chosen) ? chosen : undefined;
  const outcome = await acceptInvitation(db, params.token, { ...submission.value, locale });
  if (!outcome.ok) {
    if (outcome.reason === "emailTaken") {
      return data(
        {
          result: submission.reply({ formErrors: ["invite.emailTaken"], hideFields: SECRET_FIELDS }),
          problem: null,
        },
        { status: 409 },
      );
    }
    return data({ result: null, problem: outcome.reason }, { status: statusOf(outcome.reason) });
  }
  const session = await createSession(db, outcome.user.id);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, session.token, session.expiresAt));
  // The preference, when there is one, also becomes this browser's choice (decision 0026).
  if (outcome.user.locale) headers.append("Set-Cookie", await localeCookie.serialize(outcome.user.locale));
  return redirect("/", { headers });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationInput }),
    shouldRevalidate: "onInput",
  });
  const problem = actionData?.problem ?? loaderData.problem;
  const invitation = loaderData.invitation;
  if (problem || !invitation) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-semibold">{t("invite.invalid.title")}</h1>
        <p className="mt-4 text-slate-700">{t(`invite.invalid.${problem ?? "unknown"}`)}</p>
        <p className="mt-6">
          <Link to="/login" className="text-brand-700 underline">
            {t("invite.invalid.toLogin")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("invite.title")}</h1>
      <p className="mt-2 text-slate-700">{t("invite.intro")}</p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium text-slate-700">{t("invite.email")}</dt>
        <dd>{invitation.email}</dd>
        <dt className="font-medium text-slate-700">{t("invite.role")}</dt>
        <dd>{t(`enums.userRole.${invitation.role}`)}</dd>
        <dt className="font-medium text-slate-700">{t("invite.organisation")}</dt>
        <dd>{invitation.organisationName ?? t("common.none")}</dd>
      </dl>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" value={invitation.email} autoComplete="username" />
        <TextField field={fields.name} label={t("invite.name")} autoComplete="name" focusOnLoad />
        <TextField
          field={fields.password}
          label={t("invite.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
        />
        <TextField
          field={fields.confirmPassword}
          label={t("invite.confirmPassword")}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton pendingLabel={t("invite.pending")}>{t("invite.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
