CREATE TABLE "critic_settings" (
	"critic" text PRIMARY KEY NOT NULL,
	"approve_threshold" real NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "critic_settings_threshold_check" CHECK ("critic_settings"."approve_threshold" >= 0 and "critic_settings"."approve_threshold" <= 1)
);
--> statement-breakpoint
ALTER TABLE "critiques" DROP CONSTRAINT "critiques_score_check";--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "scale" text;--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "score_normalized" real;--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "raw" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "is_current" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "critiques" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "critic_settings" ADD CONSTRAINT "critic_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written backfill (1/2): rows stored before scales existed were checked to 0–5; their normalised score
-- is score / 5 and their scale stays null, so the report and the disagreement filter can use them.
UPDATE "critiques" SET "score_normalized" = "score" / 5 WHERE "score" IS NOT NULL;--> statement-breakpoint
-- Hand-written backfill (2/2): of several earlier rows for one (image, critic, version) only the newest stays
-- current; the others become its history, so the unique index on current rows below can be built.
UPDATE "critiques" AS "old" SET "is_current" = false, "superseded_at" = now()
WHERE EXISTS (
  SELECT 1 FROM "critiques" AS "newer"
  WHERE "newer"."image_id" = "old"."image_id" AND "newer"."critic" = "old"."critic"
    AND "newer"."critic_version" = "old"."critic_version"
    AND ("newer"."created_at", "newer"."id") > ("old"."created_at", "old"."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "critiques_current_key" ON "critiques" USING btree ("image_id","critic","critic_version") WHERE "critiques"."is_current";--> statement-breakpoint
CREATE INDEX "critiques_critic_version_idx" ON "critiques" USING btree ("critic","critic_version","image_id") WHERE "critiques"."is_current";--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_scale_check" CHECK ("critiques"."scale" in ('0-1', '1-5', '1-10', '0-100'));--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_score_normalized_check" CHECK ("critiques"."score_normalized" is null or "critiques"."score_normalized" between 0 and 1);--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_score_scale_check" CHECK ("critiques"."scale" is null or ("critiques"."score" is not null and "critiques"."score_normalized" is not null));--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_superseded_check" CHECK ("critiques"."is_current" = ("critiques"."superseded_at" is null));