CREATE TABLE "dataset_version_images" (
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"image_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"object_key" text NOT NULL,
	"file_name" text NOT NULL,
	"caption" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "dataset_version_images_pkey" PRIMARY KEY("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "dataset_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"image_count" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataset_versions_version_check" CHECK ("dataset_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "doctor_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"fix" boolean NOT NULL,
	"verify_checksums" boolean NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doctor_reports_status_check" CHECK ("doctor_reports"."status" in ('clean', 'fixed', 'broken'))
);
--> statement-breakpoint
ALTER TABLE "dataset_version_images" ADD CONSTRAINT "dataset_version_images_version_id_dataset_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version_images" ADD CONSTRAINT "dataset_version_images_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_version_images_version_id_image_id_key" ON "dataset_version_images" USING btree ("version_id","image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_version_images_version_id_file_name_key" ON "dataset_version_images" USING btree ("version_id","file_name");--> statement-breakpoint
CREATE INDEX "dataset_version_images_image_id_idx" ON "dataset_version_images" USING btree ("image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_versions_dataset_id_version_key" ON "dataset_versions" USING btree ("dataset_id","version");--> statement-breakpoint
CREATE INDEX "doctor_reports_created_at_idx" ON "doctor_reports" USING btree ("created_at" DESC NULLS LAST);