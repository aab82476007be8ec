import "server-only";
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { findJobStates, type JobState } from "@/lib/jobs/find-job-states";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import type { Finding } from "./doctor-report";

const PAGE_SIZE = 1000;

/**
 * Derived work that is overdue or failed. `overdue_derivation`: an image still pending after `graceMs` (by the
 * database's clock, as its created_at), with what its job says (waiting: is a worker running? failed after its
 * retries; none); `--fix` derives it now. `failed_derivation`: the worker found the original undecodable; nothing
 * to repair, so it stays broken until the image is deleted or posted again as a good file.
 */
export async function checkDerivations(
  db: Database,
  options: { graceMs: number },
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  for await (const page of pagesOf(db, "pending", options.graceMs)) {
    const jobs = await findJobStates(
      db,
      DERIVE_QUEUE,
      page.map((row) => row.id),
    );
    for (const row of page) {
      await emit({
        kind: "overdue_derivation",
        imageId: row.id,
        detail: describeJob(jobs.get(row.id)),
        fixed: false,
      });
    }
  }
  for await (const page of pagesOf(db, "failed", 0)) {
    for (const row of page) {
      await emit({
        kind: "failed_derivation",
        imageId: row.id,
        detail: row.deriveError ?? undefined,
        fixed: false,
      });
    }
  }
}

async function* pagesOf(db: Database, state: "pending" | "failed", graceMs: number) {
  let after: string | null = null;
  for (;;) {
    const page: { id: string; deriveError: string | null }[] = await db
      .select({ id: images.id, deriveError: images.deriveError })
      .from(images)
      .where(
        and(
          eq(images.deriveState, state),
          // A row whose original is gone is the originals check's finding (missing_object), not this one.
          eq(images.objectState, "present"),
          lt(images.createdAt, sql`now() - ${`${graceMs} milliseconds`}::interval`),
          after === null ? undefined : gt(images.id, after),
        ),
      )
      .orderBy(asc(images.id))
      .limit(PAGE_SIZE);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    after = last.id;
  }
}

function describeJob(job: JobState | undefined): string {
  if (!job) return "no job queued for it";
  if (job.state === "created" || job.state === "retry")
    return `its job waits for a worker (attempt ${job.attempts}); is a worker running?`;
  if (job.state === "active") return "its job is running";
  if (job.state === "failed")
    return `its job failed after ${job.attempts} attempts: ${job.message ?? "no message"}`;
  return `its job is ${job.state}`;
}
