import { useEffect } from "react";
import { useTranslation } from "~/i18n/use-translation";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import stylesheet from "./app.css?url";
import { AppShell } from "./components/app-shell";
import { fallbackLanguage, isLanguage } from "./i18n/languages";
import { earlyTranslationsScript } from "./i18n/early-translations";
import { localeUrls } from "./i18n/locale-urls";
import { currentUser } from "./auth/permissions.server";
import { useNonce } from "./components/nonce";
import { authMiddleware } from "./middleware/auth.server";
import { databaseUnavailableMiddleware } from "./middleware/database-unavailable.server";
import { getLocale, i18nextMiddleware } from "./middleware/i18next";

// Auth first: the language follows the signed-in user's preference (decision 0026). Outermost, the
// clear 503 page for a request that failed while the database is not answering.
export const middleware: Route.MiddlewareFunction[] = [
  databaseUnavailableMiddleware,
  authMiddleware,
  i18nextMiddleware,
];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The language cookie is not echoed here: it holds a choice made with the switcher, never a
// language guessed from the browser (else "follow my browser" would stick to the first guess).
export function loader({ context }: Route.LoaderArgs) {
  const locale = getLocale(context);
  const user = currentUser(context);
  return { locale, user: user ? { name: user.name, role: user.role } : null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const lang = rootData?.locale ?? i18n.language;
  const nonce = useNonce();
  const translationsUrl = localeUrls[isLanguage(lang) ? lang : fallbackLanguage];
  // Marks the document once the first render has hydrated (effects run after the commit that
  // hydrated everything outside a Suspense boundary): the browser tests wait for it before they type.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={lang} dir={i18n.dir(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The translations entry.client.tsx needs before hydrating, requested at once. */}
        <link
          rel="preload"
          as="fetch"
          crossOrigin="anonymous"
          data-locale-urls={JSON.stringify(localeUrls)}
          href={translationsUrl}
        />
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: earlyTranslationsScript(translationsUrl) }}
        />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== loaderData.locale) void i18n.changeLanguage(loaderData.locale);
  }, [loaderData.locale, i18n]);
  return (
    <AppShell locale={loaderData.locale} user={loaderData.user}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t, i18n } = useTranslation();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const unavailable = isRouteErrorResponse(error) && error.status === 503;
  // A change to an archived pilot (lib/pilot-access.server.ts).
  const pilotArchived = isRouteErrorResponse(error) && error.status === 409 && error.data === "pilotArchived";
  // A change to an archived event (lib/event-access.server.ts).
  const eventArchived = isRouteErrorResponse(error) && error.status === 409 && error.data === "eventArchived";
  const title = forbidden
    ? t("errors.forbiddenTitle")
    : notFound
      ? t("errors.notFoundTitle")
      : unavailable
        ? t("errors.unavailableTitle")
        : pilotArchived
          ? t("errors.pilotArchivedTitle")
          : eventArchived
            ? t("errors.eventArchivedTitle")
            : t("errors.title");
  const message = forbidden
    ? t("errors.forbidden")
    : notFound
      ? t("errors.notFound")
      : unavailable
        ? t("errors.unavailable")
        : pilotArchived
          ? t("errors.pilotArchived")
          : eventArchived
            ? t("errors.eventArchived")
            : t("errors.unexpected");
  return (
    <AppShell
      locale={isLanguage(i18n.language) ? i18n.language : fallbackLanguage}
      user={rootData?.user ?? null}
    >
      {/* No route meta runs for an unmatched URL: without this the error page has no <title>. */}
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-4 text-slate-700">{message}</p>
      <p className="mt-6">
        <a className="text-brand-700 underline" href="/">
          {t("errors.backHome")}
        </a>
      </p>
      {import.meta.env.DEV && error instanceof Error ? (
        <pre className="mt-6 overflow-auto rounded bg-slate-100 p-4 text-xs">{error.stack}</pre>
      ) : null}
    </AppShell>
  );
}
