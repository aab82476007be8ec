import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { BulkChange, BulkRule } from "@/lib/enums/bulk-rule";
import { REVIEW_DECISIONS, REVIEW_EVENT_ACTIONS } from "@/lib/enums/review-enums";
import { TAG_KINDS } from "@/lib/enums/tag-kinds";
import { users } from "./auth";
import { checkOneOf, createdAt, lifecycleDates } from "./columns";
import { images } from "./images";

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    // restrict: judgements outlive accounts; users are disabled, not deleted
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    decision: text("decision", { enum: REVIEW_DECISIONS }),
    score: smallint("score"),
    note: text("note"),
    ...lifecycleDates,
  },
  (table) => [
    // one current decision per (image, reviewer)
    uniqueIndex("reviews_image_id_reviewer_id_key").on(table.imageId, table.reviewerId),
    // "unreviewed for me" anti-join
    index("reviews_reviewer_id_image_id_idx").on(table.reviewerId, table.imageId),
    checkOneOf("reviews_decision_check", table.decision, REVIEW_DECISIONS),
    check("reviews_score_check", sql`${table.score} between 1 and 5`),
  ],
);

// One change a reviewer made to many images at once (a gallery selection, a whole view, the critics' rule). Its
// review events name it, so one undo takes the whole change back and an image's history says which rule made it.
export const bulkReviews = pgTable(
  "bulk_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    change: jsonb("change").$type<BulkChange>().notNull(),
    rule: jsonb("rule").$type<BulkRule>().notNull(),
    // How many images the change reached (set when the last batch is written).
    imageCount: integer("image_count").notNull().default(0),
    createdAt: createdAt(),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
  },
  // a reviewer's recent bulk changes (the gallery's undo)
  (table) => [index("bulk_reviews_reviewer_id_created_at_idx").on(table.reviewerId, table.createdAt.desc())],
);

// An image in a reviewer's hands (lib/review/claim-review-leases.ts): review mode hands each reviewer a batch of
// leased images, so no two reviewers get one image unless the consensus rule asks for more reviews of it. A lease
// lives until expires_at (renewed while its reviewer keeps deciding) or until its reviewer decides the image (the
// row is deleted; the decision itself then holds the place); an expired row is ignored and replaced.
export const reviewLeases = pgTable(
  "review_leases",
  {
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // one lease per (image, reviewer); an image's leases, counted when it is handed out
    primaryKey({ name: "review_leases_pkey", columns: [table.imageId, table.reviewerId] }),
    // a reviewer's live leases (their queue, renewal)
    index("review_leases_reviewer_id_expires_at_idx").on(table.reviewerId, table.expiresAt),
  ],
);

// Append-only audit trail of every review change; undo and history read it.
export const reviewEvents = pgTable(
  "review_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    action: text("action", { enum: REVIEW_EVENT_ACTIONS }).notNull(),
    decision: text("decision", { enum: REVIEW_DECISIONS }),
    score: smallint("score"),
    note: text("note"),
    tagIds: jsonb("tag_ids").$type<string[]>().notNull().default([]),
    // An undo event names the event it reverts; the other columns then hold the state it restored.
    undoesEventId: bigint("undoes_event_id", { mode: "number" }),
    // Set when the change was part of a bulk change (set null: the event outlives a pruned bulk record).
    bulkReviewId: uuid("bulk_review_id").references(() => bulkReviews.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [
    // an event is undone at most once; undo finds "not yet undone" through it
    uniqueIndex("review_events_undoes_event_id_key").on(table.undoesEventId),
    // an image's review history, newest first
    index("review_events_image_id_created_at_idx").on(table.imageId, table.createdAt.desc()),
    // a reviewer's last action (undo)
    index("review_events_reviewer_id_id_idx").on(table.reviewerId, table.id.desc()),
    // the events of one bulk change (its undo, the history's "by rule …")
    index("review_events_bulk_review_id_idx")
      .on(table.bulkReviewId)
      .where(sql`${table.bulkReviewId} is not null`),
    checkOneOf("review_events_action_check", table.action, REVIEW_EVENT_ACTIONS),
    checkOneOf("review_events_decision_check", table.decision, REVIEW_DECISIONS),
    check("review_events_score_check", sql`${table.score} between 1 and 5`),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // tagKey(name) (lib/tags/tag-key.ts): the name's one folded form, computed in JavaScript only
    foldedName: text("folded_name").notNull(),
    kind: text("kind", { enum: TAG_KINDS }).notNull().default("label"),
    color: text("color"),
    hotkey: text("hotkey"),
    ...lifecycleDates,
  },
  (table) => [
    // one tag per folded name; ingest ("tags": ["Blurry"]), the tag filter and the admin form find tags by it
    uniqueIndex("tags_folded_name_key").on(table.foldedName),
    uniqueIndex("tags_hotkey_key").on(table.hotkey),
    checkOneOf("tags_kind_check", table.kind, TAG_KINDS),
    check("tags_color_check", sql`${table.color} is null or ${table.color} ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);

export const imageTags = pgTable(
  "image_tags",
  {
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    // null when added by an API key at ingest
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: "image_tags_pkey", columns: [table.imageId, table.tagId] }),
    // gallery filter by tag
    index("image_tags_tag_id_image_id_idx").on(table.tagId, table.imageId),
  ],
);

// Reason tags a reviewer chose for their own decision (the "why" of one review, not a label on the image).
export const reviewReasons = pgTable(
  "review_reasons",
  {
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: "review_reasons_pkey", columns: [table.reviewId, table.tagId] }),
    // gallery filter by reason tag
    index("review_reasons_tag_id_review_id_idx").on(table.tagId, table.reviewId),
  ],
);

// The consensus rule (one row): how many approves or rejects an image needs before its status is decided.
export const reviewSettings = pgTable(
  "review_settings",
  {
    id: smallint("id").primaryKey().default(1),
    approvalsRequired: smallint("approvals_required").notNull().default(1),
    rejectionsRequired: smallint("rejections_required").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...lifecycleDates,
  },
  (table) => [
    check("review_settings_singleton_check", sql`${table.id} = 1`),
    check(
      "review_settings_required_check",
      sql`${table.approvalsRequired} between 1 and 20 and ${table.rejectionsRequired} between 1 and 20`,
    ),
  ],
);
