import { sql } from "drizzle-orm";
import {
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { locales, userRoles, type Locale, type UserRole } from "../../lib/enums";
import { archivable, enumCheck, id, nonNegativeCheck, timestamps, timestamptz, versioned } from "./columns";
import { municipalities, organisations } from "./organisations";

/** An official using the app. Personal data is limited to what login and accountability need. */
export const users = pgTable(
  "users",
  {
    id: id(),
    // Unique case-insensitively (index on lower(email) below); stored as entered.
    email: text("email").notNull(),
    name: text("name").notNull(),
    // scrypt hash with its parameters (see app/auth/password.server.ts).
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<UserRole>().notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    // The interface language the user chose; null: no preference (follow the browser). See 0026.
    locale: text("locale").$type<Locale>(),
    disabledAt: timestamptz("disabled_at"),
    // SHA-256 of the secret token in the user's calendar (iCal) feed URL.
    calendarTokenHash: text("calendar_token_hash").unique("users_calendar_token_hash_unique"),
    ...versioned(),
    ...archivable(),
    ...timestamps(),
  },
  (t) => [
    enumCheck("users_role_check", t.role, userRoles),
    enumCheck("users_locale_check", t.locale, locales),
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    index("users_organisation_id_idx").on(t.organisationId),
  ],
);

/** Lucia-style session: the id is the SHA-256 (hex) of the token held in the cookie. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamptz("expires_at").notNull(),
    ...timestamps(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

/** The municipalities a municipal official may edit. */
export const userMunicipalities = pgTable(
  "user_municipalities",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id, { onDelete: "cascade" }),
    ...timestamps(),
  },
  (t) => [
    // The primary key also serves lookups by user_id.
    primaryKey({
      name: "user_municipalities_pkey",
      columns: [t.userId, t.municipalityId],
    }),
    index("user_municipalities_municipality_id_idx").on(t.municipalityId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    // SHA-256 of the token in the invitation link; the token itself is never stored.
    tokenHash: text("token_hash").notNull().unique("invitations_token_hash_unique"),
    email: text("email").notNull(),
    role: text("role").$type<UserRole>().notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    // Scope granted on acceptance to a municipal official (copied to user_municipalities).
    municipalityIds: uuid("municipality_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    invitedBy: uuid("invited_by").references((): AnyPgColumn => users.id, {
      onDelete: "set null",
    }),
    expiresAt: timestamptz("expires_at").notNull(),
    acceptedAt: timestamptz("accepted_at"),
    ...timestamps(),
  },
  (t) => [
    enumCheck("invitations_role_check", t.role, userRoles),
    index("invitations_organisation_id_idx").on(t.organisationId),
    index("invitations_invited_by_idx").on(t.invitedBy),
    index("invitations_email_lower_idx").on(sql`lower(${t.email})`),
  ],
);

/** A reset link issued by a coordinator (there is no e-mail). */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique("password_resets_token_hash_unique"),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, {
      onDelete: "set null",
    }),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    ...timestamps(),
  },
  (t) => [
    index("password_resets_user_id_idx").on(t.userId),
    index("password_resets_created_by_idx").on(t.createdBy),
  ],
);

/** Fixed-window rate-limit counters, shared by all app instances. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamptz("window_start").notNull(),
    count: integer("count").notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: "rate_limits_pkey", columns: [t.key, t.windowStart] }),
    nonNegativeCheck("rate_limits_count_check", t.count),
    // For pruning expired windows.
    index("rate_limits_window_start_idx").on(t.windowStart),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type UserMunicipality = typeof userMunicipalities.$inferSelect;
export type NewUserMunicipality = typeof userMunicipalities.$inferInsert;
export type Invitation = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;
export type PasswordReset = typeof passwordResets.$inferSelect;
export type NewPasswordReset = typeof passwordResets.$inferInsert;
export type RateLimit = typeof rateLimits.$inferSelect;
export type NewRateLimit = typeof rateLimits.$inferInsert;
