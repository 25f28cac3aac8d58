// The browser's translator (app/i18n/translate.ts, app/i18n/browser-i18n.ts) against i18next, which
// renders the same page on the server: every key of every language, with the options the app
// passes (counts, values, numbers), must give the same string, or hydration would not match.
import { createInstance, type i18n as I18n } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { BrowserI18n } from "~/i18n/browser-i18n";
import { fallbackLanguage, i18nextOptions, resources, supportedLanguages } from "~/i18n/config";
import type { TranslationTree } from "~/i18n/translate";

type Call = (...args: unknown[]) => unknown;

function leaves(tree: unknown, prefix = ""): [string, string][] {
  if (typeof tree === "string") return [[prefix, tree]];
  if (typeof tree !== "object" || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key as the app calls it (plural forms under their base key) with the variables it uses. */
function keysWithVariables(): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const lng of supportedLanguages) {
    for (const [path, text] of leaves(resources[lng].translation)) {
      const key = path.replace(PLURAL, "");
      const variables = keys.get(key) ?? new Set<string>();
      for (const match of text.matchAll(/\{\{-?\s*([^},\s]+)/g)) variables.add(match[1] ?? "");
      keys.set(key, variables);
    }
  }
  return keys;
}

const VALUES: unknown[] = ["Ana <b>Ruiz</b> $& $1 {{count}}", 0, 1, 2, 12345.678, -1, null, "", "é"];
const COUNTS = [0, 1, 2, 5, 21, 1000, 1_000_000, 1.5, -1];

let server: Record<string, I18n>;
let browser: BrowserI18n;

beforeAll(async () => {
  server = {};
  for (const lng of supportedLanguages) {
    const instance = createInstance(i18nextOptions);
    await instance.init({ lng });
    server[lng] = instance;
  }
  browser = await new BrowserI18n({
    lng: fallbackLanguage,
    fallbackLng: fallbackLanguage,
    load: async (lng) =>
      (resources as Record<string, { translation: TranslationTree }>)[lng]?.translation ?? {},
  }).init();
  for (const lng of supportedLanguages) await browser.changeLanguage(lng);
});

function compare(lng: string, args: unknown[]) {
  const expected = (server[lng]?.getFixedT(lng) as unknown as Call)(...args);
  const actual = (browser.getFixedT(lng) as Call)(...args);
  return { args, expected, actual };
}

describe("the browser's translator says what i18next says", () => {
  it("for every key of every language, with and without its variables and counts", () => {
    const keys = keysWithVariables();
    expect(keys.size).toBeGreaterThan(500);
    const mismatches: unknown[] = [];
    let calls = 0;
    for (const lng of supportedLanguages) {
      for (const [key, variables] of keys) {
        const cases: unknown[] = [undefined, {}];
        for (const value of VALUES) {
          const options: Record<string, unknown> = {};
          for (const name of variables) options[name] = value;
          cases.push(options);
        }
        if (variables.has("count") || [...variables].length === 0) {
          for (const count of COUNTS) {
            const options: Record<string, unknown> = { count };
            for (const name of variables) if (name !== "count") options[name] = "X";
            cases.push(options);
          }
        }
        for (const options of cases) {
          const result = compare(lng, options === undefined ? [key] : [key, options]);
          calls++;
          if (result.expected !== result.actual) mismatches.push(result);
        }
      }
    }
    expect(calls).toBeGreaterThan(10_000);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("for missing keys, default values, object keys, namespaces and odd arguments", async () => {
    const cases: unknown[][] = [
      ["no.such.key"],
      ["no.such.key", { defaultValue: "Fallback {{name}}", name: "Ana" }],
      ["no.such.key", "Plain default"],
      ["no.such.key", { count: 1, defaultValue_one: "one thing", defaultValue_other: "{{count}} things" }],
      ["no.such.key", { count: 3, defaultValue_one: "one thing", defaultValue_other: "{{count}} things" }],
      ["Invalid date: 2026-13-01"],
      ["Row 3 is wrong, see: column B"],
      ["errors:required"],
      ["translation:common.none"],
      ["network"],
      [["no.such.key", "common.none"]],
      [null],
      [undefined],
      ["common.none", { lng: "fr" }],
      ["{{count}} {{missing}} {{count}}", { count: 2 }],
      ["{{ value , number }} and {{value}}", { value: 1234.5 }],
      ["{{value, number}}", {}],
      ["{{a.b}}", { a: { b: "deep" } }],
      ["{{-raw}}", { raw: "<i>" }],
      ["{{x}}", { x: undefined }],
      ["{{x}}", { replace: { x: "replaced" }, x: "not this" }],
    ];
    for (const lng of supportedLanguages) {
      // As in the page: the instance's language is the one its `t` is fixed to.
      await browser.changeLanguage(lng);
      for (const args of cases) {
        const result = compare(lng, args);
        expect(result.actual, JSON.stringify(result.args)).toBe(result.expected);
      }
    }
  });

  it("switches language after loading it, tells its listeners, and falls back to English", async () => {
    const loaded: string[] = [];
    const i18n = await new BrowserI18n({
      lng: "fr",
      fallbackLng: "en",
      load: async (lng) => {
        loaded.push(lng);
        return lng === "fr" ? { only: { fr: "seulement" } } : { only: { fr: "only", en: "English only" } };
      },
    }).init();
    expect(loaded.sort()).toEqual(["en", "fr"]);
    expect(i18n.t("only.fr")).toBe("seulement");
    expect(i18n.t("only.en")).toBe("English only");
    expect(i18n.dir()).toBe("ltr");
    expect(i18n.dir("ar")).toBe("rtl");
    const heard: string[] = [];
    const listener = (lng: string) => heard.push(lng);
    i18n.on("languageChanged", listener);
    await i18n.changeLanguage("en");
    expect(i18n.language).toBe("en");
    expect(i18n.t("only.fr")).toBe("only");
    i18n.off("languageChanged", listener);
    await i18n.changeLanguage("fr");
    expect(heard).toEqual(["en"]);
  });

  it("keeps its language when the new one cannot be loaded", async () => {
    const i18n = await new BrowserI18n({
      lng: "en",
      fallbackLng: "en",
      load: async (lng) => {
        if (lng === "fr") throw new Error("offline");
        return { hello: "Hello" };
      },
    }).init();
    await expect(i18n.changeLanguage("fr")).rejects.toThrow("offline");
    expect(i18n.language).toBe("en");
    expect(i18n.t("hello")).toBe("Hello");
  });
});
