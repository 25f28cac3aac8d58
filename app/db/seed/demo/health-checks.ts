// Demo health checks: members' answers over the last three quarters (all illustrative).
import { quartersAgo, type DemoHealthSeries } from "./types";

// ---------------------------------------------------------------------------------------------
// Health checks: the last three calendar quarters before the seeding day (all illustrative)
// ---------------------------------------------------------------------------------------------

const q3 = quartersAgo(3);
const q2 = quartersAgo(2);
const q1 = quartersAgo(1);

export const healthChecks: DemoHealthSeries[] = [
  {
    partnership: "lvv-national",
    respondent: "jenv",
    answers: [
      {
        period: q3,
        scores: [4, 4, 4, 4, 4, 3, 4, 4],
        comment: "Steering works; escalation meeting rarely needed.",
      },
      { period: q2, scores: [4, 4, 4, 4, 4, 3, 3, 4], comment: "Priorities drift apart on return targets." },
      { period: q1, scores: [4, 3, 4, 4, 4, 2, 3, 4], comment: "Budget talks for next year are difficult." },
    ],
  },
  {
    partnership: "lvv-national",
    respondent: "vng",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 3, 2, 2, 3, 3],
        comment: "Municipalities carry the risk, the state sets the rules.",
      },
      { period: q2, scores: [3, 3, 3, 3, 2, 2, 2, 3], comment: "No answer yet on structural funding." },
      {
        period: q1,
        scores: [3, 3, 3, 3, 2, 1, 2, 3],
        comment: "Funding after this year is unclear: cities plan for the worst.",
      },
    ],
  },
  {
    partnership: "lvv-national",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 3, 3, 4, 3, 3, 3], comment: "Return is still seen as the last option." },
      { period: q2, scores: [4, 3, 3, 3, 4, 3, 3, 3], comment: "Good cooperation in most LSOs." },
      {
        period: q1,
        scores: [4, 3, 3, 4, 4, 3, 3, 4],
        comment: "Better mutual understanding after joint training.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "utr",
    answers: [
      { period: q3, scores: [4, 4, 3, 4, 3, 3, 3, 4], comment: "The LSO agrees scenarios faster." },
      { period: q2, scores: [4, 4, 3, 4, 3, 3, 3, 4], comment: "Stable quarter." },
      {
        period: q1,
        scores: [4, 4, 4, 4, 3, 2, 3, 4],
        comment: "Worried about the national share of the funding.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "sndvu",
    answers: [
      {
        period: q3,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Participants still distrust the return service.",
      },
      {
        period: q2,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Our legal assessment is not always heard in the LSO.",
      },
      {
        period: q1,
        scores: [3, 3, 3, 3, 2, 2, 2, 3],
        comment: "Some progress: DT&V now meets people only with their counsellor.",
      },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 4, 3, 4, 3, 3, 4], comment: "Cooperation is constructive." },
      {
        period: q2,
        scores: [4, 3, 4, 3, 4, 3, 3, 4],
        comment: "Return conversations start late in the process.",
      },
      { period: q1, scores: [4, 4, 4, 3, 4, 3, 3, 4], comment: "Joint case conferences help." },
    ],
  },
  {
    partnership: "lvv-utrecht",
    respondent: "ind",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 3, 4, 3], comment: "Clear agreements on fast checks." },
      { period: q1, scores: [4, 4, 4, 4, 4, 3, 4, 3], comment: "No changes." },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "rtm",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 4, 3, 3, 3, 3],
        comment: "Too many departures to unknown destinations.",
      },
      { period: q2, scores: [3, 3, 3, 4, 3, 3, 3, 3], comment: "Agenda of the LSO under review." },
      { period: q1, scores: [4, 3, 3, 4, 3, 3, 3, 3], comment: "Objectives sharpened with the partners." },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "nas",
    answers: [
      {
        period: q3,
        scores: [3, 2, 1, 2, 1, 2, 2, 2],
        comment: "We bring the cases but have no say in the agenda.",
      },
      { period: q2, scores: [3, 2, 2, 2, 1, 2, 2, 2], comment: "Joint case conferences started." },
      {
        period: q1,
        scores: [3, 3, 2, 3, 2, 2, 2, 3],
        comment: "Slowly better; trust in the return service is still low.",
      },
    ],
  },
  {
    partnership: "lvv-rotterdam",
    respondent: "dtv",
    answers: [
      { period: q3, scores: [4, 3, 4, 3, 4, 3, 3, 3], comment: "Working relationship is fine." },
      { period: q2, scores: [4, 3, 4, 3, 4, 3, 3, 3], comment: "CSO reluctant to discuss return." },
      { period: q1, scores: [4, 3, 4, 3, 4, 3, 3, 4], comment: "Case conferences improve communication." },
    ],
  },
  {
    partnership: "conex",
    respondent: "fedasil",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 3, 4, 4], comment: "Network meetings well attended." },
      {
        period: q2,
        scores: [4, 4, 4, 4, 4, 3, 4, 4],
        comment: "Multi-track approach accepted by all cities.",
      },
      { period: q1, scores: [4, 4, 4, 4, 3, 3, 4, 4], comment: "AMIF restrictions limit what we can fund." },
    ],
  },
  {
    partnership: "conex",
    respondent: "gent",
    answers: [
      { period: q3, scores: [3, 4, 3, 3, 3, 2, 3, 3], comment: "Stay track needs more weight." },
      { period: q2, scores: [3, 4, 3, 4, 3, 2, 3, 3], comment: "Pilot lessons heard in the network." },
      {
        period: q1,
        scores: [4, 4, 3, 4, 3, 2, 3, 4],
        comment: "Better information flow with the return desk.",
      },
    ],
  },
  {
    partnership: "conex",
    respondent: "iom-be",
    answers: [
      { period: q3, scores: [4, 4, 4, 4, 4, 4, 4, 4], comment: "Smooth cooperation on reintegration." },
      { period: q2, scores: [4, 4, 4, 4, 4, 4, 4, 3], comment: "Referrals arrive late in some cities." },
      { period: q1, scores: [4, 4, 4, 4, 4, 4, 4, 4], comment: "No issues." },
    ],
  },
  {
    partnership: "conex",
    respondent: "caritas-be",
    answers: [
      {
        period: q3,
        scores: [3, 3, 3, 3, 2, 1, 2, 3],
        comment: "Funding pays for return only; our stay-track work is unfunded.",
      },
      { period: q2, scores: [3, 3, 3, 3, 2, 1, 2, 3], comment: "Same funding problem." },
      {
        period: q1,
        scores: [3, 3, 3, 4, 2, 2, 3, 3],
        comment: "Small national budget for counselling on all tracks.",
      },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "utr",
    answers: [
      { period: q3, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Strong peer network." },
      { period: q2, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Good meeting in the spring." },
      { period: q1, scores: [4, 4, 5, 4, 4, 2, 4, 4], comment: "Coordination funding uncertain." },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "compas",
    answers: [
      {
        period: q3,
        scores: [4, 4, 4, 4, null, 2, 4, 4],
        comment: "Power balance not scored: we coordinate, the cities decide.",
      },
      { period: q2, scores: [4, 4, 4, 4, null, 2, 4, 4], comment: "Briefs on track." },
      {
        period: q1,
        scores: [4, 4, 4, 5, null, 2, 4, 4],
        comment: "Funding of the secretariat is the main concern.",
      },
    ],
  },
  {
    partnership: "c-mise",
    respondent: "bcn",
    answers: [
      { period: q3, scores: [3, 4, 4, 4, 4, 3, 3, 3], comment: "National frameworks differ a lot." },
      { period: q2, scores: [3, 4, 4, 4, 4, 3, 3, 3], comment: "Useful exchange on health care." },
      { period: q1, scores: [4, 4, 4, 4, 4, 3, 3, 4], comment: "Clearer objectives this year." },
    ],
  },
];
