import type { ImageRecord } from "@/lib/images/image-record";
import { ingestImage } from "@/lib/images/ingest-image";
import type { IngestMetadata } from "@/lib/images/ingest-metadata";
import { A1111_PARAMETERS, makeTestPng } from "@/lib/images/testing/test-images";
import type { TestContext } from "@/lib/testing/test-context";

/** `count` distinct images through the real pipeline; even ones carry the A1111 prompt with a LoRA tag. */
export async function ingestTestImages(
  context: TestContext,
  count: number,
  metadata: IngestMetadata = {},
): Promise<ImageRecord[]> {
  const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
  const records: ImageRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const bytes = await makeTestPng(index % 2 === 0 ? { parameters: A1111_PARAMETERS } : {});
    const result = await ingestImage(deps, { bytes, metadata, source: "api" });
    if (!result.ok) throw new Error(result.error.message);
    records.push(result.value.image);
  }
  return records;
}
