import { useTranslation } from "~/i18n/use-translation";
import { FundingTab } from "~/components/funding/funding-tab";
import { pilotTabMeta } from "~/components/pilots/tab-meta";
import { fundingTabAction, fundingTabData } from "~/lib/owned-record-routes.server";
import { readablePilot, writablePilot } from "~/lib/pilot-access.server";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/pilots.$id.funding";

// The pilot's funding lines: the same form, rules and model as a partnership's, owned by the pilot.
export async function loader({ context, params, url }: Route.LoaderArgs) {
  const { db, pilot, canEdit } = await readablePilot(context, url, params.id);
  const tab = await fundingTabData(db, { pilotId: pilot.id }, canEdit, url);
  return { title: getInstance(context).t("pilot.funding.title"), ...tab };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pilotTabMeta(loaderData?.title, matches);

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const { db, user, pilot } = await writablePilot(context, url, params.id);
  return fundingTabAction(db, user, { pilotId: pilot.id }, request, url);
}

export default function PilotFunding({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <FundingTab
      data={loaderData}
      answer={actionData}
      title={t("pilot.funding.title")}
      intro={t("pilot.funding.intro")}
    />
  );
}
