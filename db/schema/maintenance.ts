import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

export const DOCTOR_STATUSES = ["clean", "fixed", "broken"] as const;

// Every doctor run, so admins can see the last report in the UI without re-scanning the bucket.
export const doctorReports = pgTable(
  "doctor_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // clean: nothing found; fixed: everything found was repaired; broken: something is still wrong
    status: text("status", { enum: DOCTOR_STATUSES }).notNull(),
    fix: boolean("fix").notNull(),
    verifyChecksums: boolean("verify_checksums").notNull(),
    report: jsonb("report").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // the admin page's "last report"
    index("doctor_reports_created_at_idx").on(table.createdAt.desc()),
    check("doctor_reports_status_check", sql`${table.status} in ('clean', 'fixed', 'broken')`),
  ],
);
