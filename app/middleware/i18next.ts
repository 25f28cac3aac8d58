import { initReactI18next } from "react-i18next";
import {
  createContext,
  createCookie,
  type MiddlewareFunction,
  type RouterContextProvider,
} from "react-router";
import { createInstance, type i18n as I18n } from "i18next";
import { userContext } from "~/auth/context";
import { pickAcceptedLanguage } from "~/lib/accept-language";
import {
  fallbackLanguage,
  i18nextOptions,
  isLanguage,
  supportedLanguages,
  type Language,
} from "~/i18n/config";

/**
 * The language chosen with the switcher (anonymously, or mirroring a signed-in user's choice). Not
 * named `lng`: that former cookie was written by the root loader on every page with the language
 * guessed from the browser, so it holds a guess, not a choice (decision 0026).
 */
export const localeCookie = createCookie("trellis-lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The former language cookie: never read, cleared when a browser still sends it. */
const legacyLocaleCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true });

function sendsLegacyLocaleCookie(request: Request): boolean {
  const header = request.headers.get("Cookie") ?? "";
  return header.split(";").some((pair) => pair.trim().startsWith(`${legacyLocaleCookie.name}=`));
}

/** A Set-Cookie header that removes the language cookie ("follow my browser"). */
export function clearedLocaleCookie(): Promise<string> {
  return localeCookie.serialize("", { maxAge: 0 });
}

/**
 * The request's language (decision 0026): the signed-in user's preference, then the cookie, then
 * Accept-Language (by weight), then the fallback. `preference` null means the user has none.
 */
export async function detectLanguage(request: Request, preference: string | null): Promise<Language> {
  if (isLanguage(preference)) return preference;
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(chosen)) return chosen;
  return pickAcceptedLanguage(request.headers.get("Accept-Language"), supportedLanguages) ?? fallbackLanguage;
}

const localeContext = createContext<Language>();
const i18nextContext = createContext<I18n>();

/**
 * One i18next instance per language, made on first use and shared by every request in that
 * language. Never changeLanguage on one (that would mix languages between concurrent requests):
 * nothing on the server does, and the resources are bundled, so an instance never changes after
 * init. Making one per request cost about a tenth of a simple page's server time (createInstance,
 * init and react-i18next's wrapper), the load test's profile showed.
 */
const instances = new Map<Language, Promise<I18n>>();

function instanceFor(lng: Language): Promise<I18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance(i18nextOptions).use(initReactI18next);
    instance = created.init({ lng }).then(() => created);
    instances.set(lng, instance);
    // A failed init is not cached (the next request tries again).
    instance.catch(() => instances.delete(lng));
  }
  return instance;
}

/** Runs after the auth middleware (root.tsx), so the signed-in user's preference is known. */
export const i18nextMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const lng = await detectLanguage(request, context.get(userContext)?.locale ?? null);
  context.set(localeContext, lng);
  context.set(i18nextContext, await instanceFor(lng));
  const response = await next();
  if (sendsLegacyLocaleCookie(request)) {
    response.headers.append("Set-Cookie", await legacyLocaleCookie.serialize("", { maxAge: 0 }));
  }
  return response;
};

/** The request's language, as the middleware detected it. */
export function getLocale(context: Readonly<RouterContextProvider>): Language {
  return context.get(localeContext);
}

/** The request's i18next instance. */
export function getInstance(context: Readonly<RouterContextProvider>): I18n {
  return context.get(i18nextContext);
}

/**
 * The request's i18next instance, for rendering the document. When the i18n middleware has not run
 * (the auth middleware refused first with a 503, or the request never reached the root middleware),
 * detect the language without a user (cookie, then Accept-Language) so the error page speaks it.
 */
export async function i18nFor(context: RouterContextProvider, request: Request): Promise<I18n> {
  try {
    return getInstance(context);
  } catch {
    return instanceFor(await detectLanguage(request, null));
  }
}
