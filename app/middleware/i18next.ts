import { initReactI18next } from "react-i18next";
import { createCookie, type RouterContextProvider } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { createInstance, type i18n as I18n } from "i18next";
import {
  fallbackLanguage,
  i18nextOptions,
  isLanguage,
  supportedLanguages,
  type Language,
} from "~/i18n/config";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

// One i18next instance per request (createInstance inside the middleware): a shared instance
// with changeLanguage would mix languages between concurrent requests.
export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    // The fallback language comes last.
    supportedLanguages: [...supportedLanguages].sort((a) => (a === fallbackLanguage ? 1 : -1)),
    fallbackLanguage,
    cookie: localeCookie,
  },
  i18next: i18nextOptions,
  plugins: [initReactI18next],
});

/**
 * The request's i18next instance. When no route matched (a 404), route middleware has not run:
 * detect the language the same way (cookie, then Accept-Language) so the error page speaks it.
 */
export async function i18nFor(context: RouterContextProvider, request: Request): Promise<I18n> {
  try {
    return getInstance(context);
  } catch {
    const instance = createInstance(i18nextOptions).use(initReactI18next);
    await instance.init({ lng: await detectLanguage(request) });
    return instance;
  }
}

async function detectLanguage(request: Request): Promise<Language> {
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(fromCookie)) return fromCookie;
  const accepted = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim().slice(0, 2).toLowerCase());
  return accepted.find(isLanguage) ?? fallbackLanguage;
}
