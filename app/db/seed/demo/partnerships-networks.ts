// Demo partnerships: C-MISE, the EMN REG follow-up, the Irish regularisation scheme and the PICUM
// exchange.
import { rel, type DemoMember, type DemoPartnership } from "./types";
import { sources } from "./sources";

export const networkPartnerships: DemoPartnership[] = [
  {
    key: "c-mise",
    name: "C-MISE: City Initiative on Migrants with Irregular Status in Europe",
    description:
      "Network of European cities sharing policy and practice on migrants with irregular status, chaired by Utrecht and coordinated by COMPAS.",
    status: "active",
    startDate: "2018-01-01",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance:
      "Chaired by the City of Utrecht; COMPAS (University of Oxford) coordinates, documents practice and runs the network meetings.",
    illustrative: true,
    members: [
      {
        organisation: "utr",
        role: "lead",
        mandate: "Chair of the network.",
        contribution: "Chairs the network; brings the LVV experience.",
        joinedOn: "2018-01-01",
      },
      {
        organisation: "compas",
        role: "partner",
        mandate: "Research and coordination.",
        contribution: "Secretariat, research and practice briefs.",
        joinedOn: "2018-01-01",
      },
      ...["athens", "bcn", "ffm", "gent", "gbg", "lis", "oslo", "sthlm"].map((organisation): DemoMember => ({
        organisation,
        role: "partner",
        mandate: "City administration; services for residents with irregular status within national law.",
        contribution: "Local practice and peer exchange.",
        joinedOn: "2018-01-01",
      })),
    ],
    objectives: [
      {
        title: "Peer learning among member cities",
        indicator: "Network meetings held per year",
        target: 2,
        unit: "meetings",
        progress: 2,
        dueDate: rel(35),
        status: "on_track",
        illustrative: true,
      },
      {
        title: "Document city practice",
        indicator: "Practice briefs published",
        target: 4,
        unit: "briefs",
        progress: 3,
        dueDate: rel(160),
        status: "on_track",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [
      {
        category: "organisational_diversity",
        title: "Different national frameworks across member cities",
        description: "What a city may offer people with irregular status differs by country.",
        likelihood: 4,
        impact: 2,
        owner: "compas",
        mitigation: "Compare practice by service (shelter, health, guidance) rather than by national model.",
        status: "mitigating",
        reviewOn: rel(120),
        illustrative: true,
      },
      {
        category: "legal_mandate",
        title: "Cities' mandate limited by national law",
        description: "Some national laws restrict municipal services to people with irregular status.",
        likelihood: 3,
        impact: 3,
        owner: "utr",
        mitigation: "Legal analysis per member city; share workable routes within each framework.",
        status: "open",
        reviewOn: rel(200),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "COMPAS: City Initiative on Migrants with Irregular Status in Europe (C-MISE)",
        url: sources.cMise,
        kind: "other",
      },
    ],
  },
  {
    key: "emn-reg-followup",
    name: "EMN REG follow-up on multi-stakeholder governance",
    description:
      "Exchange set up after the EMN REG seminar of 2023 to continue the collaborations on durable solutions for undocumented migrants between national authorities, cities and CSOs.",
    status: "forming",
    startDate: "2024-03-01",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance:
      "Convened by EMN Belgium; meetings alongside the EMN Return Expert Group; terms of reference being drafted.",
    illustrative: true,
    members: [
      {
        organisation: "emn-be",
        role: "lead",
        mandate: "National contact point; convenes the exchange.",
        contribution: "Secretariat, the ad-hoc query answers of 22 countries, link to the REG.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "fedasil",
        role: "partner",
        mandate: "Reception and voluntary return in Belgium.",
        contribution: "Return desks and CONEX practice.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "emn",
        role: "observer",
        mandate: "EU network on migration information.",
        contribution: "Dissemination across the network.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "picum",
        role: "partner",
        mandate: "Network of organisations working with undocumented migrants.",
        contribution: "CSO practice from about 150 member organisations.",
        joinedOn: "2024-03-01",
      },
      {
        organisation: "utr",
        role: "partner",
        mandate: "Local government; C-MISE chair.",
        contribution: "LVV and C-MISE experience.",
        joinedOn: "2024-05-01",
      },
    ],
    objectives: [
      {
        title: "Agree the exchange's terms of reference",
        indicator: "Terms of reference adopted",
        target: 1,
        unit: "document",
        progress: 0,
        dueDate: rel(-15),
        status: "at_risk",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [
      {
        category: "conflicting_priorities",
        title: "Return agencies and CSOs want different things from the exchange",
        description: "Return agencies look for return outcomes, CSOs for legal-stay routes.",
        likelihood: 3,
        impact: 3,
        owner: "emn-be",
        mitigation:
          "Start from the seminar's shared conclusion: durable solutions include legal stay and return.",
        status: "open",
        reviewOn: rel(25),
        illustrative: true,
      },
    ],
    documents: [
      {
        title: "EMN Belgium: ad-hoc query on multi-stakeholder governance towards durable solutions (2023)",
        url: sources.emnAdHocQuery,
        kind: "report",
      },
      {
        title: "EMN Belgium: the REG seminar reveals key strategies for durable solutions (6 Dec 2023)",
        url: sources.regSeminarNews,
        kind: "report",
      },
    ],
  },
  {
    key: "ie-regularisation",
    name: "Irish regularisation scheme for long-term undocumented migrants",
    description:
      "Scheme open from 31 January to 31 July 2022: 6,548 applications covering 8,311 people; by 11 April 2023, 4,302 granted and 592 refused.",
    status: "active",
    startDate: "2022-01-31",
    scopeLevel: "national",
    countryCode: "IE",
    formalisation: "informal",
    governance:
      "Run by the Department of Justice through Immigration Service Delivery; civil society informs and supports applicants.",
    illustrative: false,
    members: [
      {
        organisation: "ie-doj",
        role: "lead",
        mandate: "Immigration policy; owner of the scheme.",
        contribution: "Scheme design and legal basis.",
        joinedOn: "2022-01-31",
      },
      {
        organisation: "isd",
        role: "partner",
        mandate: "Processes applications.",
        contribution: "Decisions on applications and reviews.",
        joinedOn: "2022-01-31",
      },
      {
        organisation: "mrci",
        role: "partner",
        mandate: "Advocacy and support for undocumented migrants.",
        contribution: "Information and support for applicants; trust of the undocumented community.",
        joinedOn: "2022-01-31",
      },
    ],
    objectives: [
      {
        title: "Decide the scheme's applications",
        indicator: "Applications decided (4,302 granted and 592 refused by 11 April 2023)",
        target: 6548,
        unit: "applications",
        progress: 4894,
        status: "on_track",
        illustrative: false,
      },
    ],
    funding: [],
    risks: [
      {
        category: "trust_deficit",
        title: "Eligible people do not apply for fear of exposure",
        description: "Undocumented people may fear that applying reveals them to the authorities if refused.",
        likelihood: 3,
        impact: 3,
        owner: "mrci",
        mitigation: "Clear public guarantees on the use of application data; CSO information sessions.",
        status: "closed",
        reviewOn: "2022-07-31",
        illustrative: true,
      },
    ],
    documents: [
      {
        title:
          "Department of Justice: regularisation scheme for long-term undocumented migrants (press release)",
        url: sources.irelandScheme,
        kind: "other",
      },
      {
        title: "Dáil question of 25 April 2023: figures of the regularisation scheme",
        url: sources.irelandFigures,
        kind: "report",
      },
    ],
  },
  {
    key: "picum-exchange",
    name: "PICUM exchange on case-resolution practice",
    description:
      "Exploratory exchange between CSOs that guide undocumented migrants in Dutch and Belgian multi-stakeholder pilots.",
    status: "exploring",
    scopeLevel: "eu_international",
    countryCode: null,
    formalisation: "informal",
    governance: "Online meetings convened by PICUM; no formal agreement yet.",
    illustrative: true,
    members: [
      {
        organisation: "picum",
        role: "lead",
        mandate: "Network of organisations working with undocumented migrants.",
        contribution: "Convening and comparison across countries.",
      },
      {
        organisation: "sndvu",
        role: "partner",
        mandate: "Shelter and guidance in the LVV Utrecht.",
        contribution: "Practice from the Dutch LVV.",
      },
      {
        organisation: "caritas-be",
        role: "partner",
        mandate: "Multi-track counselling in Belgium.",
        contribution: "Practice from CONEX.",
      },
    ],
    objectives: [
      {
        title: "Compare case-resolution practice between CSOs",
        indicator: "Organisations contributing a practice note",
        target: 5,
        unit: "organisations",
        progress: 1,
        dueDate: rel(140),
        status: "not_started",
        illustrative: true,
      },
    ],
    funding: [],
    risks: [],
    documents: [],
  },
];
