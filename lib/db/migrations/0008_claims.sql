CREATE TABLE "sha256_claims" (
	"sha256" text PRIMARY KEY NOT NULL,
	"token" uuid NOT NULL,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sha256_claims_purpose_check" CHECK ("sha256_claims"."purpose" in ('ingest', 'purge'))
);
--> statement-breakpoint
ALTER TABLE "uploads" DROP CONSTRAINT "uploads_status_check";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "response_status" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "last_posted_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
-- Rows written before claims existed are finished answers; images were last posted when created.
UPDATE "idempotency_keys" SET "completed_at" = "created_at";--> statement-breakpoint
UPDATE "images" SET "last_posted_at" = "created_at";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_response_check" CHECK (("idempotency_keys"."completed_at" is null) = ("idempotency_keys"."response_status" is null));--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_status_check" CHECK ("uploads"."status" in ('pending', 'completing', 'completed', 'failed'));