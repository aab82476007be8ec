import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  inet,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { apiKeys, users } from "./auth";
import { createdAt } from "./columns";

// Every sign-in attempt; rate limits count recent failures per account and per IP from here, so they hold across
// several app instances.
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: inet("ip"),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // recent failures for one account
    index("login_attempts_email_created_at_idx").on(sql`lower(${table.email})`, table.createdAt.desc()),
    // recent failures from one address
    index("login_attempts_ip_created_at_idx").on(table.ip, table.createdAt.desc()),
  ],
);

// Admin actions: who did what to what, and when. Append-only.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // the admin audit page, newest first
  (table) => [index("audit_events_created_at_idx").on(table.createdAt.desc())],
);

// One-time invitation links: only the token's sha256 is stored.
export const userInvites = pgTable(
  "user_invites",
  {
    tokenSha256: text("token_sha256").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    // a user's open invite
    uniqueIndex("user_invites_user_id_open_key").on(table.userId).where(sql`${table.usedAt} is null`),
    check("user_invites_expiry_check", sql`${table.expiresAt} > ${table.createdAt}`),
  ],
);
