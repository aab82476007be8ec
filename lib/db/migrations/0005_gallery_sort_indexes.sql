-- Gallery "sort by score": keyset on (coalesce(score_avg, 0) desc, id desc) over live images; unscored sort last.
CREATE INDEX IF NOT EXISTS "images_score_sort_idx" ON "images" USING btree ((coalesce("score_avg", 0)) DESC, "id" DESC) WHERE "deleted_at" IS NULL;--> statement-breakpoint
-- The consensus rule's single row, with the documented default (one approve or one reject decides).
INSERT INTO "review_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
