// Client-safe leaf (imports nothing): the doctor_reports CHECK constraint and the report type derive from it.

// clean: nothing wrong (collectable upload leftovers may be counted); fixed: what was wrong was repaired; broken:
// something is still wrong
export const DOCTOR_STATUSES = ["clean", "fixed", "broken"] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];
