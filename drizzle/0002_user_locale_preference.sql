ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "locale" DROP NOT NULL;--> statement-breakpoint
-- No one ever chose the former default 'en', and a chosen 'en' or 'fr' cannot be told from one copied
-- from the browser's language at sign-up: every account starts with no preference (decision 0026).
UPDATE "users" SET "locale" = NULL;
