import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CRITIC_DECISIONS, CRITIC_SCALES } from "@/lib/enums/critic-enums";
import { apiKeys, users } from "./auth";
import { checkOneOf, createdAt, float4, lifecycleDates } from "./columns";
import { images } from "./images";

// One row per posted critique. Re-posting (image, critic, critic_version) supersedes the current row
// (is_current false, superseded_at set) and inserts a new one, so the history of a critic's opinion is kept.
export const critiques = pgTable(
  "critiques",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    imageId: uuid("image_id")
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    critic: text("critic").notNull(),
    criticVersion: text("critic_version").notNull(),
    // Raw, as the critic sent it on its declared scale; null only on rows stored before scales existed.
    score: float4("score"),
    scale: text("scale", { enum: CRITIC_SCALES }),
    scoreNormalized: float4("score_normalized"),
    // 'skip' only on rows stored before the critic API; the API takes approve | reject.
    decision: text("decision"),
    reasons: jsonb("reasons").$type<string[]>().notNull().default([]),
    raw: jsonb("raw").$type<Record<string, unknown>>().notNull().default({}),
    isCurrent: boolean("is_current").notNull().default(true),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    // set null: a revoked-then-deleted key must not take its critic's history with it
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [
    // an image's critic scores and their history (image record, GET …/critiques, missing_critic anti-join)
    index("critiques_image_id_critic_idx").on(table.imageId, table.critic, table.createdAt.desc()),
    // one current critique per (image, critic, version): concurrent re-posts cannot leave two current rows
    uniqueIndex("critiques_current_key")
      .on(table.imageId, table.critic, table.criticVersion)
      .where(sql`${table.isCurrent}`),
    // the critic report and the per-critic disagreement filter walk one critic's current rows
    index("critiques_critic_version_idx")
      .on(table.critic, table.criticVersion, table.imageId)
      .where(sql`${table.isCurrent}`),
    checkOneOf("critiques_decision_check", table.decision, [...CRITIC_DECISIONS, "skip"]),
    checkOneOf("critiques_scale_check", table.scale, CRITIC_SCALES),
    check(
      "critiques_score_normalized_check",
      sql`${table.scoreNormalized} is null or ${table.scoreNormalized} between 0 and 1`,
    ),
    check(
      "critiques_score_scale_check",
      sql`${table.scale} is null or (${table.score} is not null and ${table.scoreNormalized} is not null)`,
    ),
    check("critiques_superseded_check", sql`${table.isCurrent} = (${table.supersededAt} is null)`),
  ],
);

// A critic without a decision approves when its normalised score reaches its threshold (0.5 when unset).
export const criticSettings = pgTable(
  "critic_settings",
  {
    critic: text("critic").primaryKey(),
    approveThreshold: float4("approve_threshold").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...lifecycleDates,
  },
  (table) => [
    check(
      "critic_settings_threshold_check",
      sql`${table.approveThreshold} >= 0 and ${table.approveThreshold} <= 1`,
    ),
  ],
);

// The disagreement gap, kept: one row per (image, critic) where a current critique of that critic contradicts the
// human consensus, and one with critic '' (never a critic's name: critic-name.ts) for the largest gap of any critic.
// gap is the largest distance between such a critique's normalised score and the humans' verdict (approved = 1,
// rejected = 0), 0 when those critiques carry no score. Database triggers keep it (the critic_gap_triggers
// migration): every write of critiques, of an image's review_status and of a critic's threshold refreshes the
// images it touches, so no writer can forget to. The disagreement filter and the gap sort read these rows instead of judging every critique of
// every image at query time. No foreign key: its check would lock the image row from inside a refresh, against the
// order the refreshes lock in (the migration explains); a trigger removes an image's rows with the image.
export const criticGaps = pgTable(
  "critic_gaps",
  {
    imageId: uuid("image_id").notNull(),
    critic: text("critic").notNull(),
    gap: float4("gap").notNull(),
  },
  (table) => [
    // the disagreement filter: does this image disagree with this critic (or with any, critic '')
    primaryKey({ name: "critic_gaps_pkey", columns: [table.imageId, table.critic] }),
    // the gap sort's keyset page: one critic's (or '') disagreements, largest gap first
    index("critic_gaps_critic_gap_idx").on(table.critic, table.gap.desc(), table.imageId.desc()),
  ],
);
