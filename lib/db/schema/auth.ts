import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { API_KEY_SCOPES } from "@/lib/enums/api-key-scopes";
import { USER_ROLES } from "@/lib/enums/roles";
import { checkOneOf, createdAt, lifecycleDates, sqlLiterals } from "./columns";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    image: text("image"),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    role: text("role", { enum: USER_ROLES }).notNull().default("viewer"),
    passwordHash: text("password_hash"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    // Bumped by "sign out everywhere" and by disabling a user: sessions carrying an older value are void.
    sessionVersion: integer("session_version").notNull().default(1),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    // Display choices (theme, grid density, captions, review flow); lib/preferences parses them, unknown keys ignored.
    preferences: jsonb("preferences").$type<Record<string, unknown>>().notNull().default({}),
    ...lifecycleDates,
  },
  (table) => [
    // sign-in looks users up by e-mail, case-insensitively
    uniqueIndex("users_email_key").on(sql`lower(${table.email})`),
    checkOneOf("users_role_check", table.role, USER_ROLES),
  ],
);

// Auth.js adapter tables (OAuth accounts, database sessions, e-mail verification tokens).
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
  },
  (table) => [
    primaryKey({ name: "accounts_pkey", columns: [table.provider, table.providerAccountId] }),
    // listing a user's linked accounts
    index("accounts_user_id_idx").on(table.userId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  // "sign out everywhere" deletes a user's sessions
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ name: "verification_tokens_pkey", columns: [table.identifier, table.token] })],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // The first characters of the key, shown in lists so people can tell keys apart; never enough to use.
    prefix: text("prefix").notNull(),
    secretSha256: text("secret_sha256").notNull(),
    scopes: text("scopes", { enum: API_KEY_SCOPES }).array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: inet("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    // every API request resolves its key by the secret's hash
    uniqueIndex("api_keys_secret_sha256_key").on(table.secretSha256),
    uniqueIndex("api_keys_prefix_key").on(table.prefix),
    check(
      "api_keys_scopes_check",
      sql`cardinality(${table.scopes}) > 0 and ${table.scopes} <@ array[${sqlLiterals(API_KEY_SCOPES)}]::text[]`,
    ),
  ],
);
