import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { CLAIM_PURPOSES } from "@/lib/enums/image-enums";
import { checkOneOf, createdAt } from "./columns";

// A short lease on one sha256 while its objects are written or removed, so ingest and purge of the same bytes
// never interleave, and no database transaction (or pooled connection) stays open during bucket I/O. The
// holder proves ownership with its token; an expired lease may be taken over (its holder died). A dataset export
// claims its manifest hash the same way while it builds the archive (lib/datasets/export/export-version-archive.ts).
export const sha256Claims = pgTable(
  "sha256_claims",
  {
    sha256: text("sha256").primaryKey(),
    token: uuid("token").notNull(),
    purpose: text("purpose", { enum: CLAIM_PURPOSES }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [checkOneOf("sha256_claims_purpose_check", table.purpose, CLAIM_PURPOSES)],
);
