-- Custom SQL migration file, put your code below! --
-- critic_gaps is kept by the database (db/schema/critics.ts says what it holds). An image's gap depends on its
-- current critiques, its review_status and each critic's approve threshold, each written in several places
-- (critique posts, consensus refreshes, a new review rule, the threshold form, backfills), so triggers on all three
-- refresh it and no writer can forget to.
--
-- Race safety. Two transactions changing one image's inputs at once (a critique post and a decision) would each
-- compute the gap from a snapshot without the other's change, and the later commit would keep a stale gap. So every
-- refresh computes while holding the image's row lock, in a statement begun after the lock was granted: its
-- snapshot sees whatever the previous holder committed. A status change holds the lock already (it updates the
-- row); a critique write takes it (FOR NO KEY UPDATE: reviewers' foreign-key checks are not blocked), in id order.
-- A threshold change touches many images, so it takes one advisory lock exclusively instead, which every refresh
-- holds shared. The order is always image rows, then that lock: a refresh never waits for a row while holding it
-- (critic_gaps has no foreign key, whose check would lock image rows), so refreshes cannot wait in a cycle.
-- lib/critics/record-critiques.ts locks a batch's images before its first write for the same reason.

-- Locks these images' rows for a gap refresh, in id order, until the end of the transaction.
CREATE FUNCTION "lock_critic_gap_images"("image_ids" uuid[]) RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT count(*) FROM (SELECT 1 FROM "images" WHERE "id" = ANY("image_ids") ORDER BY "id" FOR NO KEY UPDATE) AS "locked"
$$;--> statement-breakpoint

-- Recomputes the gap rows of these images; the caller holds their row locks (or the thresholds lock exclusively).
-- The verdict is lib/critics/disagreement.ts's criticApproves / criticRejects (a decision when given, else the
-- normalised score against the critic's threshold, 0.5 when it has none); lib/critics/critic-gaps.test.ts holds
-- the two to one meaning.
CREATE FUNCTION "refresh_critic_gaps"("image_ids" uuid[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality("image_ids") = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('critic_gaps thresholds'));
  DELETE FROM "critic_gaps" WHERE "image_id" = ANY("image_ids");
  INSERT INTO "critic_gaps" ("image_id", "critic", "gap")
  SELECT "c"."image_id", CASE WHEN grouping("c"."critic") = 1 THEN '' ELSE "c"."critic" END,
    coalesce(max(abs(CASE WHEN "i"."review_status" = 'approved' THEN 1 ELSE 0 END - "c"."score_normalized")), 0)::real
  FROM "critiques" AS "c"
    JOIN "images" AS "i" ON "i"."id" = "c"."image_id"
    LEFT JOIN "critic_settings" AS "s" ON "s"."critic" = "c"."critic"
  WHERE "c"."image_id" = ANY("image_ids") AND "c"."is_current" AND (
    ("i"."review_status" = 'rejected'
      AND coalesce("c"."decision" = 'approve', "c"."score_normalized" >= coalesce("s"."approve_threshold", 0.5)))
    OR ("i"."review_status" = 'approved'
      AND coalesce("c"."decision" = 'reject', "c"."score_normalized" < coalesce("s"."approve_threshold", 0.5))))
  GROUP BY GROUPING SETS (("c"."image_id", "c"."critic"), ("c"."image_id"));
END
$$;--> statement-breakpoint

-- Critiques: a post inserts the new current rows and supersedes the old ones in an update. Only changes that can
-- move a verdict or a gap count: a deleted API key nulling api_key_id on its critiques refreshes nothing.
-- Critiques are only deleted with their image (below).
CREATE FUNCTION "critiques_refresh_critic_gaps"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "changed" uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    "changed" := array(SELECT DISTINCT "image_id" FROM "new_rows");
  ELSE
    "changed" := array(
      SELECT "n"."image_id" FROM "new_rows" AS "n" JOIN "old_rows" AS "o" USING ("id")
      WHERE ("n"."image_id", "n"."critic", "n"."is_current", "n"."decision", "n"."score_normalized")
        IS DISTINCT FROM ("o"."image_id", "o"."critic", "o"."is_current", "o"."decision", "o"."score_normalized")
      UNION
      SELECT "o"."image_id" FROM "new_rows" AS "n" JOIN "old_rows" AS "o" USING ("id")
      WHERE "n"."image_id" <> "o"."image_id");
  END IF;
  IF cardinality("changed") = 0 THEN RETURN NULL; END IF;
  PERFORM "lock_critic_gap_images"("changed");
  PERFORM "refresh_critic_gaps"("changed");
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "critiques_critic_gaps_insert" AFTER INSERT ON "critiques"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "critiques_refresh_critic_gaps"();--> statement-breakpoint
CREATE TRIGGER "critiques_critic_gaps_update" AFTER UPDATE ON "critiques"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "critiques_refresh_critic_gaps"();--> statement-breakpoint

-- Images: the consensus (review_status) of each image whose status the statement changed; the update holds the
-- row locks. A deleted image takes its gap rows with it, after any threshold change under way.
CREATE FUNCTION "images_refresh_critic_gaps"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_advisory_xact_lock_shared(hashtext('critic_gaps thresholds'));
    DELETE FROM "critic_gaps" WHERE "image_id" IN (SELECT "id" FROM "old_rows");
  ELSE
    PERFORM "refresh_critic_gaps"(array(
      SELECT "n"."id" FROM "new_rows" AS "n" JOIN "old_rows" AS "o" USING ("id")
      WHERE "n"."review_status" IS DISTINCT FROM "o"."review_status"));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "images_critic_gaps_update" AFTER UPDATE ON "images"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "images_refresh_critic_gaps"();--> statement-breakpoint
CREATE TRIGGER "images_critic_gaps_delete" AFTER DELETE ON "images"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "images_refresh_critic_gaps"();--> statement-breakpoint

-- Critic thresholds: moving a threshold between a and b flips the verdict of that critic's critiques without a
-- decision scored in [least(a, b), greatest(a, b)); a critic without a row has the default, 0.5. Which images
-- hold such critiques is itself a read a concurrent post could change, so the thresholds lock is taken first,
-- exclusively: a rare admin action that waits for the refreshes under way, and they for it.
CREATE FUNCTION "critic_settings_refresh_critic_gaps"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "critics" text[];
  "befores" real[];
  "afters" real[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("critic"), array_agg(0.5::real), array_agg("approve_threshold")
    INTO "critics", "befores", "afters" FROM "new_rows";
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg("n"."critic"), array_agg("o"."approve_threshold"), array_agg("n"."approve_threshold")
    INTO "critics", "befores", "afters" FROM "new_rows" AS "n" JOIN "old_rows" AS "o" USING ("critic");
  ELSE
    SELECT array_agg("critic"), array_agg("approve_threshold"), array_agg(0.5::real)
    INTO "critics", "befores", "afters" FROM "old_rows";
  END IF;
  IF "critics" IS NULL THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('critic_gaps thresholds'));
  PERFORM "refresh_critic_gaps"(array(
    SELECT DISTINCT "c"."image_id"
    FROM "critiques" AS "c"
      JOIN unnest("critics", "befores", "afters") AS "changed"("critic", "before", "after")
        ON "changed"."critic" = "c"."critic"
    WHERE "c"."is_current" AND "c"."decision" IS NULL
      AND "c"."score_normalized" >= least("changed"."before", "changed"."after")
      AND "c"."score_normalized" < greatest("changed"."before", "changed"."after")));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "critic_settings_critic_gaps_insert" AFTER INSERT ON "critic_settings"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "critic_settings_refresh_critic_gaps"();--> statement-breakpoint
CREATE TRIGGER "critic_settings_critic_gaps_update" AFTER UPDATE ON "critic_settings"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "critic_settings_refresh_critic_gaps"();--> statement-breakpoint
CREATE TRIGGER "critic_settings_critic_gaps_delete" AFTER DELETE ON "critic_settings"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "critic_settings_refresh_critic_gaps"();--> statement-breakpoint

-- The gaps of the critiques already stored.
SELECT "refresh_critic_gaps"(array(SELECT DISTINCT "image_id" FROM "critiques" WHERE "is_current"));
