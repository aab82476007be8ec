import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { images } from "@/lib/db/schema";
import { readSample } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";
import { runPhashBackfill } from "@/scripts/commands/phash";
import { ingestImage } from "../ingest/ingest-image";
import { runImageJobs } from "../testing/run-image-jobs";
import { findSimilarImages } from "./find-similar-images";
import { listNearDuplicateGroups } from "./list-near-duplicate-groups";
import { hammingDistance } from "./perceptual-hash";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };

async function store(bytes: Uint8Array): Promise<string> {
  const result = await ingestImage(deps, { bytes, metadata: {}, source: "api" });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image.id;
}

describe("near-duplicates", () => {
  it("finds a JPEG q80 re-encode and a slightly resized copy, and no unrelated image", async () => {
    const original = readSample("comfyui-basic.png");
    const width = (await sharp(original).metadata()).width ?? 512;
    const originalId = await store(original);
    const reencodedId = await store(new Uint8Array(await sharp(original).jpeg({ quality: 80 }).toBuffer()));
    const resizedId = await store(
      new Uint8Array(
        await sharp(original)
          .resize({ width: Math.round(width * 0.9) })
          .png()
          .toBuffer(),
      ),
    );
    const unrelated = await Promise.all(
      ["a1111-sd-webui.png", "invokeai.png", "novelai-reference.png", "swarmui.webp"].map((name) =>
        store(readSample(name)),
      ),
    );

    // Perceptual hashes are a worker's, made after each 201.
    await runImageJobs(context);
    const similar = await findSimilarImages(context.db, originalId);
    if (!similar.ok) throw new Error(similar.error.message);
    const ids = similar.value.map((image) => image.id);
    expect(ids).toEqual(expect.arrayContaining([reencodedId, resizedId]));
    for (const id of unrelated) expect(ids).not.toContain(id);
    for (const image of similar.value) expect(image.distance).toBeLessThanOrEqual(7);

    const page = await listNearDuplicateGroups(context.db);
    const group = page.groups.find((candidate) => candidate.imageIds.includes(originalId));
    expect(group?.imageIds.sort()).toEqual([originalId, reencodedId, resizedId].sort());
    expect(page.groups.flatMap((candidate) => candidate.imageIds)).not.toContain(unrelated[0]);
  });

  it("back-fills hashes of images stored before hashing existed, resumably, through the CLI", async () => {
    const id = await store(readSample("comfyui-hires.png"));
    await runImageJobs(context);
    const [before] = await context.db.select({ phash: images.phash }).from(images).where(eq(images.id, id));
    await context.db
      .update(images)
      .set({ phash: null, phashBand0: null, phashBand1: null, phashBand2: null, phashBand3: null })
      .where(eq(images.id, id));
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await runPhashBackfill([])).toBe(0);
    // The CLI queues the backfill as jobs; a worker runs them.
    await runImageJobs(context);
    const [after] = await context.db.select({ phash: images.phash }).from(images).where(eq(images.id, id));
    expect(after?.phash).not.toBeNull();
    // From the original rather than the ingest's preview-sized decode: the same picture, a bit or two apart.
    expect(hammingDistance(after?.phash ?? 0n, before?.phash ?? 0n)).toBeLessThanOrEqual(2);
    expect(await runPhashBackfill([])).toBe(0);
  });

  it("answers not_found for an unknown image", async () => {
    expect(await findSimilarImages(context.db, "00000000-0000-4000-8000-000000000000")).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });
});
