import { describe, expect, test } from "vitest";
import { guessMapping, mappingFromForm, sharedColumns } from "~/lib/import/mapping";
import {
  countryCodeFrom,
  guessOrganisationType,
  levelFrom,
  levelOfType,
  organisationTypeFrom,
} from "~/lib/import/values";

describe("guessing the mapping from the headers", () => {
  test("English headers", () => {
    expect(
      guessMapping(["Name", "Acronym", "Type", "Level", "Country", "Website", "Description", "Mandate"]),
    ).toEqual({
      name: 0,
      acronym: 1,
      type: 2,
      level: 3,
      countryCode: 4,
      website: 5,
      description: 6,
      mandate: 7,
    });
  });

  test("French headers, any case and accents, in any order", () => {
    expect(
      guessMapping(["Pays", "NOM", "Sigle", "Site web", "Niveau", "Type d'organisation", "Mandat"]),
    ).toEqual({
      countryCode: 0,
      name: 1,
      acronym: 2,
      website: 3,
      level: 4,
      type: 5,
      mandate: 6,
    });
  });

  test("a header that starts with a field's name, and columns nothing reads", () => {
    expect(guessMapping(["Organisation name", "Pays (code ISO)", "Budget"])).toEqual({
      name: 0,
      countryCode: 1,
    });
  });

  test("Kumu's elements: Label is the name, Type the type", () => {
    expect(guessMapping(["Label", "Type", "Description", "Tags", "Country"], "kumu")).toEqual({
      name: 0,
      type: 1,
      description: 2,
      countryCode: 4,
    });
  });

  test("a column feeds one field at most", () => {
    const mapping = guessMapping(["Name", "Name"]);
    expect(mapping).toEqual({ name: 0 });
  });

  test("the mapping form: indexes within the file's columns; shared columns are found", () => {
    const form = new FormData();
    form.set("map.name", "0");
    form.set("map.acronym", "");
    form.set("map.type", "9");
    form.set("map.level", "0");
    const mapping = mappingFromForm(form, 3);
    expect(mapping).toEqual({ name: 0, level: 0 });
    expect(sharedColumns(mapping)).toEqual(["level"]);
  });
});

describe("reading the values of cells", () => {
  test("organisation types: codes, English and French labels, common words", () => {
    expect(organisationTypeFrom("cso")).toBe("cso");
    expect(organisationTypeFrom("CSO")).toBe("cso");
    expect(organisationTypeFrom("ONG")).toBe("cso");
    expect(organisationTypeFrom("Civil-society organisation")).toBe("cso");
    expect(organisationTypeFrom("Organisation de la société civile")).toBe("cso");
    expect(organisationTypeFrom("autorite LOCALE")).toBe("local_authority");
    expect(organisationTypeFrom("Bailleur de fonds")).toBe("funder");
    expect(organisationTypeFrom("Spaceship")).toBeNull();
  });

  test("Kumu element types are guessed, 'other' when nothing fits", () => {
    expect(guessOrganisationType("Government agency")).toBe("national_authority");
    expect(guessOrganisationType("Local NGO")).toBe("cso");
    expect(guessOrganisationType("City council")).toBe("local_authority");
    expect(guessOrganisationType("University")).toBe("research_institute");
    expect(guessOrganisationType("Person")).toBe("other");
  });

  test("levels in English and French; without one, the type decides", () => {
    expect(levelFrom("Régional")).toBe("regional");
    expect(levelFrom("EU / international")).toBe("eu_international");
    expect(levelFrom("UE / international")).toBe("eu_international");
    expect(levelFrom("planetary")).toBeNull();
    expect(levelOfType("local_authority")).toBe("local");
    expect(levelOfType("eu_body")).toBe("eu_international");
    expect(levelOfType("cso")).toBe("national");
  });

  test("countries by code in any case or by name in English or French", () => {
    expect(countryCodeFrom("nl")).toBe("NL");
    expect(countryCodeFrom("Netherlands")).toBe("NL");
    expect(countryCodeFrom("Pays-Bas")).toBe("NL");
    expect(countryCodeFrom("Belgique")).toBe("BE");
    expect(countryCodeFrom("Belgium")).toBe("BE");
    expect(countryCodeFrom("Allemagne")).toBe("DE");
    expect(countryCodeFrom("Grèce")).toBe("GR");
    expect(countryCodeFrom("Irlande")).toBe("IE");
    expect(countryCodeFrom("Suède")).toBe("SE");
    expect(countryCodeFrom("Norvège")).toBe("NO");
    expect(countryCodeFrom("Espagne")).toBe("ES");
    expect(countryCodeFrom("Portugal")).toBe("PT");
    expect(countryCodeFrom("UK")).toBe("GB");
    expect(countryCodeFrom("Royaume-Uni")).toBe("GB");
    expect(countryCodeFrom("Narnia")).toBeNull();
    expect(countryCodeFrom("QQ")).toBeNull();
    expect(countryCodeFrom("EU")).toBeNull();
  });
});
