ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "locale" DROP NOT NULL;--> statement-breakpoint
-- No one ever chose the former default 'en', and a stored 'en' or 'fr' may have been copied from a
-- browser-guessed cookie at invitation: such accounts start with no preference (decision 0026). An
-- account whose audit log holds an update of that user with a `locale` in `after` chose it with the
-- former /account selector (setOwnLocale), and keeps its current language.
UPDATE "users" SET "locale" = NULL
WHERE NOT EXISTS (
  SELECT 1 FROM "audit_log"
  WHERE "audit_log"."entity_type" = 'user'
    AND "audit_log"."action" = 'update'
    AND "audit_log"."entity_id" = "users"."id"::text
    AND ("audit_log"."after" -> 'locale') IS NOT NULL
);
