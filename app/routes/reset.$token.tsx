import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import { authAttemptBlocked, tooManyAttempts } from "~/auth/rate-limit.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { resetPasswordInput } from "~/lib/validation/users";
import { getInstance, localeCookie } from "~/middleware/i18next";
import type { TokenProblem } from "~/models/accounts.server";
import { findPasswordReset, resetPassword } from "~/models/password-resets.server";
import type { Route } from "./+types/reset.$token";

/** A refused attempt's Retry-After (and any other header the action set) reaches the browser. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const SECRET_FIELDS = ["password", "confirmPassword"];

/** An unknown link does not exist (404); an expired or used one is gone for good (410). */
function statusOf(problem: TokenProblem): number {
  return problem === "unknown" ? 404 : 410;
}

// Public: the token in the link (issued by a coordinator, valid 24 hours, one use) is the authorisation.
export async function loader({ context, params }: Route.LoaderArgs) {
  const { t } = getInstance(context);
  const lookup = await findPasswordReset(context.get(dbContext), params.token);
  if (!lookup.ok) {
    return data(
      { title: t("reset.invalid.title"), reset: null, problem: lookup.reason },
      { status: statusOf(lookup.reason) },
    );
  }
  return { title: t("reset.title"), reset: lookup.reset, problem: null };
}

// A new password ends every session of the user; this browser is then signed in with a fresh one
// (docs/decisions/0008-invitation-and-reset-links.md): whoever holds the link could sign in with the new
// password anyway.
export async function action({ request, context, params }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const formData = await request.formData();
  const lookup = await findPasswordReset(db, params.token);
  const wait = await authAttemptBlocked(context, "reset", lookup.ok ? lookup.reset.email : undefined);
  const submission = parseWithZod(formData, { schema: resetPasswordInput });
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
  const outcome = await resetPassword(db, params.token, submission.value.password);
  if (!outcome.ok)
    return data({ result: null, problem: outcome.reason }, { status: statusOf(outcome.reason) });
  const session = await createSession(db, outcome.user.id);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, session.token, session.expiresAt));
  // The preference, when there is one, also becomes this browser's choice (decision 0026).
  if (outcome.user.locale) headers.append("Set-Cookie", await localeCookie.serialize(outcome.user.locale));
  return redirect("/", { headers });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordInput }),
    shouldRevalidate: "onInput",
  });
  const problem = actionData?.problem ?? loaderData.problem;
  const reset = loaderData.reset;
  if (problem || !reset) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-semibold">{t("reset.invalid.title")}</h1>
        <p className="mt-4 text-slate-700">{t(`reset.invalid.${problem ?? "unknown"}`)}</p>
        <p className="mt-6">
          <Link to="/login" className="text-brand-700 underline">
            {t("reset.invalid.toLogin")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("reset.title")}</h1>
      <p className="mt-2 text-slate-700">{t("reset.intro", { name: reset.name, email: reset.email })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="username" value={reset.email} autoComplete="username" />
        <TextField
          field={fields.password}
          label={t("reset.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          focusOnLoad
        />
        <TextField
          field={fields.confirmPassword}
          label={t("reset.confirmPassword")}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton pendingLabel={t("reset.pending")}>{t("reset.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
