import { data, redirect } from "react-router";
import { isLanguage } from "~/i18n/config";
import { safeRedirect } from "~/lib/safe-redirect";
import { localeCookie } from "~/middleware/i18next";
import type { Route } from "./+types/language";

// Public: choosing the interface language needs no account.
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  if (!isLanguage(lng)) return data({ error: "errors.unknownLanguage" }, { status: 400 });
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(lng) },
  });
}

export function loader() {
  return redirect("/");
}
