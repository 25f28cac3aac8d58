import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, redirect } from "react-router";
import { PilotForm, type PilotFormValues } from "~/components/pilots/pilot-form";
import { pilotTabMeta } from "~/components/pilots/tab-meta";
import { ArchiveSection } from "~/components/records/archive-section";
import { writablePilot } from "~/lib/pilot-access.server";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { pilotCommandInput, pilotRefusalErrors, updatePilotInput } from "~/lib/validation/pilots";
import { getInstance } from "~/middleware/i18next";
import { findPilot, pilotPartnershipOptions, setPilotArchived, updatePilot } from "~/models/pilots.server";
import type { Route } from "./+types/pilots.$id.edit";

function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

type StoredPilot = NonNullable<Awaited<ReturnType<typeof findPilot>>>;

/** The pilot's editable values (with its partnership's name). */
function editable(pilot: StoredPilot): PilotFormValues {
  return {
    name: pilot.name,
    description: pilot.description,
    partnershipId: pilot.partnershipId,
    partnershipName: pilot.partnershipName,
    targetGroup: pilot.targetGroup,
    pathways: pilot.pathways,
    status: pilot.status,
    startsOn: pilot.startsOn,
    endsOn: pilot.endsOn,
    capacity: pilot.capacity,
    version: pilot.version,
  };
}

// Coordinators and the municipality's officials edit a pilot's own fields, archive and restore it.
export async function loader({ context, url, params }: Route.LoaderArgs) {
  // An archived pilot's edit page still opens: it is where the pilot is restored.
  const { db, pilot: header } = await writablePilot(context, url, params.id, { allowArchived: true });
  const [pilot, partnerships] = await Promise.all([
    findPilot(db, header.id),
    pilotPartnershipOptions(db, header.municipalityId, header.partnershipId),
  ]);
  if (!pilot) throw notFound();
  return {
    title: getInstance(context).t("pilot.form.editTitle", { name: pilot.name }),
    pilot: { id: pilot.id, archivedAt: pilot.archivedAt, municipalityName: pilot.municipalityName },
    values: editable(pilot),
    partnerships,
  };
}

// Intents: update (the fields, with the version read), archive, restore (with the version read).
export async function action({ request, context, url, params }: Route.ActionArgs) {
  // Archive and restore work on an archived pilot; an update of one is refused by updatePilot.
  const { db, user, pilot } = await writablePilot(context, url, params.id, { allowArchived: true });
  const formData = await request.formData();
  if (formData.get("intent") === "update") {
    const submission = parseWithZod(formData, { schema: updatePilotInput });
    if (submission.status !== "success") {
      return data(
        { intent: "update", result: submission.reply(), current: null, error: null },
        { status: 400 },
      );
    }
    const outcome = await updatePilot(db, user, pilot.id, submission.value);
    if (outcome.ok) return redirect(`/pilots/${pilot.id}`);
    if (outcome.reason === "notFound") throw notFound();
    // Stale: the user's values stay in the form, the values now saved are shown beside them.
    const now = outcome.reason === "stale" ? await findPilot(db, pilot.id) : null;
    const current = now ? editable(now) : null;
    return data(
      {
        intent: "update",
        result: submission.reply(outcome.reason === "stale" ? {} : pilotRefusalErrors(outcome.reason)),
        current,
        error: null,
      },
      { status: outcome.reason === "unknownPartnership" ? 400 : 409 },
    );
  }
  // The update form is Conform's; archive and restore read their fields one by one.
  if (repeatedFields(formData).length > 0) {
    return data({ intent: null, result: null, current: null, error: REPEATED_FIELD }, { status: 400 });
  }
  const command = pilotCommandInput.safeParse({
    intent: formData.get("intent"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  const archive = command.data.intent === "archive";
  // An archived pilot stays readable at its address (with an "Archived" badge) and is restored here.
  const outcome = await setPilotArchived(db, user, pilot.id, command.data.version, archive);
  if (outcome.ok) return redirect(`/pilots/${pilot.id}`);
  if (outcome.reason === "notFound") throw notFound();
  return data(
    {
      intent: command.data.intent,
      result: null,
      current: null,
      error: `pilot.form.errors.${outcome.reason}`,
    },
    { status: 409 },
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pilotTabMeta(loaderData?.title, matches);

export default function EditPilot({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { pilot, values, partnerships } = loaderData;
  const archived = pilot.archivedAt !== null;
  return (
    <div className="space-y-10">
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
          {t("pilot.form.editTitle", { name: values.name })}
        </h2>
        <PilotForm
          mode="update"
          lastResult={actionData?.intent === "update" ? actionData.result : undefined}
          initial={values}
          current={actionData?.current}
          reloadTo={`/pilots/${pilot.id}/edit`}
          partnerships={partnerships}
          municipalityName={pilot.municipalityName}
        />
      </section>
      <ArchiveSection
        archived={archived}
        version={values.version}
        title={archived ? t("pilot.form.restoreTitle") : t("pilot.form.archiveTitle")}
        hint={t("pilot.form.archiveHint")}
        error={actionData?.error}
        archiveLabel={t("pilot.form.archive")}
        restoreLabel={t("pilot.form.restore")}
      />
    </div>
  );
}
