// The page's translations requested from the document's head (app/i18n/early-translations.ts): the
// inline script's request, and the client entry taking it only for the same file.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  EARLY_TRANSLATIONS_KEY,
  earlyTranslationsScript,
  type EarlyTranslations,
  takeEarlyTranslations,
} from "~/i18n/early-translations";

type Fetch = (url: string) => Promise<{ ok: boolean; json: () => Promise<unknown> }>;

/** Runs the inline script as the browser would, with `window` as the global object. */
function runScript(source: string, fetch: Fetch) {
  new Function("window", "fetch", source)(globalThis, fetch);
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[EARLY_TRANSLATIONS_KEY];
});

describe("early translations", () => {
  it("requests the file at once and hands its parsed content to the entry", async () => {
    const fetch = vi.fn<Fetch>(async () => ({ ok: true, json: async () => ({ nav: { home: "Home" } }) }));
    runScript(earlyTranslationsScript("/assets/en-1a2b.json"), fetch);
    expect(fetch).toHaveBeenCalledWith("/assets/en-1a2b.json");
    expect(await takeEarlyTranslations("/assets/en-1a2b.json")).toEqual({ nav: { home: "Home" } });
  });

  it("gives nothing for another file, a failed answer, a network error or no early request", async () => {
    expect(await takeEarlyTranslations("/assets/en-1a2b.json")).toBeNull();
    runScript(earlyTranslationsScript("/assets/en-1a2b.json"), async () => ({
      ok: true,
      json: async () => ({}),
    }));
    expect(await takeEarlyTranslations("/assets/fr-3c4d.json")).toBeNull();
    runScript(earlyTranslationsScript("/assets/en-1a2b.json"), async () => ({
      ok: false,
      json: async () => ({}),
    }));
    expect(await takeEarlyTranslations("/assets/en-1a2b.json")).toBeNull();
    runScript(earlyTranslationsScript("/assets/en-1a2b.json"), () => Promise.reject(new Error("offline")));
    // The request the script leaves never rejects (no unhandled rejection before the entry runs).
    const early = (globalThis as Record<string, unknown>)[EARLY_TRANSLATIONS_KEY] as EarlyTranslations;
    await expect(early.data).resolves.toBeNull();
    expect(await takeEarlyTranslations("/assets/en-1a2b.json")).toBeNull();
  });

  it("cannot close its script element", () => {
    expect(earlyTranslationsScript("/assets/</script><script>alert(1)</script>.json")).not.toContain("</");
  });
});
