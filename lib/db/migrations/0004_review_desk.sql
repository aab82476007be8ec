CREATE TABLE "review_reasons" (
	"review_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_reasons_pkey" PRIMARY KEY("review_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "review_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"approvals_required" smallint DEFAULT 1 NOT NULL,
	"rejections_required" smallint DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_settings_singleton_check" CHECK ("review_settings"."id" = 1),
	CONSTRAINT "review_settings_required_check" CHECK ("review_settings"."approvals_required" between 1 and 20 and "review_settings"."rejections_required" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "review_events" ADD COLUMN "undoes_event_id" bigint;--> statement-breakpoint
ALTER TABLE "review_reasons" ADD CONSTRAINT "review_reasons_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reasons" ADD CONSTRAINT "review_reasons_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_reasons_tag_id_review_id_idx" ON "review_reasons" USING btree ("tag_id","review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_events_undoes_event_id_key" ON "review_events" USING btree ("undoes_event_id");