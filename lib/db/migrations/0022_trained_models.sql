CREATE TABLE "image_trained_models" (
	"image_id" uuid NOT NULL,
	"trained_model_id" uuid NOT NULL,
	"matched_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_trained_models_pkey" PRIMARY KEY("image_id","trained_model_id"),
	CONSTRAINT "image_trained_models_matched_by_check" CHECK ("image_trained_models"."matched_by" in ('hash', 'civitai', 'key'))
);
--> statement-breakpoint
CREATE TABLE "trained_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"dataset_version_id" uuid NOT NULL,
	"sha256" text,
	"autov1" text,
	"autov2" text,
	"autov3" text,
	"match_key" text,
	"civitai_version_id" bigint,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trained_models_kind_check" CHECK ("trained_models"."kind" in ('lora', 'checkpoint')),
	CONSTRAINT "trained_models_sha256_check" CHECK ("trained_models"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "trained_models_autov1_check" CHECK ("trained_models"."autov1" ~ '^[0-9a-f]{8}$'),
	CONSTRAINT "trained_models_autov2_check" CHECK ("trained_models"."autov2" ~ '^[0-9a-f]{10}$' and ("trained_models"."sha256" is null or "trained_models"."autov2" = left("trained_models"."sha256", 10))),
	CONSTRAINT "trained_models_autov3_check" CHECK ("trained_models"."autov3" ~ '^[0-9a-f]{12}$'),
	CONSTRAINT "trained_models_civitai_version_id_check" CHECK ("trained_models"."civitai_version_id" > 0),
	CONSTRAINT "trained_models_identity_check" CHECK (num_nonnulls("trained_models"."sha256", "trained_models"."autov1", "trained_models"."autov2", "trained_models"."autov3", "trained_models"."match_key", "trained_models"."civitai_version_id") > 0)
);
--> statement-breakpoint
ALTER TABLE "image_trained_models" ADD CONSTRAINT "image_trained_models_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_trained_models" ADD CONSTRAINT "image_trained_models_trained_model_id_trained_models_id_fk" FOREIGN KEY ("trained_model_id") REFERENCES "public"."trained_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trained_models" ADD CONSTRAINT "trained_models_dataset_version_id_dataset_versions_id_fk" FOREIGN KEY ("dataset_version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trained_models" ADD CONSTRAINT "trained_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "image_trained_models_trained_model_id_idx" ON "image_trained_models" USING btree ("trained_model_id","image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_name_key" ON "trained_models" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_sha256_key" ON "trained_models" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_autov2_key" ON "trained_models" USING btree ("autov2");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_autov3_key" ON "trained_models" USING btree ("autov3");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_kind_match_key_key" ON "trained_models" USING btree ("kind","match_key");--> statement-breakpoint
CREATE UNIQUE INDEX "trained_models_civitai_version_id_key" ON "trained_models" USING btree ("civitai_version_id");--> statement-breakpoint
CREATE INDEX "trained_models_dataset_version_id_idx" ON "trained_models" USING btree ("dataset_version_id");