import "server-only";
import { z } from "zod";
import { images, imageVariants } from "@/db/schema";
import { err, ok, type Result } from "@/lib/http/errors";
import { log } from "@/lib/logger";
import type { ListedObject } from "@/lib/storage/objects";
import { checkOriginals } from "./check-originals";
import { checkStaging } from "./check-staging";
import { checkVariants } from "./check-variants";
import { type DoctorDeps, type DoctorReport, summarizeFindings } from "./doctor-report";
import { saveDoctorReport } from "./doctor-reports";
import { findOrphans } from "./find-orphans";
import { loadBucketInventory } from "./load-bucket-inventory";
import { repairFindings } from "./repair-findings";

const HOUR_MS = 3_600_000;

export const runDoctorSchema = z.object({
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
  now: z.date().optional(),
});
export type RunDoctorInput = z.input<typeof runDoctorSchema>;

/**
 * Compares the database with the bucket (DESIGN "The storage contract" §6), repairs with `fix`, and saves the
 * report so the admin UI can show the last one.
 */
export async function runDoctor(deps: DoctorDeps, input: RunDoctorInput = {}): Promise<Result<DoctorReport>> {
  const options = runDoctorSchema.parse(input);
  const started = new Date();
  const now = options.now ?? started;
  let inventory: Map<string, ListedObject>;
  try {
    inventory = await loadBucketInventory(deps.storage);
  } catch (error) {
    log.error({ err: error }, "doctor could not list the bucket");
    return err("storage_unavailable", "The object store could not be listed");
  }
  const imageRows = await deps.db
    .select({
      id: images.id,
      sha256: images.sha256,
      objectKey: images.objectKey,
      byteSize: images.byteSize,
      objectState: images.objectState,
      contentType: images.contentType,
    })
    .from(images);
  const variantRows = await deps.db
    .select({
      imageId: imageVariants.imageId,
      name: imageVariants.name,
      objectKey: imageVariants.objectKey,
      byteSize: imageVariants.byteSize,
    })
    .from(imageVariants);
  const referenced = new Set([
    ...imageRows.map((row) => row.objectKey),
    ...variantRows.map((row) => row.objectKey),
  ]);

  const findings = [
    ...(await checkOriginals(deps.storage, imageRows, inventory, options.verifyChecksums)),
    ...checkVariants(imageRows, variantRows, inventory),
    ...findOrphans(inventory, referenced, new Date(now.getTime() - options.orphanGraceMs)),
    ...(await checkStaging(deps.db, inventory, new Date(now.getTime() - options.stagingMaxAgeMs))),
  ];
  if (options.fix) await repairFindings(deps, findings, new Map(imageRows.map((row) => [row.id, row])));

  const report: DoctorReport = {
    ...summarizeFindings(findings, options.examplesPerKind),
    fix: options.fix,
    verify_checksums: options.verifyChecksums,
    started_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
    checked: { images: imageRows.length, variants: variantRows.length, objects: inventory.size },
  };
  await saveDoctorReport(deps.db, report);
  return ok(report);
}
