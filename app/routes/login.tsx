import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect, useSearchParams } from "react-router";
import { currentUser } from "~/auth/permissions.server";
import { authAttemptBlocked, tooManyAttempts } from "~/auth/rate-limit.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { safeRedirect } from "~/lib/safe-redirect";
import { loginInput } from "~/lib/validation/account";
import { getInstance, localeCookie } from "~/middleware/i18next";
import { authenticate, countUsers } from "~/models/users.server";
import type { Route } from "./+types/login";

/** A refused attempt's Retry-After (and any other header the action set) reaches the browser. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

// Public. A signed-in user is sent on; before the first account exists, to /setup.
export async function loader({ context, url }: Route.LoaderArgs) {
  if (currentUser(context)) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  if ((await countUsers(context.get(dbContext))) === 0) throw redirect("/setup");
  return { title: getInstance(context).t("auth.login.title") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginInput });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const wait = await authAttemptBlocked(context, "login", email);
  if (wait !== null) {
    return tooManyAttempts(
      { result: submission.reply({ formErrors: ["auth.tooManyAttempts"], hideFields: ["password"] }) },
      wait,
    );
  }
  const user = await authenticate(db, email, password);
  if (!user) {
    // One message for an unknown email and a wrong password.
    return data(
      { result: submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  const session = await createSession(db, user.id);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, session.token, session.expiresAt));
  // The preference, when there is one, also becomes this browser's choice (decision 0026).
  if (user.locale) headers.append("Set-Cookie", await localeCookie.serialize(user.locale));
  return redirect(safeRedirect(redirectTo), { headers });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Login({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginInput }),
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("auth.login.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField
          field={fields.email}
          label={t("auth.fields.email")}
          type="email"
          autoComplete="username"
          focusOnLoad
        />
        <TextField
          field={fields.password}
          label={t("auth.fields.password")}
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton pendingLabel={t("auth.login.pending")}>{t("auth.login.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-slate-700">{t("auth.login.forgotten")}</p>
    </div>
  );
}
