import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect } from "react-router";
import { requirePermission } from "~/auth/permissions.server";
import { PartnershipForm } from "~/components/partnerships/partnership-form";
import { dbContext } from "~/db/context";
import { pageTitle } from "~/lib/meta";
import { createPartnershipInput, refusalErrors } from "~/lib/validation/partnerships";
import { getInstance } from "~/middleware/i18next";
import { createPartnership } from "~/models/partnerships.server";
import type { Route } from "./+types/partnerships.new";

export function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "partnership:write");
  return { title: getInstance(context).t("partnership.form.newTitle") };
}

export async function action({ request, context, url }: Route.ActionArgs) {
  const actor = requirePermission(context, url, "partnership:write");
  const submission = parseWithZod(await request.formData(), { schema: createPartnershipInput });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createPartnership(context.get(dbContext), actor, submission.value);
  if (!outcome.ok) return data({ result: submission.reply(refusalErrors(outcome.reason)) }, { status: 409 });
  return redirect(`/partnerships/${outcome.partnership.id}`);
}

export const meta: Route.MetaFunction = ({ loaderData }) => pageTitle(loaderData?.title);

export default function NewPartnership({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="text-sm">
        <Link to="/partnerships" className="text-brand-700 underline">
          {t("partnership.backToList")}
        </Link>
      </p>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">{t("partnership.form.newTitle")}</h1>
      <PartnershipForm mode="create" lastResult={actionData?.result} initial={null} />
    </>
  );
}
