import { useTranslation } from "~/i18n/use-translation";
import { can, requirePermission } from "~/auth/permissions.server";
import { DocumentsTab } from "~/components/records/documents-tab";
import { dbContext } from "~/db/context";
import { documentsTabAction, documentsTabData, notFound } from "~/lib/owned-record-routes.server";
import { isUuid } from "~/lib/uuid";
import { pageTitle } from "~/lib/meta";
import { getInstance } from "~/middleware/i18next";
import type { Route } from "./+types/partnerships.$id.documents";

function partnershipIdFrom(params: { id: string }): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ context, params, url }: Route.LoaderArgs) {
  const user = requirePermission(context, url, "partnership:read");
  const owner = { partnershipId: partnershipIdFrom(params) };
  const tab = await documentsTabData(context.get(dbContext), owner, can(user, "partnership:write"), url);
  return { title: getInstance(context).t("partnership.documents.title"), ...tab };
}

// The document title: this tab's title and the partnership's name (from the layout's loader).
export const meta: Route.MetaFunction = ({ loaderData, matches }) => {
  const layout = matches.find((match) => match?.id === "routes/partnerships.$id")?.loaderData as
    { partnership?: { name?: string } } | undefined;
  const name = layout?.partnership?.name;
  return pageTitle(loaderData?.title && name ? `${loaderData.title} · ${name}` : loaderData?.title);
};

// Intents: save (add or edit, with the version read), archive and restore (id and version).
export async function action({ request, context, params, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const owner = { partnershipId: partnershipIdFrom(params) };
  return documentsTabAction(context.get(dbContext), actor, owner, request, url);
}

export default function PartnershipDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <DocumentsTab
      data={loaderData}
      answer={actionData}
      title={t("partnership.documents.title")}
      intro={t("partnership.documents.intro")}
    />
  );
}
