import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { UPLOAD_STATUSES } from "@/lib/enums/image-enums";
import { apiKeys } from "./auth";
import { checkOneOf, createdAt } from "./columns";
import { images } from "./images";

// A retried POST with the same Idempotency-Key gets the first answer back; a different body under the same
// key is a conflict. Keys are scoped to the API key that sent them. The row is inserted first, as a claim
// (completed_at null, no response yet), so concurrent requests with one key run the work once.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestSha256: text("request_sha256").notNull(),
    responseStatus: smallint("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [table.apiKeyId, table.key] }),
    check(
      "idempotency_keys_response_check",
      sql`(${table.completedAt} is null) = (${table.responseStatus} is null)`,
    ),
    // expiry sweep
    index("idempotency_keys_created_at_idx").on(table.createdAt),
  ],
);

// Direct-to-bucket uploads: the client PUTs to a staging key, then completes; the doctor removes staging
// objects of uploads never completed.
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    stagingKey: text("staging_key").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: bigint("byte_size", { mode: "number" }).notNull(),
    status: text("status", { enum: UPLOAD_STATUSES }).notNull().default("pending"),
    imageId: uuid("image_id").references(() => images.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    // doctor: stale pending uploads
    index("uploads_status_created_at_idx").on(table.status, table.createdAt),
    checkOneOf("uploads_status_check", table.status, UPLOAD_STATUSES),
    check("uploads_byte_size_check", sql`${table.byteSize} > 0`),
  ],
);
