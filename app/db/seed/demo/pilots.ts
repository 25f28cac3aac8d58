// Demo pilots of municipalities, with milestones, half-yearly periods and outcome counts.
import type { OutcomePathway } from "../../../lib/enums";
import { rel, type DemoPilotPeriod, type DemoPilot } from "./types";
import { lvvPeriodsAmsRtm, type LvvPeriodRow } from "./lvv-periods-ams-rtm";
import { lvvPeriodsUtrEhvGro } from "./lvv-periods-utr-ehv-gro";
import { sources } from "./sources";

// ---------------------------------------------------------------------------------------------
// Pilots
// ---------------------------------------------------------------------------------------------

// Outcome pathways offered by the LVV (guidance open to legal stay, return and onward migration).
export const lvvPathways: OutcomePathway[] = [
  "residence_permit",
  "regularisation_humanitarian",
  "regularisation_medical",
  "international_protection",
  "voluntary_return",
  "independent_return",
  "onward_migration",
  "new_asylum_application",
  "postponed_departure_medical",
  "state_reception",
];

/**
 * Half-yearly periods of the LVV pilots up to the final evaluation's cut-off (July 2022).
 * Illustrative splits that add up to the evaluation's national totals: 2,065 participants,
 * 1,258 left, of whom 226 (18%) durable, 516 (41%) semi-durable and 516 (41%) no solution.
 * Groningen's first year is the sourced 330 participants, 133 left, 36 durable.
 */
const lvvPeriods: Record<"ams" | "rtm" | "utr" | "ehv" | "gro", LvvPeriodRow[]> = {
  ...lvvPeriodsAmsRtm,
  ...lvvPeriodsUtrEhvGro,
};

function periodsOf(city: keyof typeof lvvPeriods): DemoPilotPeriod[] {
  return lvvPeriods[city].map((period) =>
    city === "gro" && period.start === "2019-04-01"
      ? {
          ...period,
          illustrative: false,
          notes:
            "First year as reported by the municipality: 330 participants, 133 left, 36 of them with a durable solution. The split over pathways within each group is estimated.",
        }
      : { ...period, illustrative: true },
  );
}

const lvvDescription =
  "24-hour shelter with guidance towards a durable solution: legal stay, return or onward migration. A guidance scenario is agreed per person in the local cooperation meeting (LSO).";

export const pilots: DemoPilot[] = [
  {
    key: "lvv-amsterdam",
    municipality: "m-amsterdam",
    partnership: "lvv-amsterdam",
    name: "LVV Amsterdam",
    description: lvvDescription,
    targetGroup: "both",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-05-01",
    capacity: 260,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-04-30", doneOn: "2019-04-30", status: "done" },
      { title: "First participants admitted", dueOn: "2019-05-01", doneOn: "2019-05-01", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-06-01", doneOn: "2019-06-20", status: "done" },
      {
        title: "LSO working agreements with the three CSOs",
        dueOn: "2019-09-01",
        doneOn: "2019-11-15",
        status: "done",
        notes: "Later than planned: three organisations to align.",
      },
      { title: "Mid-term evaluation", dueOn: "2021-06-30", doneOn: "2021-07-15", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Participant satisfaction survey",
        description: "Independent survey of how participants experience the guidance.",
        dueOn: rel(-12),
        status: "in_progress",
        notes: "Fieldwork slower than planned.",
      },
      { title: "Renew the covenant with the three CSOs", dueOn: rel(75), status: "planned" },
    ],
    periods: periodsOf("ams"),
    documents: [],
    funding: [],
  },
  {
    key: "lvv-rotterdam",
    municipality: "m-rotterdam",
    partnership: "lvv-rotterdam",
    name: "LVV Rotterdam",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-05-01",
    capacity: 160,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-04-30", doneOn: "2019-04-26", status: "done" },
      { title: "First participants admitted", dueOn: "2019-05-01", doneOn: "2019-05-06", status: "done" },
      { title: "First weekly LSO meeting", dueOn: "2019-05-15", doneOn: "2019-05-15", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Case-file exchange agreement with DT&V",
        dueOn: "2023-03-31",
        status: "cancelled",
        notes: "Replaced by joint case conferences.",
      },
      { title: "Review of the LSO working method", dueOn: rel(20), status: "in_progress" },
      { title: "Expand capacity by 20 places", dueOn: rel(120), status: "planned" },
    ],
    periods: periodsOf("rtm"),
    documents: [
      { title: "NAS Rotterdam: the LVV in Rotterdam", url: sources.lvvRotterdamNas, kind: "other" },
    ],
    funding: [],
  },
  {
    key: "lvv-utrecht",
    municipality: "m-utrecht",
    partnership: "lvv-utrecht",
    name: "LVV Utrecht",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-04-01",
    capacity: 170,
    illustrative: true,
    milestones: [
      {
        title: "Local covenant signed and pilot started",
        dueOn: "2019-04-01",
        doneOn: "2019-04-01",
        status: "done",
      },
      { title: "First weekly LSO meeting", dueOn: "2019-04-15", doneOn: "2019-04-11", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-05-01", doneOn: "2019-05-14", status: "done" },
      {
        title: "Mid-term evaluation",
        dueOn: "2021-06-30",
        doneOn: "2021-09-30",
        status: "done",
        notes: "Delayed by COVID-19 measures.",
      },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Agreement on funding after the pilot period",
        dueOn: rel(-45),
        status: "delayed",
        notes: "Waiting for the national decision on the state share.",
      },
      { title: "Annual report to the municipal council", dueOn: rel(40), status: "planned" },
    ],
    periods: periodsOf("utr"),
    documents: [{ title: "SNDVU: the LVV in Utrecht", url: sources.lvvUtrechtSndvu, kind: "other" }],
    funding: [],
  },
  {
    key: "lvv-eindhoven",
    municipality: "m-eindhoven",
    partnership: "lvv-eindhoven",
    name: "LVV Eindhoven",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-06-01",
    capacity: 70,
    illustrative: true,
    milestones: [
      { title: "Local covenant signed", dueOn: "2019-05-31", doneOn: "2019-05-28", status: "done" },
      { title: "First participants admitted", dueOn: "2019-06-01", doneOn: "2019-06-03", status: "done" },
      { title: "Local steering group installed", dueOn: "2019-07-01", doneOn: "2019-07-01", status: "done" },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      { title: "Regional intake with surrounding municipalities", dueOn: rel(30), status: "in_progress" },
      { title: "Evaluation of the regional intake", dueOn: rel(210), status: "planned" },
    ],
    periods: periodsOf("ehv"),
    documents: [],
    funding: [],
  },
  {
    key: "lvv-groningen",
    municipality: "m-groningen",
    partnership: "lvv-groningen",
    name: "LVV Groningen",
    description: lvvDescription,
    targetGroup: "return_decision",
    pathways: lvvPathways,
    status: "running",
    startsOn: "2019-04-01",
    capacity: 220,
    illustrative: true,
    milestones: [
      {
        title: "Local covenant signed and pilot started",
        dueOn: "2019-04-01",
        doneOn: "2019-04-01",
        status: "done",
      },
      { title: "Local steering group installed", dueOn: "2019-05-01", doneOn: "2019-04-24", status: "done" },
      {
        title: "First-year report: 133 of 330 left, 36 with a durable solution",
        dueOn: "2020-04-30",
        doneOn: "2020-06-10",
        status: "done",
      },
      { title: "Final evaluation published", dueOn: "2022-11-25", doneOn: "2022-11-25", status: "done" },
      {
        title: "Move to a new shelter location",
        dueOn: rel(-100),
        status: "delayed",
        notes: "Permit for the new building still pending.",
      },
      { title: "Regional agreements with the northern municipalities", dueOn: rel(60), status: "planned" },
      { title: "Annual report to the municipal council", dueOn: rel(150), status: "planned" },
    ],
    periods: periodsOf("gro"),
    documents: [
      {
        title: "LOGO gemeenten: successful first year of the LVV Groningen",
        url: sources.lvvGroningenFirstYear,
        kind: "report",
      },
    ],
    funding: [],
  },
  {
    key: "ghent",
    municipality: "m-ghent",
    partnership: "ghent-pilot",
    name: "Ghent shelter-and-orientation pilot",
    description:
      "Shelter combined with orientation towards a durable solution, with Fedasil, the Immigration Office and CSOs screening every resident's options.",
    targetGroup: "both",
    pathways: [
      "voluntary_return",
      "residence_permit",
      "regularisation_humanitarian",
      "regularisation_medical",
      "family_reunification",
      "international_protection",
      "onward_migration",
      "new_asylum_application",
      "state_reception",
    ],
    status: "completed",
    startsOn: "2021-10-01",
    endsOn: "2023-06-30",
    capacity: 25,
    illustrative: true,
    milestones: [
      { title: "Cooperation agreement signed", dueOn: "2021-09-15", doneOn: "2021-09-15", status: "done" },
      { title: "Shelter opened", dueOn: "2021-10-01", doneOn: "2021-10-01", status: "done" },
      {
        title: "Orientation protocol with Fedasil and the Immigration Office",
        dueOn: "2021-12-01",
        doneOn: "2022-02-15",
        status: "done",
        notes: "Took longer: data-sharing rules.",
      },
      { title: "Mid-term review", dueOn: "2022-09-30", doneOn: "2022-10-20", status: "done" },
      {
        title: "Extension to a second location",
        dueOn: "2023-01-31",
        status: "cancelled",
        notes: "No funding found.",
      },
      { title: "Final evaluation", dueOn: "2023-06-30", doneOn: "2023-09-29", status: "done" },
    ],
    periods: [
      {
        start: "2021-10-01",
        end: "2022-03-31",
        newParticipants: 18,
        participantsAtEnd: 13,
        outcomes: { voluntary_return: 2, new_asylum_application: 1, departed_unknown: 2 },
        illustrative: true,
      },
      {
        start: "2022-04-01",
        end: "2022-09-30",
        newParticipants: 14,
        participantsAtEnd: 15,
        outcomes: {
          voluntary_return: 3,
          regularisation_medical: 2,
          international_protection: 1,
          new_asylum_application: 3,
          state_reception: 1,
          departed_unknown: 2,
        },
        illustrative: true,
      },
      {
        start: "2022-10-01",
        end: "2023-03-31",
        newParticipants: 11,
        participantsAtEnd: 13,
        outcomes: {
          voluntary_return: 4,
          regularisation_humanitarian: 1,
          family_reunification: 2,
          new_asylum_application: 2,
          state_reception: 2,
          departed_unknown: 2,
        },
        illustrative: true,
      },
      {
        start: "2023-04-01",
        end: "2023-06-30",
        newParticipants: 3,
        participantsAtEnd: 0,
        outcomes: {
          voluntary_return: 5,
          residence_permit: 1,
          onward_migration: 1,
          new_asylum_application: 2,
          state_reception: 4,
          departed_unknown: 1,
          no_solution_other: 2,
        },
        illustrative: true,
        notes: "Pilot closed: remaining residents moved to other shelter.",
      },
    ],
    documents: [],
    funding: [
      {
        source: "municipal",
        funder: "gent",
        recipient: "gent",
        amount: "420000.00",
        currency: "EUR",
        startsOn: "2021-10-01",
        endsOn: "2023-06-30",
        stage: "closed",
        pathwaysCovered: [
          "voluntary_return",
          "residence_permit",
          "regularisation_humanitarian",
          "regularisation_medical",
          "family_reunification",
          "international_protection",
          "onward_migration",
        ],
        voluntaryReturnOnly: false,
        illustrative: true,
      },
      {
        source: "national",
        funder: "fedasil",
        recipient: "fedasil",
        amount: "60000.00",
        currency: "EUR",
        startsOn: "2021-10-01",
        endsOn: "2023-06-30",
        stage: "closed",
        pathwaysCovered: ["voluntary_return"],
        voluntaryReturnOnly: true,
        illustrative: true,
      },
    ],
  },
];
