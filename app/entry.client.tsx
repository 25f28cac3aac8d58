import type { i18n as I18n } from "i18next";
import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { BrowserI18n } from "./i18n/browser-i18n";
import { takeEarlyTranslations } from "./i18n/early-translations";
import { fallbackLanguage, isLanguage, type Language } from "./i18n/languages";
import type { TranslationTree } from "./i18n/translate";

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
async function fetchLocale(language: string): Promise<TranslationTree> {
  if (!isLanguage(language)) return {};
  const url = localeUrl(language);
  // The page's language: the document's head already asked for it (early-translations.ts).
  const early = await takeEarlyTranslations(url);
  if (early) return early;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`translations ${language}: HTTP ${response.status}`);
  return (await response.json()) as TranslationTree;
}

async function main() {
  // The server already chose the language; it is on <html lang>. The browser loads only the
  // languages it shows: the page's, and the fallback's when it is another one; a language picked
  // later with the switcher is fetched before the switch (changeLanguage waits for it).
  const lang = document.documentElement.lang;
  const i18n = await new BrowserI18n({
    lng: isLanguage(lang) ? lang : fallbackLanguage,
    fallbackLng: fallbackLanguage,
    load: fetchLocale,
  }).init();
  // Not in a transition: the first pass hydrates the page's frame in one go instead of in 5 ms slices
  // with frames in between. What a page wraps in a Suspense boundary is hydrated later, at a lower
  // priority, in slices (the network map defers everything around the map that way).
  hydrateRoot(
    document,
    // The provider only hands its value to useTranslation (app/i18n/use-translation.ts), which uses
    // the part of i18next's instance BrowserI18n has (decision 0033).
    <I18nextProvider i18n={i18n as unknown as I18n}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nextProvider>,
  );
}

main().catch((error: unknown) => console.error(error));
