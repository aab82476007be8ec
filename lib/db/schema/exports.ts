import { sql } from "drizzle-orm";
import { bigint, check, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { lifecycleDates } from "./columns";

// A dataset export being built in the bucket, part by part (lib/datasets/export/export-version-archive.ts): the
// multipart upload it writes to and, per stored part, its ETag and the CRCs of the entries that part finished.
// With these the next request (after a crash, or a serverless time slice) continues at the next part instead of
// starting again. The rows go when the archive is complete; the archive's object is then the record.
export const exportBuilds = pgTable(
  "export_builds",
  {
    manifestSha256: text("manifest_sha256").primaryKey(),
    objectKey: text("object_key").notNull(),
    uploadId: text("upload_id").notNull(),
    partBytes: integer("part_bytes").notNull(),
    totalBytes: bigint("total_bytes", { mode: "number" }).notNull(),
    ...lifecycleDates,
  },
  (table) => [
    check("export_builds_manifest_sha256_check", sql`${table.manifestSha256} ~ '^[0-9a-f]{64}$'`),
    check("export_builds_sizes_check", sql`${table.partBytes} > 0 and ${table.totalBytes} > 0`),
  ],
);

export const exportBuildParts = pgTable(
  "export_build_parts",
  {
    manifestSha256: text("manifest_sha256")
      .notNull()
      .references(() => exportBuilds.manifestSha256, { onDelete: "cascade" }),
    partNumber: integer("part_number").notNull(),
    etag: text("etag").notNull(),
    /** CRC-32 of each entry whose bytes end in this part, in archive order. */
    crcs: jsonb("crcs").$type<number[]>().notNull(),
  },
  // the build resumes by reading its parts in order
  (table) => [
    primaryKey({ name: "export_build_parts_pkey", columns: [table.manifestSha256, table.partNumber] }),
  ],
);
