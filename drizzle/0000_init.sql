CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" uuid,
	"municipality_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_role_check" CHECK ("invitations"."role" in ('coordinator', 'organiser', 'municipal_official', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_resets_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_limits_pkey" PRIMARY KEY("key","window_start"),
	CONSTRAINT "rate_limits_count_check" CHECK ("rate_limits"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_municipalities" (
	"user_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_municipalities_pkey" PRIMARY KEY("user_id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" uuid,
	"locale" text DEFAULT 'en' NOT NULL,
	"disabled_at" timestamp with time zone,
	"calendar_token_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_calendar_token_hash_unique" UNIQUE("calendar_token_hash"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('coordinator', 'organiser', 'municipal_official', 'viewer')),
	CONSTRAINT "users_locale_check" CHECK ("users"."locale" in ('en', 'fr'))
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country_code" text NOT NULL,
	"region" text,
	"organisation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_country_code_check" CHECK ("municipalities"."country_code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"country_code" text,
	"municipality_id" uuid,
	"parent_organisation_id" uuid,
	"mandate" text,
	"description" text,
	"website" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_type_check" CHECK ("organisations"."type" in ('national_authority', 'regional_authority', 'local_authority', 'cso', 'international_organisation', 'eu_body', 'funder', 'research_institute', 'other')),
	CONSTRAINT "organisations_level_check" CHECK ("organisations"."level" in ('eu_international', 'national', 'regional', 'local')),
	CONSTRAINT "organisations_country_code_check" CHECK ("organisations"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisations_parent_not_self_check" CHECK ("organisations"."parent_organisation_id" <> "organisations"."id")
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"to_organisation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_type_check" CHECK ("relationships"."type" in ('funds', 'refers_cases', 'shares_information', 'oversees', 'advises')),
	CONSTRAINT "relationships_not_self_check" CHECK ("relationships"."from_organisation_id" <> "relationships"."to_organisation_id"),
	CONSTRAINT "relationships_dates_check" CHECK ("relationships"."ends_on" is null or "relationships"."starts_on" is null or "relationships"."ends_on" >= "relationships"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid,
	"pilot_id" uuid,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_kind_check" CHECK ("documents"."kind" in ('covenant', 'memorandum', 'grant_agreement', 'evaluation', 'report', 'other')),
	CONSTRAINT "documents_owner_check" CHECK (num_nonnulls("documents"."partnership_id", "documents"."pilot_id") = 1),
	CONSTRAINT "documents_url_check" CHECK ("documents"."url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "funding_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid,
	"pilot_id" uuid,
	"source" text NOT NULL,
	"reference" text,
	"funder_organisation_id" uuid,
	"recipient_organisation_id" uuid,
	"amount" numeric(14, 2),
	"currency" text DEFAULT 'EUR' NOT NULL,
	"cofinancing_rate" numeric(5, 2),
	"starts_on" date,
	"ends_on" date,
	"stage" text DEFAULT 'proposal' NOT NULL,
	"pathways_covered" text[] DEFAULT '{}'::text[] NOT NULL,
	"voluntary_return_only" boolean DEFAULT false NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_lines_source_check" CHECK ("funding_lines"."source" in ('amif', 'other_eu', 'national', 'regional', 'municipal', 'private_foundation')),
	CONSTRAINT "funding_lines_stage_check" CHECK ("funding_lines"."stage" in ('proposal', 'grant_agreement', 'implementation', 'monitoring', 'evaluation', 'reporting', 'closed')),
	CONSTRAINT "funding_lines_pathways_covered_check" CHECK ("funding_lines"."pathways_covered" <@ ARRAY['residence_permit', 'regularisation_humanitarian', 'regularisation_medical', 'family_reunification', 'international_protection', 'voluntary_return', 'independent_return', 'forced_return', 'onward_migration', 'new_asylum_application', 'postponed_departure_medical', 'state_reception', 'departed_unknown', 'no_solution_other']::text[]),
	CONSTRAINT "funding_lines_owner_check" CHECK (num_nonnulls("funding_lines"."partnership_id", "funding_lines"."pilot_id") = 1),
	CONSTRAINT "funding_lines_amount_check" CHECK ("funding_lines"."amount" >= 0),
	CONSTRAINT "funding_lines_cofinancing_rate_check" CHECK ("funding_lines"."cofinancing_rate" between 0 and 100),
	CONSTRAINT "funding_lines_currency_check" CHECK ("funding_lines"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "funding_lines_dates_check" CHECK ("funding_lines"."ends_on" is null or "funding_lines"."starts_on" is null or "funding_lines"."ends_on" >= "funding_lines"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "health_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"respondent_organisation_id" uuid NOT NULL,
	"submitted_by" uuid,
	"period" text NOT NULL,
	"objectives_clarity" smallint,
	"mutual_understanding" smallint,
	"trust" smallint,
	"recognition" smallint,
	"power_balance" smallint,
	"funding_stability" smallint,
	"priority_alignment" smallint,
	"communication" smallint,
	"comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_checks_partnership_respondent_period_unique" UNIQUE("partnership_id","respondent_organisation_id","period"),
	CONSTRAINT "health_checks_period_check" CHECK ("health_checks"."period" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "health_checks_objectives_clarity_check" CHECK ("health_checks"."objectives_clarity" between 1 and 5),
	CONSTRAINT "health_checks_mutual_understanding_check" CHECK ("health_checks"."mutual_understanding" between 1 and 5),
	CONSTRAINT "health_checks_trust_check" CHECK ("health_checks"."trust" between 1 and 5),
	CONSTRAINT "health_checks_recognition_check" CHECK ("health_checks"."recognition" between 1 and 5),
	CONSTRAINT "health_checks_power_balance_check" CHECK ("health_checks"."power_balance" between 1 and 5),
	CONSTRAINT "health_checks_funding_stability_check" CHECK ("health_checks"."funding_stability" between 1 and 5),
	CONSTRAINT "health_checks_priority_alignment_check" CHECK ("health_checks"."priority_alignment" between 1 and 5),
	CONSTRAINT "health_checks_communication_check" CHECK ("health_checks"."communication" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"title" text NOT NULL,
	"indicator" text,
	"target" numeric,
	"unit" text,
	"progress" numeric,
	"due_date" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objectives_status_check" CHECK ("objectives"."status" in ('not_started', 'on_track', 'at_risk', 'achieved', 'dropped')),
	CONSTRAINT "objectives_progress_check" CHECK ("objectives"."progress" >= 0)
);
--> statement-breakpoint
CREATE TABLE "partnership_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text DEFAULT 'partner' NOT NULL,
	"mandate" text,
	"contribution" text,
	"joined_on" date,
	"left_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_members_partnership_organisation_unique" UNIQUE("partnership_id","organisation_id"),
	CONSTRAINT "partnership_members_role_check" CHECK ("partnership_members"."role" in ('lead', 'partner', 'funder', 'observer')),
	CONSTRAINT "partnership_members_dates_check" CHECK ("partnership_members"."left_on" is null or "partnership_members"."joined_on" is null or "partnership_members"."left_on" >= "partnership_members"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'exploring' NOT NULL,
	"start_date" date,
	"end_date" date,
	"scope_level" text,
	"country_code" text,
	"formalisation" text DEFAULT 'informal' NOT NULL,
	"governance" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_status_check" CHECK ("partnerships"."status" in ('exploring', 'forming', 'active', 'paused', 'ended')),
	CONSTRAINT "partnerships_scope_level_check" CHECK ("partnerships"."scope_level" in ('eu_international', 'national', 'regional', 'local')),
	CONSTRAINT "partnerships_formalisation_check" CHECK ("partnerships"."formalisation" in ('informal', 'memorandum', 'covenant', 'contract', 'grant_agreement')),
	CONSTRAINT "partnerships_country_code_check" CHECK ("partnerships"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "partnerships_dates_check" CHECK ("partnerships"."end_date" is null or "partnerships"."start_date" is null or "partnerships"."end_date" >= "partnerships"."start_date")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"likelihood" smallint NOT NULL,
	"impact" smallint NOT NULL,
	"owner_organisation_id" uuid,
	"mitigation" text,
	"status" text DEFAULT 'open' NOT NULL,
	"review_on" date,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_category_check" CHECK ("risks"."category" in ('trust_deficit', 'power_imbalance', 'conflicting_priorities', 'organisational_diversity', 'funding', 'legal_mandate', 'other')),
	CONSTRAINT "risks_status_check" CHECK ("risks"."status" in ('open', 'mitigating', 'closed')),
	CONSTRAINT "risks_likelihood_check" CHECK ("risks"."likelihood" between 1 and 5),
	CONSTRAINT "risks_impact_check" CHECK ("risks"."impact" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"due_on" date,
	"done_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_status_check" CHECK ("milestones"."status" in ('planned', 'in_progress', 'done', 'delayed', 'cancelled')),
	CONSTRAINT "milestones_position_check" CHECK ("milestones"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pilot_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_period_id" uuid NOT NULL,
	"pathway" text NOT NULL,
	"count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_outcomes_period_pathway_unique" UNIQUE("pilot_period_id","pathway"),
	CONSTRAINT "pilot_outcomes_pathway_check" CHECK ("pilot_outcomes"."pathway" in ('residence_permit', 'regularisation_humanitarian', 'regularisation_medical', 'family_reunification', 'international_protection', 'voluntary_return', 'independent_return', 'forced_return', 'onward_migration', 'new_asylum_application', 'postponed_departure_medical', 'state_reception', 'departed_unknown', 'no_solution_other')),
	CONSTRAINT "pilot_outcomes_count_check" CHECK ("pilot_outcomes"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pilot_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"new_participants" integer DEFAULT 0 NOT NULL,
	"participants_at_end" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_periods_pilot_period_start_unique" UNIQUE("pilot_id","period_start"),
	CONSTRAINT "pilot_periods_dates_check" CHECK ("pilot_periods"."period_end" is null or "pilot_periods"."period_start" is null or "pilot_periods"."period_end" >= "pilot_periods"."period_start"),
	CONSTRAINT "pilot_periods_new_participants_check" CHECK ("pilot_periods"."new_participants" >= 0),
	CONSTRAINT "pilot_periods_participants_at_end_check" CHECK ("pilot_periods"."participants_at_end" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pilots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"partnership_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"target_group" text NOT NULL,
	"pathways" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"capacity" integer,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilots_target_group_check" CHECK ("pilots"."target_group" in ('return_decision', 'unknown_to_authorities', 'both')),
	CONSTRAINT "pilots_pathways_check" CHECK ("pilots"."pathways" <@ ARRAY['residence_permit', 'regularisation_humanitarian', 'regularisation_medical', 'family_reunification', 'international_protection', 'voluntary_return', 'independent_return', 'forced_return', 'onward_migration', 'new_asylum_application', 'postponed_departure_medical', 'state_reception', 'departed_unknown', 'no_solution_other']::text[]),
	CONSTRAINT "pilots_status_check" CHECK ("pilots"."status" in ('planned', 'running', 'paused', 'completed', 'stopped')),
	CONSTRAINT "pilots_dates_check" CHECK ("pilots"."ends_on" is null or "pilots"."starts_on" is null or "pilots"."ends_on" >= "pilots"."starts_on"),
	CONSTRAINT "pilots_capacity_check" CHECK ("pilots"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_organisers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_organisers_event_organisation_unique" UNIQUE("event_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "event_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"attendee_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_participants_event_organisation_unique" UNIQUE("event_id","organisation_id"),
	CONSTRAINT "event_participants_attendee_count_check" CHECK ("event_participants"."attendee_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_takeaways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"theme" text,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_takeaways_position_check" CHECK ("event_takeaways"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'seminar' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"location" text,
	"online" boolean DEFAULT false NOT NULL,
	"description" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_kind_check" CHECK ("events"."kind" in ('seminar', 'workshop', 'conference', 'meeting')),
	CONSTRAINT "events_dates_check" CHECK ("events"."ends_on" is null or "events"."starts_on" is null or "events"."ends_on" >= "events"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "follow_up_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"partnership_id" uuid,
	"pilot_id" uuid,
	"organisation_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"owner_organisation_id" uuid,
	"owner_user_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_actions_status_check" CHECK ("follow_up_actions"."status" in ('open', 'in_progress', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"batch_id" uuid,
	CONSTRAINT "audit_log_action_check" CHECK ("audit_log"."action" in ('create', 'update', 'archive', 'restore', 'delete', 'seed', 'import'))
);
--> statement-breakpoint
CREATE TABLE "graph_layouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"positions" jsonb NOT NULL,
	"updated_by" uuid,
	"data_version" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graph_layouts_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_municipalities" ADD CONSTRAINT "user_municipalities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_municipalities" ADD CONSTRAINT "user_municipalities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_organisation_id_organisations_id_fk" FOREIGN KEY ("parent_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_respondent_organisation_id_organisations_id_fk" FOREIGN KEY ("respondent_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_members" ADD CONSTRAINT "partnership_members_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_members" ADD CONSTRAINT "partnership_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_outcomes" ADD CONSTRAINT "pilot_outcomes_pilot_period_id_pilot_periods_id_fk" FOREIGN KEY ("pilot_period_id") REFERENCES "public"."pilot_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_periods" ADD CONSTRAINT "pilot_periods_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisers" ADD CONSTRAINT "event_organisers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisers" ADD CONSTRAINT "event_organisers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_takeaways" ADD CONSTRAINT "event_takeaways_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_actions" ADD CONSTRAINT "follow_up_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_layouts" ADD CONSTRAINT "graph_layouts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_organisation_id_idx" ON "invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "invitations_invited_by_idx" ON "invitations" USING btree ("invited_by");--> statement-breakpoint
CREATE INDEX "invitations_email_lower_idx" ON "invitations" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "password_resets_user_id_idx" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "password_resets_created_by_idx" ON "password_resets" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_municipalities_municipality_id_idx" ON "user_municipalities" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organisation_id_idx" ON "users" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "municipalities_name_idx" ON "municipalities" USING btree ("name");--> statement-breakpoint
CREATE INDEX "municipalities_country_code_idx" ON "municipalities" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "municipalities_organisation_id_idx" ON "municipalities" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "organisations_type_idx" ON "organisations" USING btree ("type");--> statement-breakpoint
CREATE INDEX "organisations_level_idx" ON "organisations" USING btree ("level");--> statement-breakpoint
CREATE INDEX "organisations_country_code_idx" ON "organisations" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "organisations_municipality_id_idx" ON "organisations" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "organisations_parent_organisation_id_idx" ON "organisations" USING btree ("parent_organisation_id");--> statement-breakpoint
CREATE INDEX "relationships_from_organisation_id_idx" ON "relationships" USING btree ("from_organisation_id");--> statement-breakpoint
CREATE INDEX "relationships_to_organisation_id_idx" ON "relationships" USING btree ("to_organisation_id");--> statement-breakpoint
CREATE INDEX "relationships_type_idx" ON "relationships" USING btree ("type");--> statement-breakpoint
CREATE INDEX "documents_partnership_id_idx" ON "documents" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "documents_pilot_id_idx" ON "documents" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "funding_lines_partnership_id_idx" ON "funding_lines" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "funding_lines_pilot_id_idx" ON "funding_lines" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "funding_lines_funder_organisation_id_idx" ON "funding_lines" USING btree ("funder_organisation_id");--> statement-breakpoint
CREATE INDEX "funding_lines_recipient_organisation_id_idx" ON "funding_lines" USING btree ("recipient_organisation_id");--> statement-breakpoint
CREATE INDEX "funding_lines_source_idx" ON "funding_lines" USING btree ("source");--> statement-breakpoint
CREATE INDEX "health_checks_respondent_organisation_id_idx" ON "health_checks" USING btree ("respondent_organisation_id");--> statement-breakpoint
CREATE INDEX "health_checks_submitted_by_idx" ON "health_checks" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "objectives_partnership_id_idx" ON "objectives" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "objectives_status_idx" ON "objectives" USING btree ("status");--> statement-breakpoint
CREATE INDEX "partnership_members_organisation_id_idx" ON "partnership_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "partnerships_status_idx" ON "partnerships" USING btree ("status");--> statement-breakpoint
CREATE INDEX "partnerships_country_code_idx" ON "partnerships" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "partnerships_name_idx" ON "partnerships" USING btree ("name");--> statement-breakpoint
CREATE INDEX "risks_partnership_id_idx" ON "risks" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "risks_category_idx" ON "risks" USING btree ("category");--> statement-breakpoint
CREATE INDEX "risks_status_idx" ON "risks" USING btree ("status");--> statement-breakpoint
CREATE INDEX "risks_owner_organisation_id_idx" ON "risks" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "milestones_pilot_id_idx" ON "milestones" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "milestones_due_on_idx" ON "milestones" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "pilots_municipality_id_idx" ON "pilots" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "pilots_partnership_id_idx" ON "pilots" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "pilots_status_idx" ON "pilots" USING btree ("status");--> statement-breakpoint
CREATE INDEX "event_organisers_organisation_id_idx" ON "event_organisers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "event_participants_organisation_id_idx" ON "event_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "event_takeaways_event_id_idx" ON "event_takeaways" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "events_starts_on_idx" ON "events" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "events_kind_idx" ON "events" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "events_created_by_idx" ON "events" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "follow_up_actions_event_id_idx" ON "follow_up_actions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_partnership_id_idx" ON "follow_up_actions" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_pilot_id_idx" ON "follow_up_actions" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_organisation_id_idx" ON "follow_up_actions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_owner_organisation_id_idx" ON "follow_up_actions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_owner_user_id_idx" ON "follow_up_actions" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "follow_up_actions_status_idx" ON "follow_up_actions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "follow_up_actions_due_on_idx" ON "follow_up_actions" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user_id_idx" ON "audit_log" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_batch_id_idx" ON "audit_log" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "graph_layouts_updated_by_idx" ON "graph_layouts" USING btree ("updated_by");