-- Model identity (model_key, sampler_key), lossless raw metadata, posted metadata and ingest warnings (issue 12).
DROP INDEX "images_model_created_at_idx";--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "model_key" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "sampler_key" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "raw_chunks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "posted_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "metadata_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Model filter and facets: by the normalised model key (lib/metadata/model-key.ts), keyset on (created_at, id).
CREATE INDEX "images_model_key_created_at_idx" ON "images" USING btree ("model_key","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);