// Sources of the demo dataset (DOMAIN.md, "Sources") and the ICAM project's published funding.

// ---------------------------------------------------------------------------------------------
// Sources (DOMAIN.md, "Sources")
// ---------------------------------------------------------------------------------------------

export const sources = {
  lvvAgreement: "https://zoek.officielebekendmakingen.nl/kst-19637-2445.html",
  lvvEvaluationWodc:
    "https://www.wodc.nl/actueel/nieuws/2022/11/25/pilot-landelijke-vreemdelingenvoorzieningen-vond-voor-18-van-deelnemende-migranten-bestendige-oplossing",
  lvvEvaluationRegioplan:
    "https://www.regioplan.nl/actueel/landelijke-vreemdelingenvoorzieningen-oplossing-voor-18-procent-van-deelnemende-migranten/",
  lvvGovernanceDtv:
    "https://www.dienstterugkeerenvertrek.nl/over-dtv/leidraad-terugkeer-en-vertrek/opvanglocaties/de-landelijke-vreemdelingenvoorzieningen-lvv",
  lvvGroningenFirstYear:
    "https://www.logogemeenten.nl/nieuws/item/236/gemeente-groningen-succesvol-eerste-jaar-lvv",
  lvvUtrechtSndvu: "https://www.sndvu.nl/lvv/",
  lvvRotterdamNas: "https://nasrotterdam.nl/lvv/",
  fedasilReturnDesks: "http://fedasil.be/en/voluntary-return/assistance-and-information",
  conex: "https://fedasil.be/en/node/11415",
  icam: "https://dofi.ibz.be/en/documentation/projects-funded-eu/amif-060-086-coaching-return-process-and-early-alternatives-atd",
  emnAdHocQuery:
    "https://emnbelgium.be/fr/publication/question-ad-hoc-sur-la-gouvernance-multipartite-axee-sur-la-recherche-de-solutions",
  regSeminarNews:
    "https://emnbelgium.be/fr/nouvelles/le-seminaire-reg-du-rem-devoile-des-strategies-cles-en-vue-de-trouver-des-solutions",
  cMise: "https://www.compas.ox.ac.uk/project/city-initiative-on-irregular-migrants-in-europe-c-mise",
  irelandScheme: "https://www.justice.ie/en/JELR/Pages/PR22000012",
  irelandFigures: "https://www.oireachtas.ie/ga/debates/question/2023-04-25/393/",
  amifRegulation: "https://eur-lex.europa.eu/eli/reg/2021/1147/oj",
} as const;

/** ICAM coaching, AMIF project AMIF-060-086, as published by the Immigration Office. */
export const icamFunding = {
  reference: "AMIF-060-086",
  startsOn: "2022-01-01",
  endsOn: "2024-12-31",
  /** Total project budget, EUR. */
  amount: "5139366.07",
  /** Of which AMIF: EUR 3,854,524.55, i.e. 75%. */
  amifShare: "3854524.55",
  cofinancingRate: 75,
  currency: "EUR",
} as const;
