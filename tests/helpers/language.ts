// Running the i18n middleware on a request, as the server does, to see which language it picks.
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import type { Locale } from "~/lib/enums";
import { getInstance, getLocale, i18nextMiddleware } from "~/middleware/i18next";

export type MiddlewareArgs = Parameters<MiddlewareFunction<Response>>[0];

export interface LanguageHeaders {
  cookie?: string;
  acceptLanguage?: string;
}

/** A GET with these Cookie and Accept-Language headers. */
export function languageRequest(headers: LanguageHeaders, path = "/"): Request {
  const h = new Headers();
  if (headers.cookie) h.set("Cookie", headers.cookie);
  if (headers.acceptLanguage) h.set("Accept-Language", headers.acceptLanguage);
  return new Request(`http://localhost${path}`, { headers: h });
}

/** The language the i18n middleware picks for this request and this (signed-in) preference. */
export async function detectedLanguage(
  preference: Locale | null | "anonymous",
  headers: LanguageHeaders,
): Promise<{ locale: string; instance: string }> {
  const context = new RouterContextProvider();
  if (preference !== "anonymous") {
    const user: AuthUser = {
      id: "00000000-0000-4000-8000-000000000000",
      email: "someone@example.org",
      name: "Someone",
      role: "viewer",
      organisationId: null,
      locale: preference,
      municipalityIds: [],
      sessionId: "s",
    };
    context.set(userContext, user);
  }
  let seen = { locale: "", instance: "" };
  const args = { request: languageRequest(headers), context, params: {} } as unknown as MiddlewareArgs;
  await i18nextMiddleware(args, async () => {
    seen = { locale: getLocale(context), instance: getInstance(context).language };
    return new Response(null);
  });
  return seen;
}
