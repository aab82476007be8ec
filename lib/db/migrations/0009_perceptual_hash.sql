ALTER TABLE "images" ADD COLUMN "phash" bigint;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "phash_band0" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "phash_band1" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "phash_band2" integer;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "phash_band3" integer;--> statement-breakpoint
CREATE INDEX "images_phash_band0_idx" ON "images" USING btree ("phash_band0");--> statement-breakpoint
CREATE INDEX "images_phash_band1_idx" ON "images" USING btree ("phash_band1");--> statement-breakpoint
CREATE INDEX "images_phash_band2_idx" ON "images" USING btree ("phash_band2");--> statement-breakpoint
CREATE INDEX "images_phash_band3_idx" ON "images" USING btree ("phash_band3");