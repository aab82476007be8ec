ALTER TABLE "sha256_claims" DROP CONSTRAINT "sha256_claims_purpose_check";--> statement-breakpoint
DROP INDEX "image_variants_object_key_key";--> statement-breakpoint
DROP INDEX "images_object_key_key";--> statement-breakpoint
CREATE UNIQUE INDEX "image_variants_object_key_key" ON "image_variants" USING btree ("object_key" collate "C");--> statement-breakpoint
CREATE UNIQUE INDEX "images_object_key_key" ON "images" USING btree ("object_key" collate "C");--> statement-breakpoint
ALTER TABLE "sha256_claims" ADD CONSTRAINT "sha256_claims_purpose_check" CHECK ("sha256_claims"."purpose" in ('ingest', 'purge', 'export'));