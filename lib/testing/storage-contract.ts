// The checks every fault scenario ends with (issue 11, "Fault injection"): whatever broke, the database and
// the bucket still keep the storage contract of DESIGN.md.
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { ERROR_STATUS } from "@/lib/http/responses/errors";
import type { DoctorDeps } from "@/lib/maintenance/doctor/doctor-report";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import type { ErrorCode } from "@/lib/result";
import { getObjectBytes } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/storage";

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// Two hours ahead: past the doctor's one-hour grace, so every object no row names counts as an orphan now.
const pastGrace = () => new Date(Date.now() + 2 * 3_600_000);

export async function countImages(db: Database, sha256: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(images).where(eq(images.sha256, sha256));
  return row?.n ?? 0;
}

/** A success must name a stored image: its row exists and its original holds exactly the hashed bytes. */
export async function expectStoredImage(
  deps: { db: Database; storage: Storage },
  image: { id: string; sha256: string; object_key: string },
): Promise<void> {
  const [row] = await deps.db.select().from(images).where(eq(images.id, image.id));
  expect(row?.sha256, "the image named by a success has a row").toBe(image.sha256);
  const stored = await getObjectBytes(deps.storage, image.object_key);
  expect(stored.ok ? sha256Of(stored.value) : stored.error, "the original holds the hashed bytes").toBe(
    image.sha256,
  );
}

/**
 * A failure must be a clear one: the API error shape with a 4xx or a 503, never a 500. Soft assertions, so a
 * scenario that fails here still runs its later checks (the bytes, the retry, the doctor) and reports them too.
 */
export function expectClearError(status: number, body: unknown): void {
  expect(body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
  const { code, message } = (body as { error: { code: ErrorCode; message: string } }).error;
  expect.soft(ERROR_STATUS[code], "the code belongs to the error table").toBe(status);
  expect.soft(message).not.toMatch(/\n\s+at /);
  expect
    .soft(status === 503 || (status >= 400 && status < 500), `status ${status} (${code}: ${message})`)
    .toBe(true);
}

/**
 * The doctor, verifying every checksum, finds no row without its exact bytes and no broken variant; objects no
 * row names are allowed only as the orphans it collects, and after its --fix a second run is clean.
 */
export async function expectContractHolds(deps: DoctorDeps): Promise<void> {
  const report = await runDoctor(deps, { verifyChecksums: true, now: pastGrace(), examplesPerKind: 5 });
  if (!report.ok) throw new Error(report.error.message);
  const { orphan_object: orphans, ...others } = report.value.counts;
  expect(Object.keys(others), JSON.stringify(report.value.examples)).toEqual([]);
  if (!orphans) return;
  const fixed = await runDoctor(deps, { fix: true, verifyChecksums: true, now: pastGrace() });
  expect(fixed.ok && fixed.value.status).toBe("fixed");
  const after = await runDoctor(deps, { verifyChecksums: true, now: pastGrace() });
  expect(after.ok && after.value.status).toBe("clean");
}
