// Demo direct relationships between organisations (outside any partnership).
import type { DemoRelationship } from "./types";

// ---------------------------------------------------------------------------------------------
// Direct relationships (outside any partnership, Net-Map style)
// ---------------------------------------------------------------------------------------------

export const relationships: DemoRelationship[] = [
  { from: "jenv", to: "dtv", type: "oversees", notes: "DT&V is an agency of the ministry." },
  { from: "jenv", to: "ind", type: "oversees", notes: "The IND is an agency of the ministry." },
  {
    from: "jenv",
    to: "coa",
    type: "oversees",
    notes: "The COA is an independent administrative body under the ministry.",
  },
  { from: "ibz", to: "dvz", type: "oversees", notes: "The Immigration Office is part of FPS Home Affairs." },
  {
    from: "ie-doj",
    to: "isd",
    type: "oversees",
    notes: "Immigration Service Delivery is a function of the Department of Justice.",
  },
  {
    from: "dghome",
    to: "dvz",
    type: "funds",
    startsOn: "2022-01-01",
    endsOn: "2024-12-31",
    notes: "AMIF project AMIF-060-086 (ICAM coaching): 75% AMIF co-financing.",
  },
  {
    from: "dghome",
    to: "fedasil",
    type: "funds",
    startsOn: "2021-01-01",
    notes: "AMIF co-financing of the voluntary return programme (illustrative).",
  },
  {
    from: "caritas-be",
    to: "fedasil",
    type: "refers_cases",
    notes: "Refers people who consider return to the Fedasil return desks.",
  },
  {
    from: "askv",
    to: "ams",
    type: "refers_cases",
    startsOn: "2019-05-01",
    notes: "Refers undocumented people it supports to the LVV Amsterdam intake.",
  },
  {
    from: "iom-nl",
    to: "dtv",
    type: "shares_information",
    notes: "Coordination on assisted voluntary return of LVV participants.",
  },
  {
    from: "emn-be",
    to: "emn",
    type: "shares_information",
    notes: "National contact point reporting to the network (ad-hoc queries, studies).",
  },
  {
    from: "picum",
    to: "emn",
    type: "shares_information",
    notes: "Contributes CSO practice to EMN REG discussions.",
  },
  { from: "compas", to: "utr", type: "advises", notes: "Research support to the C-MISE chair." },
  {
    from: "los",
    to: "vng",
    type: "advises",
    notes: "Knowledge on the rights of undocumented migrants for municipalities.",
  },
];
