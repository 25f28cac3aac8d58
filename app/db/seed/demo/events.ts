// Demo events: the EMN REG seminar this project grew from, with takeaways and follow-ups.
import { rel, type DemoEvent } from "./types";

// ---------------------------------------------------------------------------------------------
// Events: the EMN REG seminar this project grew from (sources.regSeminarNews)
// ---------------------------------------------------------------------------------------------

export const events: DemoEvent[] = [
  {
    key: "emn-reg-seminar-2023",
    title:
      "EMN REG seminar: multi-stakeholder governance towards durable solutions for undocumented migrants",
    kind: "seminar",
    // Late 2023; the exact day is approximate (the news item was published on 6 December 2023).
    startsOn: "2023-11-28",
    location: "Brussels",
    online: false,
    description:
      "Seminar of the EMN Return Expert Group, hosted by EMN Belgium and Fedasil, on cooperation between national authorities, local authorities and civil-society organisations towards durable solutions for people with a return decision and people unknown to the authorities. 22 EMN member countries answered an ad-hoc query beforehand. Attendance figures are illustrative.",
    organisers: ["emn-be", "fedasil"],
    participants: [
      { organisation: "emn-be", attendeeCount: 4 },
      { organisation: "fedasil", attendeeCount: 6 },
      { organisation: "emn", attendeeCount: 3 },
      { organisation: "dghome", attendeeCount: 1 },
      { organisation: "dvz", attendeeCount: 2 },
      { organisation: "iom-be", attendeeCount: 2 },
      { organisation: "caritas-be", attendeeCount: 2 },
      { organisation: "picum", attendeeCount: 1 },
      { organisation: "gent", attendeeCount: 2 },
      { organisation: "utr", attendeeCount: 1 },
      { organisation: "dtv", attendeeCount: 1 },
      { organisation: "sndvu", attendeeCount: 1 },
      { organisation: "isd", attendeeCount: 1 },
      { organisation: "compas", attendeeCount: null },
    ],
    takeaways: [
      {
        theme: "Beyond voluntary return",
        text: "Relying on voluntary return alone is counter-productive. Durable solutions include legal stay: regularisation on humanitarian or medical grounds, family reunification, international protection and other pathways, beyond the divide between protection and return.",
      },
      {
        theme: "Trust through information",
        text: "Trust is built by giving undocumented migrants full, detailed information so that they can make informed decisions about their future.",
      },
      {
        theme: "Multi-level collaboration",
        text: "Cooperation between national authorities, local authorities and CSOs works when it has clearly defined objectives, mutual understanding, creative thinking and recognition of the distinct value of each stakeholder; pilots show it is feasible despite different frameworks and mandates.",
      },
      {
        theme: "Obstacles",
        text: "Conflicting priorities, trust deficits, organisational diversity, funding and power imbalances make such partnerships hard to set up and to sustain.",
      },
      {
        theme: "Local innovation",
        text: "Municipal pilots and small-scale initiatives show promise but need more development, sufficient resources and recognition to reach their full potential.",
      },
      {
        theme: "Funding: a holistic AMIF approach",
        text: "CSOs and Fedasil asked that funding such as AMIF adopt a holistic 'case resolution' approach beyond voluntary return only, across proposals, implementation, monitoring, evaluation and reporting.",
      },
      {
        theme: "Commitments",
        text: "The stakeholders committed to continue the collaborations, drawing on each one's strengths, towards durable solutions for undocumented migrants.",
      },
    ],
    followUps: [
      {
        title: "Circulate the seminar conclusions to the Return Expert Group",
        description:
          "Publish the conclusions and send them to all REG members with the ad-hoc query answers.",
        owner: "emn-be",
        organisation: "emn",
        partnership: "emn-reg-followup",
        dueOn: "2024-01-31",
        status: "done",
        doneOn: "2023-12-06",
      },
      {
        title: "Map AMIF-funded projects that go beyond voluntary return",
        description:
          "Inventory of AMIF projects that fund case resolution across all pathways, as input for the holistic approach.",
        owner: "fedasil",
        organisation: "dghome",
        partnership: "emn-reg-followup",
        dueOn: "2024-06-30",
        status: "done",
        doneOn: "2024-09-16",
      },
      {
        title: "Propose case-resolution criteria for future AMIF calls",
        description:
          "Draft criteria so that AMIF proposals can cover legal-stay pathways as well as return, over the whole project cycle.",
        owner: "fedasil",
        organisation: "dghome",
        partnership: "conex",
        dueOn: "2025-06-30",
        status: "in_progress",
      },
      {
        title: "Share the LVV evaluation and the LSO working method with Belgian cities",
        description: "Presentation of the LVV results and the local cooperation meeting to the CONEX cities.",
        owner: "utr",
        organisation: "gent",
        partnership: "c-mise",
        dueOn: "2024-03-31",
        status: "done",
        doneOn: "2024-04-11",
      },
      {
        title: "Report the Ghent pilot's results to the REG",
        description: "Short note on the shelter-and-orientation pilot's outcomes for the REG.",
        owner: "gent",
        pilot: "ghent",
        dueOn: "2024-05-31",
        status: "dropped",
      },
      {
        title: "Run a partnership health check in the LVV pilots",
        description: "Ask every LVV partner for a health check, to make trust and power visible.",
        owner: "vng",
        partnership: "lvv-national",
        dueOn: rel(-30),
        status: "open",
      },
      {
        title: "Set up a peer exchange between LVV municipalities and CONEX cities",
        description:
          "Two-day exchange of case workers between Dutch LVV municipalities and Belgian CONEX cities.",
        owner: "fedasil",
        organisation: "utr",
        partnership: "conex",
        dueOn: rel(60),
        status: "open",
      },
      {
        title: "Multilingual information on all pathways",
        description:
          "Leaflet explaining stay, return and onward options in the main languages of the people met at the return desks.",
        owner: "caritas-be",
        partnership: "conex",
        dueOn: rel(150),
        status: "in_progress",
      },
    ],
  },
];
