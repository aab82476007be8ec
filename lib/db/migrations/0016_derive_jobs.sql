ALTER TABLE "sha256_claims" DROP CONSTRAINT "sha256_claims_purpose_check";--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "derive_state" text DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "derive_error" text;--> statement-breakpoint
CREATE INDEX "images_derive_state_created_at_idx" ON "images" USING btree ("derive_state","created_at") WHERE "images"."derive_state" <> 'done';--> statement-breakpoint
ALTER TABLE "sha256_claims" ADD CONSTRAINT "sha256_claims_purpose_check" CHECK ("sha256_claims"."purpose" in ('ingest', 'purge', 'export', 'derive'));--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_derive_state_check" CHECK ("images"."derive_state" in ('pending', 'done', 'failed'));