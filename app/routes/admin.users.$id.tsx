import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { AccessFields } from "~/components/admin/access-fields";
import { DateTime, UserStatusBadge } from "~/components/admin/badges";
import { OneTimeLink } from "~/components/admin/one-time-link";
import { FormErrors, SubmitButton } from "~/components/form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { repeatedFields } from "~/lib/validation/form-data";
import { accessFieldErrors, updateUserInput, userCommandInput, userIdParam } from "~/lib/validation/users";
import { getInstance } from "~/middleware/i18next";
import {
  findUserSummary,
  municipalityOptions,
  setUserDisabled,
  updateUserAccess,
} from "~/models/accounts.server";
import { issuePasswordReset } from "~/models/password-resets.server";
import {
  organisationChoices,
  organisationLabels,
  type OrganisationOption,
} from "~/models/organisation-options.server";
import type { Route } from "./+types/admin.users.$id";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The user's id from the URL: anything but a uuid is a page that does not exist. */
function userIdFrom(params: { id: string }): string {
  const parsed = userIdParam.safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

// Coordinators only (every user is in their scope): one user's access, status and reset link.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, url, "user:admin");
  const db = context.get(dbContext);
  const user = await findUserSummary(db, userIdFrom(params));
  if (!user) throw notFound();
  const [organisations, municipalities] = await Promise.all([
    organisationChoices(db, { known: [user.organisationId] }),
    municipalityOptions(db),
  ]);
  return {
    title: getInstance(context).t("admin.users.edit.title", { name: user.name }),
    user,
    organisations,
    municipalities,
    isSelf: user.id === actor.id,
  };
}

interface Answer {
  intent: "update" | "disable" | "enable" | "reset";
  /** The access form's result (intent update). */
  result: SubmissionResult<string[]> | null;
  /** Why a button's command was refused (an i18n key). */
  error: string | null;
  /** What was done (an i18n key). */
  notice: string | null;
  /** A reset link: shown this once, only its hash is stored. */
  reset: { link: string; expiresAt: Date } | null;
  /** The organisation a refused access form had picked, to name it in the picker. */
  chosen: OrganisationOption[];
}

function answer(body: Partial<Answer> & Pick<Answer, "intent">, status = 200) {
  return data<Answer>(
    { result: null, error: null, notice: null, reset: null, chosen: [], ...body },
    { status },
  );
}

// Intents: update (role, organisation, scope, with the version read), disable, enable, reset.
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "user:admin");
  const db = context.get(dbContext);
  const userId = userIdFrom(params);
  const formData = await request.formData();

  if (formData.get("intent") === "update") {
    const submission = parseWithZod(formData, { schema: updateUserInput });
    // A refused form comes back with its values: the organisation picker needs the picked one's name.
    const picked = formData.get("organisationId");
    const chosen = () => organisationLabels(db, [typeof picked === "string" ? picked : null]);
    if (submission.status !== "success")
      return answer({ intent: "update", result: submission.reply(), chosen: await chosen() }, 400);
    const outcome = await updateUserAccess(db, actor, userId, submission.value);
    if (outcome.ok) {
      return answer({
        intent: "update",
        result: submission.reply({ resetForm: true }),
        notice: "admin.users.edit.saved",
      });
    }
    switch (outcome.reason) {
      case "notFound":
        throw notFound();
      case "stale":
        return answer(
          {
            intent: "update",
            result: submission.reply({ formErrors: ["admin.users.errors.stale"] }),
            chosen: await chosen(),
          },
          409,
        );
      case "lastCoordinator":
        return answer(
          {
            intent: "update",
            result: submission.reply({ formErrors: ["admin.users.errors.lastCoordinatorRole"] }),
            chosen: await chosen(),
          },
          409,
        );
      default:
        return answer(
          {
            intent: "update",
            result: submission.reply({ fieldErrors: accessFieldErrors(outcome.reason) }),
            chosen: await chosen(),
          },
          400,
        );
    }
  }

  // A command is a button: a repeated name is a forged request, refused like any malformed one.
  // (The update form is Conform's: a repeated field there is a field error.)
  const command = userCommandInput.safeParse({ intent: formData.get("intent") });
  if (!command.success || repeatedFields(formData).length > 0)
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  const { intent } = command.data;
  if (intent === "reset") {
    const outcome = await issuePasswordReset(db, actor, userId);
    if (!outcome.ok) {
      if (outcome.reason === "notFound") throw notFound();
      return answer({ intent, error: "admin.users.errors.resetDisabled" }, 409);
    }
    return answer({
      intent,
      reset: { link: `${url.origin}/reset/${outcome.token}`, expiresAt: outcome.reset.expiresAt },
    });
  }
  const outcome = await setUserDisabled(db, actor, userId, intent === "disable");
  if (!outcome.ok) {
    if (outcome.reason === "notFound") throw notFound();
    return answer({ intent, error: "admin.users.errors.lastCoordinatorDisable" }, 409);
  }
  return answer({
    intent,
    notice: intent === "disable" ? "admin.users.edit.disabled" : "admin.users.edit.enabled",
  });
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function AdminUser({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, organisations, municipalities, isSelf } = loaderData;
  const [form, fields] = useForm({
    id: "user-access",
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    defaultValue: {
      version: String(user.version),
      role: user.role,
      organisationId: user.organisationId ?? "",
      municipalityIds: user.municipalities.map((m) => m.id),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserInput }),
    shouldRevalidate: "onInput",
  });
  // The version read with the form: a save after someone else's is refused, not applied over it.
  const versionProps = getInputProps(fields.version, { type: "hidden" });
  const disabled = user.disabledAt !== null;
  const notice = actionData?.notice;
  const stale =
    actionData?.intent === "update" && actionData.result?.error?.[""]?.includes("admin.users.errors.stale");
  return (
    <>
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t("admin.users.edit.back")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        <UserStatusBadge disabled={disabled} />
      </div>
      <p className="mt-1 text-slate-700">{user.email}</p>

      {notice ? (
        <p
          role="status"
          className="mt-4 rounded border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800"
        >
          {t(notice as "admin.users.edit.saved")}
        </p>
      ) : null}

      <section className="mt-8 max-w-xl" aria-labelledby="access-heading">
        <h2 id="access-heading" className="text-lg font-semibold">
          {t("admin.users.edit.access")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <FormErrors errors={form.errors} />
          {stale ? (
            <p className="text-sm">
              <Link to={`/admin/users/${user.id}`} reloadDocument className="text-brand-700 underline">
                {t("admin.users.edit.reload")}
              </Link>
            </p>
          ) : null}
          <input type="hidden" name="intent" value="update" />
          <input {...versionProps} key={versionProps.key} />
          <AccessFields
            role={fields.role}
            organisationId={fields.organisationId}
            municipalityIds={fields.municipalityIds}
            organisations={organisations}
            chosen={actionData?.intent === "update" ? actionData.chosen : undefined}
            municipalities={municipalities}
          />
          <SubmitButton pendingLabel={t("admin.users.edit.pending")}>
            {t("admin.users.edit.submit")}
          </SubmitButton>
        </Form>
      </section>

      <section className="mt-8 max-w-xl" aria-labelledby="status-heading">
        <h2 id="status-heading" className="text-lg font-semibold">
          {t("admin.users.edit.statusTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {disabled ? t("admin.users.edit.disabledSince") : t("admin.users.edit.disableHint")}{" "}
          {user.disabledAt ? <DateTime value={user.disabledAt} /> : null}
        </p>
        {isSelf && !disabled ? (
          <p className="mt-1 text-sm text-slate-700">{t("admin.users.edit.selfHint")}</p>
        ) : null}
        {actionData?.error && (actionData.intent === "disable" || actionData.intent === "enable") ? (
          <div className="mt-3">
            <FormErrors errors={[actionData.error]} />
          </div>
        ) : null}
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value={disabled ? "enable" : "disable"} />
          <button
            type="submit"
            className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
          >
            {disabled ? t("admin.users.edit.enable") : t("admin.users.edit.disable")}
          </button>
        </Form>
      </section>

      <section className="mt-8 max-w-xl" aria-labelledby="reset-heading">
        <h2 id="reset-heading" className="text-lg font-semibold">
          {t("admin.users.edit.resetTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("admin.users.edit.resetHint")}</p>
        {actionData?.error && actionData.intent === "reset" ? (
          <div className="mt-3">
            <FormErrors errors={[actionData.error]} />
          </div>
        ) : null}
        {actionData?.reset ? (
          <div className="mt-3">
            <OneTimeLink
              key={actionData.reset.link}
              title={t("admin.users.edit.resetCreated")}
              description={t("admin.users.edit.resetCopyOnce")}
              link={actionData.reset.link}
            />
            <p className="mt-2 text-sm text-slate-700">
              {t("admin.users.invite.validUntil")} <DateTime value={actionData.reset.expiresAt} />
            </p>
          </div>
        ) : null}
        {disabled ? null : (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="reset" />
            <button
              type="submit"
              className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
            >
              {t("admin.users.edit.resetSubmit")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
