import "server-only";
import type { Database } from "@/lib/db/client";
import { claimSha256, releaseClaim } from "@/lib/images/ingest/sha256-claim";
import { err, ok, type Result } from "@/lib/result";
import { exportKey } from "@/lib/storage/keys";
import { abortMultipartUpload, completeMultipartUpload, startMultipartUpload } from "@/lib/storage/multipart";
import { headObject } from "@/lib/storage/objects";
import { signGetUrl } from "@/lib/storage/signing";
import type { Storage } from "@/lib/storage/storage";
import { type EntryBody, EntryChangedError, SizeMismatchError } from "./archive-bytes";
import {
  type BuildProgress,
  findBuildProgress,
  findBuildSummary,
  forgetBuild,
  recordBuild,
} from "./export-build-state";
import { storeParts } from "./store-archive-parts";
import { ChecksumMismatchError, UnreadableObjectError } from "./verified-object-chunks";
import { entriesEndingBy, type ZipPlan } from "./zip-layout";

export type BucketArchive =
  | { status: "ready"; url: string; key: string; fileName: string; reused: boolean }
  | { status: "building"; bytesDone: number; bytesTotal: number };

/** What an archive holds: its layout and each entry's bytes, made only when the archive is not built yet. */
export type ArchiveLayout = { plan: ZipPlan; bodies: (index: number) => EntryBody };

// Parts are 8 MiB (S3 wants at least 5 MiB but the last), larger when an archive would pass S3's 10,000 parts.
const PART_BYTES = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;
// A request for an export another request is building waits this long for it, then answers with its progress.
const WAIT_FOR_BUILDER_MS = 3_000;

/*
 * The archive is built by the requests that ask for it, in the bucket, part by part: each stored part is
 * recorded (export_builds, export_build_parts) with the CRCs of the entries it finished, and the layout is known
 * up front (zip-layout.ts), so whichever request comes next continues at the next part. That is what lets an
 * export of any size finish on a platform whose functions stop after a few minutes (`sliceMs`: the request
 * stops after the part in flight and answers "building"), and what makes a crash cost one part, not the whole
 * archive. One request builds at a time: it holds the claim (lib/images/ingest/sha256-claim.ts) on the manifest hash,
 * renewed while it works; if its process dies, the lease lapses within seconds and the next request takes over.
 * The archive reaches its key only when the multipart upload completes, so the object's presence is the "done"
 * record and no half archive is ever downloadable.
 */

/**
 * The archive named `archiveSha256` as a ZIP object in the bucket: a signed URL that downloads it as `fileName`
 * (reused when built already), or, while it is being built, how far the build got. `layout` is asked for only
 * when this request builds.
 */
export async function buildBucketArchive(
  deps: { db: Database; storage: Storage },
  archive: { archiveSha256: string; fileName: string; layout: () => ArchiveLayout },
  options: { sliceMs?: number; partBytes?: number } = {},
): Promise<Result<BucketArchive>> {
  const { archiveSha256: manifestSha256, fileName } = archive;
  const key = exportKey(manifestSha256);
  const ready = async (reused: boolean): Promise<Result<BucketArchive>> => {
    const url = await signGetUrl(deps.storage, key, { downloadName: fileName });
    return ok({ status: "ready", url, key, fileName, reused });
  };

  const before = await exists(deps.storage, key);
  if (!before.ok || before.value) return before.ok ? ready(true) : before;
  const claim = await claimSha256(deps.db, manifestSha256, "export", WAIT_FOR_BUILDER_MS);
  if (!claim.ok) {
    const recorded = await findBuildSummary(deps.db, manifestSha256);
    if (!recorded) return ok(building(0, 0));
    const { build, storedParts } = recorded;
    return ok(building(Math.min(build.totalBytes, storedParts * build.partBytes), build.totalBytes));
  }
  try {
    // The request we waited for may have finished it.
    const built = await exists(deps.storage, key);
    if (!built.ok || built.value) {
      if (built.ok) await forgetBuild(deps.db, manifestSha256);
      return built.ok ? ready(true) : built;
    }
    const { plan, bodies } = archive.layout();
    const progress = await resumeOrStart(deps, { manifestSha256, key, plan, partBytes: options.partBytes });
    if (!progress.ok) return progress;
    const deadline = Date.now() + (options.sliceMs ?? Number.POSITIVE_INFINITY);
    const stored = await storeParts(deps, { plan, bodies, progress: progress.value, deadline });
    if (!stored.ok) return uploadLost(stored) ? restart(deps, manifestSha256, plan) : stored;
    const done = bytesStored(stored.value);
    if (done < plan.totalSize) return ok(building(done, plan.totalSize));
    const { uploadId } = progress.value.build;
    const parts = stored.value.parts;
    const completed = await completeMultipartUpload(deps.storage, { key, uploadId, parts });
    if (!completed.ok) return uploadLost(completed) ? restart(deps, manifestSha256, plan) : completed;
    await forgetBuild(deps.db, manifestSha256);
    return ready(false);
  } catch (error) {
    const corrupt =
      error instanceof ChecksumMismatchError ||
      error instanceof SizeMismatchError ||
      error instanceof EntryChangedError;
    if (corrupt) {
      await giveUp(deps, manifestSha256);
      return err("conflict", error.message);
    }
    // The bucket failed to give an image: the parts stored so far stay, and a retry continues from them.
    if (error instanceof UnreadableObjectError) {
      return error.appError.code === "not_found"
        ? err("conflict", `${error.message}; run the doctor`)
        : { ok: false, error: error.appError };
    }
    throw error;
  } finally {
    await releaseClaim(deps.db, claim.value);
  }
}

/** The build recorded for this manifest, or a new one; a record of another layout is dropped (it cannot continue). */
async function resumeOrStart(
  deps: { db: Database; storage: Storage },
  input: { manifestSha256: string; key: string; plan: ZipPlan; partBytes?: number },
): Promise<Result<BuildProgress>> {
  const partBytes =
    input.partBytes ?? Math.max(PART_BYTES, Math.ceil(input.plan.totalSize / MAX_PARTS / 2 ** 20) * 2 ** 20);
  const recorded = await findBuildProgress(deps.db, input.manifestSha256);
  if (recorded) {
    const { build, parts, crcs } = recorded;
    const resumable =
      build.partBytes === partBytes &&
      build.totalBytes === input.plan.totalSize &&
      crcs.length === entriesEndingBy(input.plan, parts.length * partBytes);
    if (resumable) return ok(recorded);
    await giveUp(deps, input.manifestSha256);
  }
  const uploadId = await startMultipartUpload(deps.storage, {
    key: input.key,
    contentType: "application/zip",
  });
  if (!uploadId.ok) return uploadId;
  return ok(
    await recordBuild(deps.db, {
      manifestSha256: input.manifestSha256,
      objectKey: input.key,
      uploadId: uploadId.value,
      partBytes,
      totalBytes: input.plan.totalSize,
    }),
  );
}

/** The bucket no longer knows the upload (its lifecycle rule reaped a build nobody asked for in days). */
function uploadLost(result: Result<unknown>): boolean {
  return !result.ok && result.error.code === "not_found";
}

/** Forgets a build whose upload is gone; the next request starts it again from the first part. */
async function restart(
  deps: { db: Database; storage: Storage },
  manifestSha256: string,
  plan: ZipPlan,
): Promise<Result<BucketArchive>> {
  await forgetBuild(deps.db, manifestSha256);
  return ok(building(0, plan.totalSize));
}

/** Aborts the build's upload (its parts go) and forgets it; the next request starts from the first part. */
async function giveUp(deps: { db: Database; storage: Storage }, manifestSha256: string): Promise<void> {
  const recorded = await findBuildSummary(deps.db, manifestSha256);
  if (!recorded) return;
  await abortMultipartUpload(deps.storage, {
    key: recorded.build.objectKey,
    uploadId: recorded.build.uploadId,
  });
  await forgetBuild(deps.db, manifestSha256);
}

function bytesStored(progress: BuildProgress): number {
  return Math.min(progress.build.totalBytes, progress.parts.length * progress.build.partBytes);
}

function building(bytesDone: number, bytesTotal: number): BucketArchive {
  return { status: "building", bytesDone, bytesTotal };
}

async function exists(storage: Storage, key: string): Promise<Result<boolean>> {
  const head = await headObject(storage, key);
  if (head.ok) return ok(true);
  return head.error.code === "not_found" ? ok(false) : head;
}
