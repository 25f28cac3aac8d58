// What the demo's LVV partnerships share: the covenants' governance, their national members, a
// municipality as lead, and the 2023 funding lines.
import type { DemoDate, DemoMember, DemoFundingLine } from "./types";
import { lvvPathways } from "./pilots";

export const lvvGovernance =
  "Local steering group (municipality, DT&V, IND, AVIM, CSOs); weekly local cooperation meeting (LSO) agreeing a guidance scenario per person; national escalation meeting for cases the LSO cannot resolve.";

/** The national members of every local LVV covenant. */
export function lvvNationalMembers(joinedOn: DemoDate): DemoMember[] {
  return [
    {
      organisation: "jenv",
      role: "funder",
      mandate: "Funds the local facility under the national agreement; no role in individual cases.",
      contribution: "State funding of shelter and guidance.",
      joinedOn,
    },
    {
      organisation: "dtv",
      role: "partner",
      mandate: "Discusses and prepares return in the LSO; no enforcement inside the facility.",
      contribution: "Return expertise, travel documents, contacts with countries of origin.",
      joinedOn,
    },
    {
      organisation: "ind",
      role: "partner",
      mandate: "Assesses legal-stay prospects in the LSO; decisions stay in the regular procedures.",
      contribution: "Case-file knowledge and quick checks of new applications.",
      joinedOn,
    },
    {
      organisation: "avim",
      role: "partner",
      mandate: "Identifies and registers participants at intake.",
      contribution: "Identification and registration, so every participant is known to the authorities.",
      joinedOn,
    },
  ];
}

export function municipalityLead(organisation: string, joinedOn: DemoDate): DemoMember {
  return {
    organisation,
    role: "lead",
    mandate: "Runs the local facility; chairs the local steering group and the LSO.",
    contribution: "Shelter locations, social and medical care, the local network of services.",
    joinedOn,
  };
}

/** LVV 2023 funding, split illustratively over the five cities (state about EUR 24m, municipalities about EUR 6m). */
export function lvvFunding2023(
  city: string,
  cso: string,
  stateAmount: string,
  municipalAmount: string,
): DemoFundingLine[] {
  return [
    {
      source: "national",
      funder: "jenv",
      recipient: city,
      amount: stateAmount,
      currency: "EUR",
      startsOn: "2023-01-01",
      endsOn: "2023-12-31",
      stage: "closed",
      pathwaysCovered: lvvPathways,
      voluntaryReturnOnly: false,
      illustrative: true,
    },
    {
      source: "municipal",
      funder: city,
      recipient: cso,
      amount: municipalAmount,
      currency: "EUR",
      startsOn: "2023-01-01",
      endsOn: "2023-12-31",
      stage: "closed",
      pathwaysCovered: lvvPathways,
      voluntaryReturnOnly: false,
      illustrative: true,
    },
  ];
}
