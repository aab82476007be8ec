ALTER TABLE "images" ADD COLUMN "phash" bigint;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "phash_bands" integer[];--> statement-breakpoint
CREATE INDEX "images_phash_bands_idx" ON "images" USING gin ("phash_bands");