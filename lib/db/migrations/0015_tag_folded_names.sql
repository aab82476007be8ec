-- Tags are matched by tags.folded_name, the key lib/tags/tag-key.ts computes in JavaScript, instead of by
-- lower(name), which follows the database's collation and need not agree with JavaScript. Existing names are
-- unique by lower(name) already (the index dropped below), so lower(name) is a unique provisional key;
-- lib/tags/refold-tag-names.ts then sets every key to tagKey(name) and merges the tags that now share one (NFC and
-- NFD spellings), right after the migrations run (lib/db/migrate.ts).
ALTER TABLE "tags" ADD COLUMN "folded_name" text;--> statement-breakpoint
UPDATE "tags" SET "folded_name" = lower("name");--> statement-breakpoint
ALTER TABLE "tags" ALTER COLUMN "folded_name" SET NOT NULL;--> statement-breakpoint
DROP INDEX "tags_name_key";--> statement-breakpoint
CREATE UNIQUE INDEX "tags_folded_name_key" ON "tags" USING btree ("folded_name");
