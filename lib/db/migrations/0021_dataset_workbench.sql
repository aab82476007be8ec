CREATE TABLE "dataset_caption_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"image_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	CONSTRAINT "dataset_caption_changes_kind_check" CHECK ("dataset_caption_changes"."kind" in ('edit', 'template', 'tags', 'undo'))
);
--> statement-breakpoint
CREATE TABLE "dataset_caption_edits" (
	"change_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"edited_at_before" timestamp with time zone,
	CONSTRAINT "dataset_caption_edits_pkey" PRIMARY KEY("change_id","image_id")
);
--> statement-breakpoint
ALTER TABLE "dataset_images" ADD COLUMN "caption_edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_caption_changes" ADD CONSTRAINT "dataset_caption_changes_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_caption_changes" ADD CONSTRAINT "dataset_caption_changes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_caption_edits" ADD CONSTRAINT "dataset_caption_edits_change_id_dataset_caption_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."dataset_caption_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_caption_edits" ADD CONSTRAINT "dataset_caption_edits_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_caption_edits" ADD CONSTRAINT "dataset_caption_edits_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataset_caption_changes_dataset_id_created_at_idx" ON "dataset_caption_changes" USING btree ("dataset_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dataset_caption_edits_dataset_id_image_id_idx" ON "dataset_caption_edits" USING btree ("dataset_id","image_id");--> statement-breakpoint
CREATE INDEX "dataset_caption_edits_image_id_idx" ON "dataset_caption_edits" USING btree ("image_id");