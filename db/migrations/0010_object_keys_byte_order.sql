DROP INDEX "image_variants_object_key_key";--> statement-breakpoint
DROP INDEX "images_object_key_key";--> statement-breakpoint
CREATE UNIQUE INDEX "image_variants_object_key_key" ON "image_variants" USING btree ("object_key" collate "C");--> statement-breakpoint
CREATE UNIQUE INDEX "images_object_key_key" ON "images" USING btree ("object_key" collate "C");