import { bigserial, boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { DOCTOR_STATUSES } from "@/lib/enums/doctor-statuses";
import { checkOneOf, createdAt } from "./columns";

// Every doctor run, so admins can see the last report in the UI without re-scanning the bucket.
export const doctorReports = pgTable(
  "doctor_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    status: text("status", { enum: DOCTOR_STATUSES }).notNull(),
    fix: boolean("fix").notNull(),
    verifyChecksums: boolean("verify_checksums").notNull(),
    report: jsonb("report").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // the admin page's "last report"
    index("doctor_reports_created_at_idx").on(table.createdAt.desc()),
    checkOneOf("doctor_reports_status_check", table.status, DOCTOR_STATUSES),
  ],
);
