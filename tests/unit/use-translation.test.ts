// The app's useTranslation (app/i18n/use-translation.ts): one shared Translation per i18next instance
// and language, translating in the provider's language, following a change of language.
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nextOptions } from "~/i18n/config";
import { translationOf, useTranslation, type Translation } from "~/i18n/use-translation";

async function instance(lng: "en" | "fr") {
  const i18n = createInstance(i18nextOptions).use(initReactI18next);
  await i18n.init({ lng });
  return i18n;
}

describe("useTranslation", () => {
  it("gives every component the same t, in the provider's language", async () => {
    const i18n = await instance("fr");
    const seen: Translation[] = [];
    const Probe = () => {
      const translation = useTranslation();
      seen.push(translation);
      return createElement("span", null, translation.t("relationships.title"));
    };
    const html = renderToString(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(Probe),
        createElement(Probe),
        createElement(Probe),
      ),
    );
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    expect(html).toContain(`<span>${i18n.t("relationships.title")}</span>`);
    expect(i18n.t("relationships.title")).not.toBe((await instance("en")).t("relationships.title"));
    // Both shapes of react-i18next's answer.
    const [t, sameI18n, ready] = seen[0]!;
    expect(t).toBe(seen[0]!.t);
    expect(sameI18n).toBe(i18n);
    expect(ready).toBe(true);
  });

  it("keeps one Translation per instance and language, and follows a change of language", async () => {
    const i18n = await instance("en");
    const english = translationOf(i18n, "en");
    expect(translationOf(i18n, "en")).toBe(english);
    const other = await instance("en");
    expect(translationOf(other, "en")).not.toBe(english);
    await i18n.changeLanguage("fr");
    const Probe = () => createElement("span", null, useTranslation().t("relationships.title"));
    const html = renderToString(createElement(I18nextProvider, { i18n }, createElement(Probe)));
    expect(html).toContain(`<span>${translationOf(i18n, "fr").t("relationships.title")}</span>`);
    expect(translationOf(i18n, "fr").t("relationships.title")).not.toBe(english.t("relationships.title"));
  });

  it("remembers strings on the server and gives exactly what i18next gives, for every key and some options", async () => {
    for (const lng of ["en", "fr"] as const) {
      const i18n = await instance(lng);
      const plain = i18n.getFixedT(lng) as unknown as (key: string, options?: object) => unknown;
      const t = translationOf(i18n, lng).t as unknown as (key: string, options?: object) => unknown;
      const keys: string[] = [];
      const walk = (node: unknown, prefix: string) => {
        if (typeof node === "string") keys.push(prefix.replace(/_(one|other|many|zero)$/, ""));
        else if (node && typeof node === "object")
          for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
      };
      walk(i18nextOptions.resources[lng].translation, "");
      const optionSets = [undefined, { count: 1 }, { count: 3, name: "Ada", value: 7 }, { value: null }];
      for (const key of new Set(keys)) {
        for (const options of optionSets) {
          // Twice: the second answer comes from the memo.
          expect(t(key, options), `${lng} ${key}`).toBe(plain(key, options));
          expect(t(key, options), `${lng} ${key} again`).toBe(plain(key, options));
        }
      }
      // Options that are not plain values are passed through, never memoised wrongly.
      const when = { date: new Date("2024-01-02T00:00:00Z") };
      expect(t("relationships.title", when)).toBe(plain("relationships.title", when));
    }
  });

  it("says what is missing without a provider", () => {
    const Probe = () => createElement("span", null, useTranslation().t("relationships.title"));
    expect(() => renderToString(createElement(Probe))).toThrow(/I18nextProvider/);
  });
});
