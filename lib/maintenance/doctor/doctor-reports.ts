import "server-only";
import { desc } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { doctorReports } from "@/lib/db/schema";
import type { DoctorReport } from "./doctor-report";

export async function saveDoctorReport(db: Database, report: DoctorReport): Promise<void> {
  await db.insert(doctorReports).values({
    status: report.status,
    fix: report.fix,
    verifyChecksums: report.verify_checksums,
    report,
  });
}

/** The newest report, for the admin page; null before the doctor's first run. */
export async function getLastDoctorReport(db: Database): Promise<(DoctorReport & { id: number }) | null> {
  const [row] = await db
    .select()
    .from(doctorReports)
    .orderBy(desc(doctorReports.createdAt), desc(doctorReports.id))
    .limit(1);
  return row ? { ...(row.report as DoctorReport), id: row.id } : null;
}
