import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect } from "react-router";
import { createSession, sessionCookie } from "~/auth/session.server";
import { ErrorList, FormErrors, SubmitButton, TextField } from "~/components/form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { setupInput } from "~/lib/validation/account";
import { getInstance } from "~/middleware/i18next";
import { organisationOptions } from "~/models/organisation-options.server";
import { countUsers, createFirstCoordinator } from "~/models/users.server";
import type { Route } from "./+types/setup";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

// Public, but only while no user exists: it makes the first coordinator. Afterwards, 404.
export async function loader({ context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  if ((await countUsers(db)) > 0) throw notFound();
  return { title: getInstance(context).t("auth.setup.title"), organisations: await organisationOptions(db) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  if ((await countUsers(db)) > 0) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: setupInput });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const result = await createFirstCoordinator(db, submission.value);
  if (!result.ok) throw notFound();
  const session = await createSession(db, result.user.id);
  return redirect("/", {
    headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) },
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function Setup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setupInput }),
    shouldRevalidate: "onInput",
  });
  const organisation = fields.organisationId;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("auth.setup.title")}</h1>
      <p className="mt-2 text-slate-700">{t("auth.setup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField field={fields.name} label={t("auth.fields.name")} autoComplete="name" focusOnLoad />
        <TextField field={fields.email} label={t("auth.fields.email")} type="email" autoComplete="username" />
        <TextField
          field={fields.password}
          label={t("auth.fields.newPassword")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
        />
        <div>
          <label htmlFor={organisation.id} className="block text-sm font-medium text-slate-800">
            {t("auth.fields.organisation")}
          </label>
          <select
            {...getSelectProps(organisation)}
            key={organisation.key}
            className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="">{t("auth.fields.noOrganisation")}</option>
            {loaderData.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym ? `${o.name} (${o.acronym})` : o.name}
              </option>
            ))}
          </select>
          <ErrorList id={organisation.errorId} errors={organisation.errors} />
        </div>
        <SubmitButton pendingLabel={t("auth.setup.pending")}>{t("auth.setup.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
