// The app's useTranslation: the `t` of the I18nextProvider's instance for its current language, the
// same object for every component (one per instance and language), re-rendering when the language
// changes. react-i18next's own hook builds, in every component that calls it, a copy of the i18next
// instance's property descriptors and a fixed `t`: on the server, where nothing is kept between
// renders, that was one copy per badge and row (about 5% of a list page's server time in the load
// test's profile). ESLint refuses react-i18next's hook in app code (eslint.config.js).
import type { i18n as I18n } from "i18next";
import { useCallback, useContext, useSyncExternalStore } from "react";
import { I18nContext, type UseTranslationResponse } from "react-i18next";

export type Translation = UseTranslationResponse<"translation", undefined>;

const byInstance = new WeakMap<I18n, Map<string, Translation>>();

/** One Translation per instance and language (the instance never changes its resources). */
export function translationOf(i18n: I18n, lng: string): Translation {
  let perLanguage = byInstance.get(i18n);
  if (!perLanguage) {
    perLanguage = new Map();
    byInstance.set(i18n, perLanguage);
  }
  let found = perLanguage.get(lng);
  if (!found) {
    const t = i18n.getFixedT(lng);
    // Both shapes react-i18next returns: [t, i18n, ready] and { t, i18n, ready }.
    found = Object.assign([t, i18n, true], { t, i18n, ready: true }) as Translation;
    perLanguage.set(lng, found);
  }
  return found;
}

export function useTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n;
  if (!i18n) throw new Error("useTranslation needs an I18nextProvider above it");
  const subscribe = useCallback(
    (onChange: () => void) => {
      i18n.on("languageChanged", onChange);
      return () => i18n.off("languageChanged", onChange);
    },
    [i18n],
  );
  const language = () => i18n.language;
  const lng = useSyncExternalStore(subscribe, language, language);
  return translationOf(i18n, lng);
}
