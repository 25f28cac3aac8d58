import en from "./locales/en.json";
import fr from "./locales/fr.json";

export const supportedLanguages = ["en", "fr"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

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
