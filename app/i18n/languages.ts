// The languages Trellis speaks. Apart from config.ts (which imports every language's translations
// for the server) so that the browser's code can ask which languages there are without it.
export const supportedLanguages = ["en", "fr"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}
