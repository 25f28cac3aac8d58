// Demo municipalities, each linked to its local authority's organisation.
import type { DemoMunicipality } from "./types";

// ---------------------------------------------------------------------------------------------
// Municipalities (each linked to its local authority's organisation, and back)
// ---------------------------------------------------------------------------------------------

export const municipalities: DemoMunicipality[] = [
  { key: "m-amsterdam", name: "Amsterdam", countryCode: "NL", region: "North Holland", authority: "ams" },
  { key: "m-rotterdam", name: "Rotterdam", countryCode: "NL", region: "South Holland", authority: "rtm" },
  { key: "m-utrecht", name: "Utrecht", countryCode: "NL", region: "Utrecht", authority: "utr" },
  { key: "m-eindhoven", name: "Eindhoven", countryCode: "NL", region: "North Brabant", authority: "ehv" },
  { key: "m-groningen", name: "Groningen", countryCode: "NL", region: "Groningen", authority: "gro" },
  {
    key: "m-brussels",
    name: "Brussels",
    countryCode: "BE",
    region: "Brussels-Capital Region",
    authority: "bxl",
  },
  { key: "m-ghent", name: "Ghent", countryCode: "BE", region: "Flanders (East Flanders)", authority: "gent" },
  { key: "m-antwerp", name: "Antwerp", countryCode: "BE", region: "Flanders (Antwerp)", authority: "antw" },
  {
    key: "m-charleroi",
    name: "Charleroi",
    countryCode: "BE",
    region: "Wallonia (Hainaut)",
    authority: "chrl",
  },
  { key: "m-liege", name: "Liège", countryCode: "BE", region: "Wallonia (Liège)", authority: "liege" },
  { key: "m-athens", name: "Athens", countryCode: "GR", region: "Attica", authority: "athens" },
  { key: "m-barcelona", name: "Barcelona", countryCode: "ES", region: "Catalonia", authority: "bcn" },
  { key: "m-frankfurt", name: "Frankfurt am Main", countryCode: "DE", region: "Hesse", authority: "ffm" },
  { key: "m-gothenburg", name: "Gothenburg", countryCode: "SE", region: "Västra Götaland", authority: "gbg" },
  { key: "m-lisbon", name: "Lisbon", countryCode: "PT", region: "Lisbon", authority: "lis" },
  { key: "m-oslo", name: "Oslo", countryCode: "NO", region: "Oslo", authority: "oslo" },
  {
    key: "m-stockholm",
    name: "Stockholm",
    countryCode: "SE",
    region: "Stockholm County",
    authority: "sthlm",
  },
];
