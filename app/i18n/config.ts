import en from "./locales/en.json";
import fr from "./locales/fr.json";
import { fallbackLanguage } from "./languages";

export { fallbackLanguage, isLanguage, supportedLanguages, type Language } from "./languages";

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

/**
 * Options every i18next instance shares, on the server and in the browser. The browser does not
 * take `resources`: it fetches its page's language only, as a JSON file (entry.client.tsx), so the
 * client bundle no longer carries every language's translations.
 */
export const sharedI18nextOptions = {
  fallbackLng: fallbackLanguage,
  // React escapes output already.
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as const;

/** The server's options: every language's translations, bundled. */
export const i18nextOptions = { ...sharedI18nextOptions, resources } as const;
