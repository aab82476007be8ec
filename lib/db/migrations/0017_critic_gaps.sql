CREATE TABLE "critic_gaps" (
	"image_id" uuid NOT NULL,
	"critic" text NOT NULL,
	"gap" real NOT NULL,
	CONSTRAINT "critic_gaps_pkey" PRIMARY KEY("image_id","critic")
);
--> statement-breakpoint
CREATE INDEX "critic_gaps_critic_gap_idx" ON "critic_gaps" USING btree ("critic","gap" DESC NULLS LAST,"image_id" DESC NULLS LAST);