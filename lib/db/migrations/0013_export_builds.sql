CREATE TABLE "export_build_parts" (
	"manifest_sha256" text NOT NULL,
	"part_number" integer NOT NULL,
	"etag" text NOT NULL,
	"crcs" jsonb NOT NULL,
	CONSTRAINT "export_build_parts_pkey" PRIMARY KEY("manifest_sha256","part_number")
);
--> statement-breakpoint
CREATE TABLE "export_builds" (
	"manifest_sha256" text PRIMARY KEY NOT NULL,
	"object_key" text NOT NULL,
	"upload_id" text NOT NULL,
	"part_bytes" integer NOT NULL,
	"total_bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_builds_manifest_sha256_check" CHECK ("export_builds"."manifest_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "export_builds_sizes_check" CHECK ("export_builds"."part_bytes" > 0 and "export_builds"."total_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "export_build_parts" ADD CONSTRAINT "export_build_parts_manifest_sha256_export_builds_manifest_sha256_fk" FOREIGN KEY ("manifest_sha256") REFERENCES "public"."export_builds"("manifest_sha256") ON DELETE cascade ON UPDATE no action;