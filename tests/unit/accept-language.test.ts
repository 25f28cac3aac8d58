import { describe, expect, it } from "vitest";
import { pickAcceptedLanguage } from "~/lib/accept-language";

const SUPPORTED = ["en", "fr"] as const;

describe("pickAcceptedLanguage", () => {
  it.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-BE", "fr"],
    ["FR-ca", "fr"],
    // Not only the first language: the first supported one, by weight.
    ["de-DE,fr;q=0.8,en;q=0.5", "fr"],
    ["de-DE,en;q=0.5,fr;q=0.8", "fr"],
    ["en;q=0.4, fr;q=0.6", "fr"],
    // Equal weights keep the header's order.
    ["nl, en, fr", "en"],
    // q=0 means "not this one".
    ["fr;q=0, en;q=0.1", "en"],
    ["*", null],
    ["de-DE,nl;q=0.9", null],
    ["", null],
    [";q=0.5,,", null],
  ])("%s -> %s", (header, expected) => {
    expect(pickAcceptedLanguage(header, SUPPORTED)).toBe(expected);
  });

  it("no header: null", () => {
    expect(pickAcceptedLanguage(null, SUPPORTED)).toBeNull();
    expect(pickAcceptedLanguage(undefined, SUPPORTED)).toBeNull();
  });
});
