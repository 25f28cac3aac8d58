import { redirect } from "react-router";
import { currentUser } from "~/auth/permissions.server";
import { clearedSessionCookie, invalidateSession } from "~/auth/session.server";
import { dbContext } from "~/db/context";
import type { Route } from "./+types/logout";

// POST only: a link or an image cannot sign anyone out.
export async function action({ request, context }: Route.ActionArgs) {
  const user = currentUser(context);
  if (user) await invalidateSession(context.get(dbContext), user.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
}

export function loader() {
  return redirect("/");
}
