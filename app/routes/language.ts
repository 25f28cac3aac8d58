import { data, redirect } from "react-router";
import { currentUser } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { isLanguage } from "~/i18n/languages";
import { safeRedirect } from "~/lib/safe-redirect";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";
import { localeCookie } from "~/middleware/i18next";
import { setLocalePreference } from "~/models/preferences.server";
import type { Route } from "./+types/language";

// Public: choosing the interface language needs no account. A signed-in user's choice becomes their
// preference (stored, audited), which follows them to other browsers; the cookie serves this browser
// (and keeps the language after signing out). Decision 0026.
export async function action({ request, context }: Route.ActionArgs) {
  const user = currentUser(context);
  const form = await request.formData();
  if (repeatedFields(form).length > 0) return data({ error: REPEATED_FIELD }, { status: 400 });
  const lng = form.get("lng");
  if (!isLanguage(lng)) return data({ error: "errors.unknownLanguage" }, { status: 400 });
  if (user) await setLocalePreference(context.get(dbContext), user, lng);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(lng) },
  });
}

export function loader() {
  return redirect("/");
}
