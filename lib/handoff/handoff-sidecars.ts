import "server-only";
import { inArray } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { loadImageRecords } from "@/lib/images/record/image-record";

/**
 * Each image's meaning as a JSON sidecar (what made it, how it was judged), keyed by image id: the same image
 * in the same state always gives the same bytes (fixed key order, no time of export), so a handoff archive's
 * name, its manifest's hashes and a rebuilt part agree. Whole values: a long prompt is not cut here.
 */
export async function loadSidecars(
  db: Queryable,
  entries: { id: string; path: string }[],
): Promise<Map<string, Buffer>> {
  const rows = await db
    .select()
    .from(images)
    .where(
      inArray(
        images.id,
        entries.map((entry) => entry.id),
      ),
    );
  const records = await loadImageRecords(db, rows);
  const pathOf = new Map(entries.map((entry) => [entry.id, entry.path]));
  const scoreOf = new Map(rows.map((row) => [row.id, row.scoreAvg]));
  const sidecars = new Map<string, Buffer>();
  for (const record of records) {
    const sidecar = {
      file: pathOf.get(record.id),
      image_id: record.id,
      sha256: record.sha256,
      byte_size: record.byte_size,
      content_type: record.content_type,
      width: record.width,
      height: record.height,
      created_at: record.created_at,
      generator: record.generator,
      prompt: record.prompt,
      negative_prompt: record.negative_prompt,
      seed: record.seed,
      model: record.model,
      model_hash: record.model_hash,
      model_version: record.model_version,
      loras: record.loras,
      sampler: record.sampler,
      scheduler: record.scheduler,
      steps: record.steps,
      cfg_scale: record.cfg_scale,
      params: record.params,
      run: record.run?.name ?? null,
      review_status: record.review_status,
      score_avg: scoreOf.get(record.id) ?? null,
      critiques: record.critiques,
      tags: record.tags,
    };
    sidecars.set(record.id, Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`, "utf8"));
  }
  return sidecars;
}
