import { useTranslation } from "~/i18n/use-translation";
import { Form, NavLink, useLocation, useNavigation } from "react-router";
import type { Language } from "~/i18n/languages";
import { supportedLanguages } from "~/i18n/languages";
import type { UserRole } from "~/lib/enums";
import { useKeepFocusAfterSubmit } from "./keep-focus";

export interface ShellUser {
  name: string;
  role: UserRole;
}

/** The sections that exist, and who sees them. Each later feature adds its own entry here. */
const sections: { to: string; key: string; end: boolean; roles?: readonly UserRole[] }[] = [
  { to: "/", key: "nav.home", end: true },
  { to: "/organisations", key: "nav.organisations", end: false },
  { to: "/partnerships", key: "nav.partnerships", end: false },
  { to: "/municipalities", key: "nav.municipalities", end: false },
  { to: "/events", key: "nav.events", end: false },
  { to: "/actions", key: "nav.actions", end: false },
  { to: "/network", key: "nav.network", end: false },
  { to: "/import", key: "import.nav", end: false, roles: ["coordinator"] },
  { to: "/admin/users", key: "nav.users", end: false, roles: ["coordinator"] },
  { to: "/admin/audit", key: "nav.audit", end: false, roles: ["coordinator"] },
];

/** Roles with export:run (app/auth/permissions.server.ts): the all-data workbook link. */
export const EXPORTERS: readonly UserRole[] = ["coordinator", "organiser", "municipal_official"];

export function AppShell({
  locale,
  user,
  children,
}: {
  locale: Language;
  user: ShellUser | null;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  useKeepFocusAfterSubmit();
  const visible = user ? sections.filter((s) => !s.roles || s.roles.includes(user.role)) : [];
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("nav.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <NavLink to="/" className="text-lg font-semibold tracking-tight text-brand-800">
            {t("app.name")}
          </NavLink>
          <nav aria-label={t("nav.label")} className="flex-1">
            <ul className="flex flex-wrap gap-1">
              {visible.map((section) => (
                <li key={section.to}>
                  <NavLink
                    to={section.to}
                    end={section.end}
                    className={({ isActive }) =>
                      `rounded px-3 py-2 text-sm font-medium ${
                        isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"
                      }`
                    }
                  >
                    {t(section.key as "nav.home")}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Form
            method="post"
            action="/language"
            className="flex items-center gap-1"
            aria-label={t("language.label")}
          >
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            {supportedLanguages.map((lng) => (
              <button
                key={lng}
                type="submit"
                name="lng"
                value={lng}
                lang={lng}
                aria-pressed={lng === locale}
                className={`rounded px-2 py-1 text-xs font-semibold uppercase ${
                  lng === locale ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"
                }`}
                title={t(`language.${lng}`)}
              >
                {t(`language.code.${lng}`)}
              </button>
            ))}
          </Form>
          {user ? (
            <div className="flex items-center gap-2 text-sm">
              <NavLink to="/account" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
                {user.name}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
                  {t("auth.logout")}
                </button>
              </Form>
            </div>
          ) : null}
        </div>
        <div
          role="progressbar"
          aria-hidden={!busy}
          aria-label={t("app.loading")}
          className={`h-0.5 bg-brand-600 transition-opacity ${busy ? "animate-pulse opacity-100" : "opacity-0"}`}
        />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {children}
      </main>
      {user && EXPORTERS.includes(user.role) ? (
        <footer className="mx-auto max-w-6xl px-4 pb-6 text-sm print:hidden">
          {/* A document, not a page: a plain link that downloads. */}
          <a href="/export/trellis.xlsx" download className="text-brand-700 underline">
            {t("exports.workbook")}
          </a>
        </footer>
      ) : null}
    </>
  );
}
