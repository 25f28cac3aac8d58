import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import {
  levels,
  organisationTypes,
  relationshipTypes,
  type Level,
  type OrganisationType,
  type RelationshipType,
} from "../../lib/enums";
import {
  archivable,
  countryCodeCheck,
  day,
  enumCheck,
  id,
  rangeCheck,
  timestamps,
  versioned,
} from "./columns";

/** A stakeholder: authority, CSO, international organisation, EU body, funder... */
export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    name: text("name").notNull(),
    acronym: text("acronym"),
    type: text("type").$type<OrganisationType>().notNull(),
    level: text("level").$type<Level>().notNull(),
    // Null for organisations without one country (EU bodies, international networks).
    countryCode: text("country_code"),
    // Set for a local authority: the municipality it governs.
    municipalityId: uuid("municipality_id").references((): AnyPgColumn => municipalities.id, {
      onDelete: "set null",
    }),
    // E.g. a return service under its ministry.
    parentOrganisationId: uuid("parent_organisation_id").references((): AnyPgColumn => organisations.id, {
      onDelete: "set null",
    }),
    mandate: text("mandate"),
    description: text("description"),
    website: text("website"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("organisations_type_check", t.type, organisationTypes),
    enumCheck("organisations_level_check", t.level, levels),
    countryCodeCheck("organisations_country_code_check", t.countryCode),
    check("organisations_parent_not_self_check", sql`${t.parentOrganisationId} <> ${t.id}`),
    index("organisations_type_idx").on(t.type),
    index("organisations_level_idx").on(t.level),
    index("organisations_country_code_idx").on(t.countryCode),
    index("organisations_name_idx").on(t.name),
    index("organisations_municipality_id_idx").on(t.municipalityId),
    index("organisations_parent_organisation_id_idx").on(t.parentOrganisationId),
  ],
);

export const municipalities = pgTable(
  "municipalities",
  {
    id: id(),
    name: text("name").notNull(),
    countryCode: text("country_code").notNull(),
    region: text("region"),
    // The organisation record of its local authority.
    organisationId: uuid("organisation_id").references((): AnyPgColumn => organisations.id, {
      onDelete: "set null",
    }),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    countryCodeCheck("municipalities_country_code_check", t.countryCode),
    index("municipalities_name_idx").on(t.name),
    index("municipalities_country_code_idx").on(t.countryCode),
    index("municipalities_organisation_id_idx").on(t.organisationId),
  ],
);

/** A direct link between two organisations outside any partnership (Net-Map style). */
export const relationships = pgTable(
  "relationships",
  {
    id: id(),
    fromOrganisationId: uuid("from_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    type: text("type").$type<RelationshipType>().notNull(),
    startsOn: day("starts_on"),
    endsOn: day("ends_on"),
    notes: text("notes"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("relationships_type_check", t.type, relationshipTypes),
    check("relationships_not_self_check", sql`${t.fromOrganisationId} <> ${t.toOrganisationId}`),
    rangeCheck("relationships_dates_check", t.startsOn, t.endsOn),
    index("relationships_from_organisation_id_idx").on(t.fromOrganisationId),
    index("relationships_to_organisation_id_idx").on(t.toOrganisationId),
    index("relationships_type_idx").on(t.type),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type Municipality = typeof municipalities.$inferSelect;
export type NewMunicipality = typeof municipalities.$inferInsert;
export type Relationship = typeof relationships.$inferSelect;
export type NewRelationship = typeof relationships.$inferInsert;
