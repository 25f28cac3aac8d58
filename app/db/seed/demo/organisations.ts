// Demo organisations: national authorities, municipalities, CSOs and international bodies of the
// real cases (DOMAIN.md); the Netherlands first, then the others, each in a file of its own.
import { europeanOrganisations } from "./organisations-europe";
import { dutchOrganisations } from "./organisations-netherlands";
import type { DemoOrganisation } from "./types";

export const organisations: DemoOrganisation[] = [...dutchOrganisations, ...europeanOrganisations];
