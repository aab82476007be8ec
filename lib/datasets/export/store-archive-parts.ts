import "server-only";
import type { Database } from "@/lib/db/client";
import { ok, type Result } from "@/lib/result";
import { type CompletedPart, uploadPart } from "@/lib/storage/multipart";
import type { Storage } from "@/lib/storage/storage";
import { archiveBytes, type EntryBody } from "./archive-bytes";
import { type BuildProgress, recordPart } from "./export-build-state";
import { entriesEndingBy, type ZipPlan } from "./zip-layout";

// One part uploads while the next is read: two parts in flight, three in memory at most.
const PARTS_IN_FLIGHT = 2;

type Pending = { partNumber: number; end: number; upload: Promise<Result<string>> };

/**
 * Stores the archive's parts from the first one not yet recorded, each recorded (in order) once the bucket has
 * it, until the archive is whole or `deadline` passes (then after the parts in flight). Returns the progress.
 */
export async function storeParts(
  deps: { db: Database; storage: Storage },
  input: { plan: ZipPlan; bodies: (index: number) => EntryBody; progress: BuildProgress; deadline: number },
): Promise<Result<BuildProgress>> {
  const { plan, progress } = input;
  const { manifestSha256, objectKey: key, uploadId, partBytes } = progress.build;
  const parts: CompletedPart[] = [...progress.parts];
  const crcs = [...progress.crcs];
  const start = parts.length * partBytes;
  let recordedEntries = entriesEndingBy(plan, start);
  const pending: Pending[] = [];

  const recordFirst = async (): Promise<Result<void>> => {
    const first = pending.shift();
    if (!first) return ok(undefined);
    const etag = await first.upload;
    if (!etag.ok) return etag;
    const finished = entriesEndingBy(plan, first.end);
    const part = { partNumber: first.partNumber, etag: etag.value };
    await recordPart(deps.db, manifestSha256, { ...part, crcs: crcs.slice(recordedEntries, finished) });
    recordedEntries = finished;
    parts.push(part);
    return ok(undefined);
  };
  /** Settles every upload in flight, recording them in order unless something failed already. */
  const drain = async (failed: Result<void>): Promise<Result<void>> => {
    let outcome = failed;
    while (pending.length > 0) {
      if (outcome.ok) outcome = await recordFirst();
      else await pending.shift()?.upload.catch(() => {});
    }
    return outcome;
  };

  let partNumber = parts.length;
  let failure: Result<void> = ok(undefined);
  let thrown: unknown = null;
  try {
    for await (const body of partsOf(archiveBytes(plan, input.bodies, start, crcs), partBytes)) {
      partNumber += 1;
      const end = Math.min(partNumber * partBytes, plan.totalSize);
      const upload = uploadPart(deps.storage, { key, uploadId, partNumber, body });
      // Awaited in order below; this only keeps one that fails early from counting as unhandled meanwhile.
      upload.catch(() => {});
      pending.push({ partNumber, end, upload });
      if (pending.length >= PARTS_IN_FLIGHT) failure = await recordFirst();
      if (!failure.ok || Date.now() > input.deadline) break;
    }
  } catch (error) {
    thrown = error;
  }
  // Whatever stopped the loop, the uploads in flight settle first: none is left running behind the answer.
  const drained = await drain(failure);
  if (thrown !== null) throw thrown;
  if (!drained.ok) return drained;
  return ok({ build: progress.build, parts, crcs: crcs.slice(0, recordedEntries) });
}

/** The byte stream cut into parts of exactly `partBytes` (the last may be shorter). */
async function* partsOf(bytes: AsyncIterable<Buffer>, partBytes: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let length = 0;
  for await (const chunk of bytes) {
    let rest = chunk;
    while (length + rest.length >= partBytes) {
      const take = partBytes - length;
      yield Buffer.concat([...held, rest.subarray(0, take)], partBytes);
      held = [];
      length = 0;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      held.push(rest);
      length += rest.length;
    }
  }
  if (length > 0) yield Buffer.concat(held, length);
}
