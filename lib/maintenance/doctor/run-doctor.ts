import "server-only";
import { z } from "zod";
import { log } from "@/lib/logger";
import { ok, type Result } from "@/lib/result";
import { STAGING_PREFIX } from "@/lib/storage/keys";
import { type ListedObject, listObjects } from "@/lib/storage/objects";
import { toStorageFailure } from "@/lib/storage/storage-call";
import { checkDerivations } from "./check-derivations";
import { checkOriginals } from "./check-originals";
import { checkStaging } from "./check-staging";
import { checkVariants } from "./check-variants";
import type { DoctorDeps, DoctorReport } from "./doctor-report";
import { saveDoctorReport } from "./doctor-reports";
import { findMissingThumbs } from "./find-missing-thumbs";
import { createFindingLedger } from "./finding-ledger";
import { mergeByKey } from "./merge-by-key";
import { imageRowsByKey, variantRowsByKey } from "./rows-by-key";

const HOUR_MS = 3_600_000;
const LIST_PAGE = 1000;

const runDoctorSchema = z.object({
  fix: z.boolean().default(false),
  verifyChecksums: z.boolean().default(false),
  /** Objects younger than this may belong to an ingest still in flight. */
  orphanGraceMs: z.number().int().nonnegative().default(HOUR_MS),
  /** Direct uploads not completed after this long are abandoned. */
  stagingMaxAgeMs: z
    .number()
    .int()
    .nonnegative()
    .default(24 * HOUR_MS),
  examplesPerKind: z.number().int().min(0).max(1000).default(10),
  /** Derivations still pending this long after their post are overdue (a worker clears them in seconds). */
  derivationGraceMs: z
    .number()
    .int()
    .nonnegative()
    .default(15 * 60_000),
  now: z.date().optional(),
});
export type RunDoctorInput = z.input<typeof runDoctorSchema>;

export type DoctorProgress = {
  phase: "originals" | "variants" | "thumbs" | "derivations" | "staging";
  rows: number;
  objects: number;
};

/**
 * Compares the database with the bucket (DESIGN "The storage contract" §6), repairs with `fix`, and saves the
 * report so the admin UI can show the last one. Each prefix is a merge of two key-sorted streams (rows by
 * object_key collate "C", the bucket's listing in byte order), a page of each at a time, so memory stays flat
 * however many objects there are. `onProgress` hears about every thousand keys. Export archives (EXPORTS_PREFIX in
 * lib/storage/keys.ts) are named by their content and rebuilt on demand; no row names them, so that prefix is never
 * listed and an archive is never an orphan.
 */
export async function runDoctor(
  deps: DoctorDeps,
  input: RunDoctorInput = {},
  onProgress: (progress: DoctorProgress) => void = () => {},
): Promise<Result<DoctorReport>> {
  const options = runDoctorSchema.parse(input);
  const started = new Date();
  const now = options.now ?? started;
  const orphanOlderThan = new Date(now.getTime() - options.orphanGraceMs);
  const ledger = createFindingLedger(deps, options);
  const checked = { images: 0, variants: 0, objects: 0 };
  let phase: DoctorProgress["phase"] = "originals";
  let rows = 0;
  let objects = 0;
  const tick = () => {
    if ((rows + objects) % LIST_PAGE === 0) onProgress({ phase, rows, objects });
  };
  // What the rows say each prefix holds beside what the listing shows: the stats page's storage figures, checked.
  const bytes: DoctorReport["bytes"] = {
    originals: { rows: 0, listed: 0 },
    variants: { rows: 0, listed: 0 },
  };
  const counted = async function* <T extends { byteSize: number }>(
    items: AsyncIterable<T>,
    what: "rows" | "objects",
  ) {
    for await (const item of items) {
      if (what === "rows") rows += 1;
      else objects += 1;
      if (phase === "originals" || phase === "variants") {
        bytes[phase][what === "rows" ? "rows" : "listed"] += item.byteSize;
      }
      tick();
      yield item;
    }
  };
  const endPhase = (next: DoctorProgress["phase"], counts: Partial<typeof checked>) => {
    onProgress({ phase, rows, objects });
    checked.images += counts.images ?? 0;
    checked.variants += counts.variants ?? 0;
    checked.objects += objects;
    phase = next;
    rows = 0;
    objects = 0;
  };
  const listing = (prefix: string) =>
    counted(listObjects(deps.storage, prefix, { pageSize: LIST_PAGE }), "objects");

  try {
    const originals = mergeByKey(counted(imageRowsByKey(deps.db), "rows"), listing("originals/"));
    await checkOriginals(deps.storage, originals, { ...options, orphanOlderThan }, ledger.emit);
    endPhase("variants", { images: rows });
    const variants = mergeByKey(counted(variantRowsByKey(deps.db), "rows"), listing("variants/"));
    await checkVariants(variants, { orphanOlderThan }, ledger.emit);
    endPhase("thumbs", { variants: rows });
    await findMissingThumbs(deps.db, ledger.emit);
    endPhase("derivations", {});
    await checkDerivations(deps.db, { graceMs: options.derivationGraceMs }, ledger.emit);
    endPhase("staging", {});
    const staged: AsyncIterable<ListedObject> = listing(STAGING_PREFIX);
    await checkStaging(deps.db, staged, new Date(now.getTime() - options.stagingMaxAgeMs), ledger.emit);
    endPhase(phase, {});
  } catch (error) {
    // Bucket failures become storage_unavailable (anything else is rethrown: a bug or the database).
    const failure = toStorageFailure(error);
    log.error({ err: error }, "doctor could not list the bucket");
    return failure;
  }

  const report: DoctorReport = {
    ...(await ledger.finish()),
    fix: options.fix,
    verify_checksums: options.verifyChecksums,
    started_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
    checked,
    bytes,
  };
  await saveDoctorReport(deps.db, report);
  return ok(report);
}
