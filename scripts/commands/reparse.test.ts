import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { images, reviews } from "@/db/schema";
import { ingestImage } from "@/lib/images/ingest-image";
import { recordReview } from "@/lib/review/record-review";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { readSample } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";
import { runReparse } from "./reparse";

// The command reads its configuration from the environment, which the test context points at its own stack.
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
afterEach(() => vi.restoreAllMocks());
const output = () => {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
};

async function store(name: string, metadata = {}) {
  const result = await ingestImage(deps, { bytes: readSample(name), source: "api", metadata });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image.id;
}
const row = async (id: string) => {
  const [found] = await context.db.select().from(images).where(eq(images.id, id));
  if (!found) throw new Error("no row");
  return found;
};

describe("cli reparse", () => {
  it("re-reads stored originals: fixes generation fields, keeps posted values, never touches reviews", async () => {
    const refiner = await store("comfyui-sdxl-refiner.png", { seed: 42, tags: ["keep"] });
    const krea = await store("krea2.png");
    const before = await row(refiner);
    const reviewer = await insertTestReviewer(context.db);
    const reviewed = await recordReview(context.db, reviewer, {
      action: "decide",
      imageId: refiner,
      decision: "approve",
    });
    if (!reviewed.ok) throw new Error(reviewed.error.message);
    // A library stored by an older parser: the refiner's prompt and model, no raw chunks kept, no model key.
    const stale = {
      prompt: "refiner text",
      model: "sd_xl_refiner_1.0.safetensors",
      modelKey: null,
      rawChunks: [],
    };
    await context.db.update(images).set(stale).where(eq(images.id, refiner));
    await context.db.update(images).set({ model: null, modelKey: null }).where(eq(images.id, krea));
    const reviewRows = await context.db.select().from(reviews).where(eq(reviews.imageId, refiner));
    const statusBefore = (await row(refiner)).reviewStatus;

    let lines = output();
    expect(await runReparse(["--dry-run"])).toBe(0);
    expect(lines).toContain('  prompt: "refiner text" → "daytime sky nature dark blue galaxy bottle"');
    expect(lines).toContain('  model: null → "krea2_turbo_int8_convrot.safetensors"');
    expect(lines.join("\n")).toMatch(/Done: 2 image\(s\) re-read, 2 would change, 0 failed/);
    expect(await row(refiner)).toMatchObject(stale);

    lines = output();
    expect(await runReparse([])).toBe(0);
    expect(lines.join("\n")).toMatch(/\[2\/2\]/);
    const after = await row(refiner);
    expect(after).toMatchObject({
      prompt: "daytime sky nature dark blue galaxy bottle",
      model: "sd_xl_base_1.0.safetensors",
      modelKey: before.modelKey,
      seed: "42", // posted, wins over the file's 6767725640732
      rawChunks: before.rawChunks,
      reviewStatus: statusBefore,
      postedMetadata: before.postedMetadata,
    });
    expect((await row(krea)).model).toBe("krea2_turbo_int8_convrot.safetensors");
    expect(await context.db.select().from(reviews).where(eq(reviews.imageId, refiner))).toEqual(reviewRows);

    lines = output();
    expect(await runReparse([])).toBe(0);
    expect(lines.join("\n")).toMatch(/Done: 2 image\(s\) re-read, 0 changed, 0 failed/);
  });

  it("resumes after the image id given with --from, and refuses a cursor that is not an id", async () => {
    const ids = (await context.db.select({ id: images.id }).from(images)).map(({ id }) => id).sort();
    const lines = output();
    expect(await runReparse(["--from", ids[0] ?? "", "--dry-run"])).toBe(0);
    expect(lines.join("\n")).toMatch(new RegExp(`Done: ${ids.length - 1} image\\(s\\) re-read`));
    expect(await runReparse(["--from", "yesterday"])).toBe(2);
  });
});
