CREATE TABLE "bulk_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"change" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"image_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "review_events" ADD COLUMN "bulk_review_id" uuid;--> statement-breakpoint
ALTER TABLE "bulk_reviews" ADD CONSTRAINT "bulk_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_reviews_reviewer_id_created_at_idx" ON "bulk_reviews" USING btree ("reviewer_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_bulk_review_id_bulk_reviews_id_fk" FOREIGN KEY ("bulk_review_id") REFERENCES "public"."bulk_reviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "images_model_key_trgm_idx" ON "images" USING gin ("model_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "images_lora_keys_trgm_idx" ON "images" USING gin ((jsonb_path_query_array("loras", '$[*].key'::jsonpath)::text) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "review_events_bulk_review_id_idx" ON "review_events" USING btree ("bulk_review_id") WHERE "review_events"."bulk_review_id" is not null;