CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_pkey" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_sha256" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"last_used_ip" "inet",
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_scopes_check" CHECK (cardinality("api_keys"."scopes") > 0 and "api_keys"."scopes" <@ array['ingest', 'read', 'critic', 'admin']::text[])
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"image" text,
	"email_verified" timestamp with time zone,
	"role" text DEFAULT 'viewer' NOT NULL,
	"password_hash" text,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'reviewer', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_pkey" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "dataset_images" (
	"dataset_id" uuid NOT NULL,
	"image_id" uuid NOT NULL,
	"caption" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataset_images_pkey" PRIMARY KEY("dataset_id","image_id")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"filter" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_variants" (
	"image_id" uuid NOT NULL,
	"name" text NOT NULL,
	"object_key" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_variants_pkey" PRIMARY KEY("image_id","name"),
	CONSTRAINT "image_variants_name_check" CHECK ("image_variants"."name" in ('thumb', 'preview'))
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"bucket" text NOT NULL,
	"object_key" text NOT NULL,
	"object_state" text DEFAULT 'present' NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"placeholder" text,
	"run_id" uuid,
	"source" text NOT NULL,
	"generator" text,
	"prompt" text,
	"negative_prompt" text,
	"seed" numeric(20, 0),
	"model" text,
	"model_version" text,
	"model_hash" text,
	"sampler" text,
	"scheduler" text,
	"steps" integer,
	"cfg_scale" double precision,
	"loras" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"workflow" jsonb,
	"raw_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_status" text DEFAULT 'unreviewed' NOT NULL,
	"score_avg" real,
	"prompt_search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("images"."prompt", '')), 'A') || setweight(to_tsvector('simple', coalesce("images"."negative_prompt", '')), 'D')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "images_sha256_check" CHECK ("images"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "images_source_check" CHECK ("images"."source" in ('api', 'upload', 'import')),
	CONSTRAINT "images_generator_check" CHECK ("images"."generator" in ('comfyui', 'a1111', 'invokeai', 'novelai', 'fooocus', 'swarmui', 'other')),
	CONSTRAINT "images_review_status_check" CHECK ("images"."review_status" in ('unreviewed', 'approved', 'rejected', 'conflicting', 'skipped')),
	CONSTRAINT "images_object_state_check" CHECK ("images"."object_state" in ('present', 'missing')),
	CONSTRAINT "images_dimensions_check" CHECK ("images"."width" > 0 and "images"."height" > 0 and "images"."byte_size" > 0),
	CONSTRAINT "images_steps_check" CHECK ("images"."steps" is null or "images"."steps" >= 0),
	CONSTRAINT "images_seed_check" CHECK ("images"."seed" is null or "images"."seed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"generator" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "critiques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"image_id" uuid NOT NULL,
	"critic" text NOT NULL,
	"critic_version" text NOT NULL,
	"score" real,
	"decision" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "critiques_decision_check" CHECK ("critiques"."decision" in ('approve', 'reject', 'skip')),
	CONSTRAINT "critiques_score_check" CHECK ("critiques"."score" is null or "critiques"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "image_tags" (
	"image_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_tags_pkey" PRIMARY KEY("image_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"image_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"action" text NOT NULL,
	"decision" text,
	"score" smallint,
	"note" text,
	"tag_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_events_action_check" CHECK ("review_events"."action" in ('decide', 'score', 'note', 'tag', 'undo', 'clear')),
	CONSTRAINT "review_events_decision_check" CHECK ("review_events"."decision" in ('approve', 'reject', 'skip')),
	CONSTRAINT "review_events_score_check" CHECK ("review_events"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"image_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text,
	"score" smallint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_decision_check" CHECK ("reviews"."decision" in ('approve', 'reject', 'skip')),
	CONSTRAINT "reviews_score_check" CHECK ("reviews"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'label' NOT NULL,
	"color" text,
	"hotkey" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_kind_check" CHECK ("tags"."kind" in ('reject_reason', 'approve_reason', 'label')),
	CONSTRAINT "tags_color_check" CHECK ("tags"."color" is null or "tags"."color" ~ '^#[0-9a-fA-F]{6}$')
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_images" ADD CONSTRAINT "dataset_images_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_images" ADD CONSTRAINT "dataset_images_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_variants" ADD CONSTRAINT "image_variants_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critiques" ADD CONSTRAINT "critiques_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_id_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_sha256_key" ON "api_keys" USING btree ("secret_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "dataset_images_image_id_idx" ON "dataset_images" USING btree ("image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_name_key" ON "datasets" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "image_variants_object_key_key" ON "image_variants" USING btree ("object_key");--> statement-breakpoint
CREATE UNIQUE INDEX "images_sha256_key" ON "images" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "images_object_key_key" ON "images" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "images_created_at_id_idx" ON "images" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "images"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "images_run_id_created_at_idx" ON "images" USING btree ("run_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "images_model_created_at_idx" ON "images" USING btree ("model","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "images_review_status_created_at_idx" ON "images" USING btree ("review_status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "images_score_avg_id_idx" ON "images" USING btree ("score_avg","id");--> statement-breakpoint
CREATE INDEX "images_seed_idx" ON "images" USING btree ("seed");--> statement-breakpoint
CREATE INDEX "images_loras_idx" ON "images" USING gin ("loras" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "images_prompt_search_idx" ON "images" USING gin ("prompt_search");--> statement-breakpoint
CREATE INDEX "images_deleted_at_idx" ON "images" USING btree ("deleted_at") WHERE "images"."deleted_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "runs_name_key" ON "runs" USING btree ("name");--> statement-breakpoint
CREATE INDEX "critiques_image_id_critic_idx" ON "critiques" USING btree ("image_id","critic","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "image_tags_tag_id_image_id_idx" ON "image_tags" USING btree ("tag_id","image_id");--> statement-breakpoint
CREATE INDEX "review_events_image_id_created_at_idx" ON "review_events" USING btree ("image_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "review_events_reviewer_id_id_idx" ON "review_events" USING btree ("reviewer_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_image_id_reviewer_id_key" ON "reviews" USING btree ("image_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "reviews_reviewer_id_image_id_idx" ON "reviews" USING btree ("reviewer_id","image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_key" ON "tags" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "tags_hotkey_key" ON "tags" USING btree ("hotkey");