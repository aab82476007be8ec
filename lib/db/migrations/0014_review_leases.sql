CREATE TABLE "review_leases" (
	"image_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_leases_pkey" PRIMARY KEY("image_id","reviewer_id")
);
--> statement-breakpoint
ALTER TABLE "review_leases" ADD CONSTRAINT "review_leases_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_leases" ADD CONSTRAINT "review_leases_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_leases_reviewer_id_expires_at_idx" ON "review_leases" USING btree ("reviewer_id","expires_at");