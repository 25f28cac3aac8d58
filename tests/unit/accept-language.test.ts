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

  it.each([
    // A malformed weight is no weight at all: the entry is ignored (not taken as q=1).
    ["fr;q=abc, en;q=0.5", "en"],
    ["fr;q=, en;q=0.5", "en"],
    ["fr;q=-1, en;q=0.5", "en"],
    ["fr;q=0.5x, en;q=0.1", "en"],
    ["fr;q=abc", null],
    // Above 1 counts as 1: the header's order then decides.
    ["en, fr;q=5", "en"],
    ["en;q=1, fr;q=1.5", "en"],
    ["en;q=0.9, fr;q=2", "fr"],
    // Spaces around the parameter and a valid weight still work.
    ["en;q=0.2, fr ; q = 0.7", "fr"],
  ])("malformed or out-of-range weight: %s -> %s", (header, expected) => {
    expect(pickAcceptedLanguage(header, SUPPORTED)).toBe(expected);
  });

  it("no header: null", () => {
    expect(pickAcceptedLanguage(null, SUPPORTED)).toBeNull();
    expect(pickAcceptedLanguage(undefined, SUPPORTED)).toBeNull();
  });
});
