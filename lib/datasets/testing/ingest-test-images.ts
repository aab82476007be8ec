import { ingestImage } from "@/lib/images/ingest/ingest-image";
import type { IngestMetadata } from "@/lib/images/ingest/ingest-metadata";
import { getImage } from "@/lib/images/record/get-image";
import type { ImageRecord } from "@/lib/images/record/image-record";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import type { TestContext } from "@/lib/testing/test-context";

/**
 * `count` distinct images through the real pipeline, derived as a worker would (variants, placeholder, hash), so
 * the records name their variants; even ones carry the A1111 prompt with a LoRA tag.
 */
export async function ingestTestImages(
  context: TestContext,
  count: number,
  metadata: IngestMetadata = {},
): Promise<ImageRecord[]> {
  const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const bytes = await makeTestPng(index % 2 === 0 ? { parameters: A1111_PARAMETERS } : {});
    const result = await ingestImage(deps, { bytes, metadata, source: "api" });
    if (!result.ok) throw new Error(result.error.message);
    ids.push(result.value.image.id);
  }
  await runImageJobs(context);
  const records: ImageRecord[] = [];
  for (const id of ids) {
    const image = await getImage(context, id);
    if (!image.ok) throw new Error(image.error.message);
    const { urls: _urls, ...record } = image.value;
    records.push(record);
  }
  return records;
}
