import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { PartnershipForm, type CurrentPartnershipValues } from "~/components/partnerships/partnership-form";
import { ArchiveSection } from "~/components/records/archive-section";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import {
  partnershipCommandInput,
  refusalErrors,
  updatePartnershipInput,
} from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import {
  findPartnershipOverview,
  setPartnershipArchived,
  updatePartnership,
  type Partnership,
} from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships.$id.edit";

function notFound() {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

function editable(p: Partnership): CurrentPartnershipValues {
  return {
    name: p.name,
    description: p.description,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    scopeLevel: p.scopeLevel,
    countryCode: p.countryCode,
    formalisation: p.formalisation,
    governance: p.governance,
    version: p.version,
  };
}

// Coordinators edit a partnership's own fields, archive and restore it.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:write");
  const partnership = await findPartnershipOverview(context.get(dbContext), params.id);
  if (!partnership) throw notFound();
  return {
    title: getInstance(context).t("partnership.form.editTitle", { name: partnership.name }),
    partnership: { ...editable(partnership), id: partnership.id, archivedAt: partnership.archivedAt },
  };
}

// Intents: update (the fields, with the version read), archive, restore (with the version read).
export async function action({ request, context, url, params }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const db = context.get(dbContext);
  const formData = await request.formData();
  if (formData.get("intent") === "update") {
    const submission = parseWithZod(formData, { schema: updatePartnershipInput });
    if (submission.status !== "success") {
      return data(
        { intent: "update", result: submission.reply(), current: null, error: null },
        { status: 400 },
      );
    }
    const outcome = await updatePartnership(db, actor, params.id, submission.value);
    if (outcome.ok) return redirect(`/partnerships/${params.id}`);
    if (outcome.reason === "notFound") throw notFound();
    return data(
      {
        intent: "update",
        result: submission.reply(refusalErrors(outcome.reason)),
        current: outcome.reason === "stale" && outcome.current ? editable(outcome.current) : null,
        error: null,
      },
      { status: 409 },
    );
  }
  // The update form is Conform's; archive and restore read their fields one by one.
  if (repeatedFields(formData).length > 0) {
    return data({ intent: null, result: undefined, current: null, error: REPEATED_FIELD }, { status: 400 });
  }
  const command = partnershipCommandInput.safeParse({
    intent: formData.get("intent"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  const archive = command.data.intent === "archive";
  // An archived partnership stays readable at its address (with an "Archived" badge) and is restored here.
  const outcome = await setPartnershipArchived(db, actor, params.id, command.data.version, archive);
  if (!outcome.ok) {
    if (outcome.reason === "notFound") throw notFound();
    return data(
      {
        intent: command.data.intent,
        result: undefined,
        current: null,
        error: `partnership.form.errors.${outcome.reason}`,
      },
      { status: 409 },
    );
  }
  return redirect(`/partnerships/${params.id}`);
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function EditPartnership({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { partnership } = loaderData;
  const archived = partnership.archivedAt !== null;
  return (
    <div className="space-y-10">
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
          {t("partnership.form.editTitle", { name: partnership.name })}
        </h2>
        <PartnershipForm
          mode="update"
          lastResult={actionData?.intent === "update" ? actionData.result : undefined}
          initial={partnership}
          current={actionData?.current}
          reloadTo={`/partnerships/${partnership.id}/edit`}
        />
      </section>
      <ArchiveSection
        archived={archived}
        version={partnership.version}
        title={t("partnership.form.archiveTitle")}
        hint={t("partnership.form.archiveHint")}
        error={actionData?.error}
        archiveLabel={t("partnership.form.archive")}
        restoreLabel={t("partnership.form.restore")}
      />
    </div>
  );
}
