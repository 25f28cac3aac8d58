import i18next, { type BackendModule, type ResourceKey } from "i18next";
import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { fallbackLanguage, isLanguage, sharedI18nextOptions, type Language } from "./i18n/config";

/**
 * Where a language's translations are: the page's preload link (root.tsx) names its own language's
 * file and carries the map of them all (for the fallback language, or one picked with the switcher).
 */
function localeUrl(language: Language): string {
  const link = document.querySelector<HTMLLinkElement>("link[data-locale-urls]");
  const urls: unknown = JSON.parse(link?.dataset.localeUrls ?? "{}");
  const url = typeof urls === "object" && urls !== null ? (urls as Record<string, unknown>)[language] : null;
  if (typeof url !== "string") throw new Error(`no translations file for ${language}`);
  return url;
}

/**
 * One language's translations, as JSON (parsed faster than the same object as JavaScript). For the
 * page's language, same URL and CORS mode as its preload link, so the preload serves this request.
 */
async function fetchLocale(language: Language): Promise<ResourceKey> {
  const response = await fetch(localeUrl(language));
  if (!response.ok) throw new Error(`translations ${language}: HTTP ${response.status}`);
  return (await response.json()) as ResourceKey;
}

/**
 * The browser loads only the languages it shows: the page's, and the fallback's when it is another
 * one. A language picked later with the switcher is fetched before i18next switches to it
 * (changeLanguage waits for the backend).
 */
const localeFiles: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) {
      callback(null, {});
      return;
    }
    fetchLocale(language).then(
      (translations) => callback(null, translations),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

async function main() {
  // The server already chose the language; it is on <html lang>.
  const lang = document.documentElement.lang;
  await i18next
    .use(localeFiles)
    .use(initReactI18next)
    // initAsync false: start loading the translations now rather than after a timer.
    .init({ ...sharedI18nextOptions, lng: isLanguage(lang) ? lang : fallbackLanguage, initAsync: false });
  // Not in a transition: the first pass hydrates the page's frame in one go instead of in 5 ms slices
  // with frames in between. What a page wraps in a Suspense boundary is hydrated later, at a lower
  // priority, in slices (the network map defers everything around the map that way).
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nextProvider>,
  );
}

main().catch((error: unknown) => console.error(error));
