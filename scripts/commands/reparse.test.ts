import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { images, reviews } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { encodeJpeg } from "@/lib/metadata/testing/jpeg-webp-encoder";
import { encodePng, textChunk } from "@/lib/metadata/testing/png-encoder";
import { encodeTiff } from "@/lib/metadata/testing/tiff-encoder";
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
  return storeBytes(readSample(name), metadata);
}
async function storeBytes(bytes: Uint8Array, metadata = {}) {
  const result = await ingestImage(deps, { bytes, source: "api", metadata });
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
    expect(await runReparse(["--here"])).toBe(0);
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
    expect(await runReparse(["--here"])).toBe(0);
    expect(lines.join("\n")).toMatch(/Done: 2 image\(s\) re-read, 0 changed, 0 failed/);
  });

  it("queues the re-parse for the workers unless told --here", async () => {
    const id = await store("krea2.png");
    await runImageJobs(context);
    await context.db.update(images).set({ model: null }).where(eq(images.id, id));
    const lines = output();
    expect(await runReparse([])).toBe(0);
    expect(lines.join("\n")).toMatch(/^Queued: the workers re-read the originals/);
    expect((await row(id)).model).toBeNull();
    expect(await runImageJobs(context)).toMatchObject({ failed: 0, isEmpty: true });
    expect((await row(id)).model).toBe("krea2_turbo_int8_convrot.safetensors");
  });

  it("resumes after the image id given with --from, and refuses a cursor that is not an id", async () => {
    const ids = (await context.db.select({ id: images.id }).from(images)).map(({ id }) => id).sort();
    const lines = output();
    expect(await runReparse(["--from", ids[0] ?? "", "--dry-run"])).toBe(0);
    expect(lines.join("\n")).toMatch(new RegExp(`Done: ${ids.length - 1} image\\(s\\) re-read`));
    expect(await runReparse(["--from", "yesterday"])).toBe(2);
  });

  it("brings images the previous reader left empty up to the role reader and the Fooocus containers", async () => {
    // A workflow-only file of custom packs (Efficiency, rgthree, tinyterra…): "no sampler node found" before.
    const packs = await storeBytes(
      new Uint8Array(
        readFileSync(path.resolve("lib/metadata/fixtures/samples-new/comfyui-many-packs-workflow-only.png")),
      ),
    );
    // Fooocus' JPEG: JSON in IFD0 UserComment, scheme in MakerNote; nothing was read before.
    const fooocusJson = JSON.stringify({
      prompt: "a paper lantern",
      negative_prompt: "",
      base_model: "juggernautXL_v8Rundiffusion.safetensors",
      guidance_scale: 4,
      performance: "Speed",
      seed: "31",
      steps: 30,
      sampler: "dpmpp_2m_sde_gpu",
      resolution: "(1152, 896)",
      lora_combined_1: "offset.safetensors : 0.1",
    });
    const fooocus = await storeBytes(
      await encodeJpeg({
        tiff: encodeTiff({
          ifd0: [
            { tag: 0x0131, type: "ascii", value: "Fooocus v2.5.5" },
            { tag: 0x9286, type: "undefined", value: fooocusJson },
            { tag: 0x927c, type: "undefined", value: "fooocus" },
          ],
        }),
      }),
    );
    // An Efficient Loader with its LoRA stack: only the first LoRA and no prompt before.
    const graph = {
      stack: {
        class_type: "LoRA Stacker",
        inputs: {
          input_mode: "simple",
          lora_count: 2,
          lora_name_1: "a.safetensors",
          lora_wt_1: 0.5,
          lora_name_2: "b.safetensors",
          lora_wt_2: 0.25,
        },
      },
      loader: {
        class_type: "Efficient Loader",
        inputs: {
          ckpt_name: "dreamshaper_8.safetensors",
          vae_name: "Baked VAE",
          clip_skip: -1,
          lora_name: "None",
          positive: "a glass greenhouse",
          negative: "",
          empty_latent_width: 512,
          empty_latent_height: 512,
          batch_size: 1,
          lora_stack: ["stack", 0],
        },
      },
      sampler: {
        class_type: "KSampler (Efficient)",
        inputs: {
          seed: 8,
          steps: 20,
          cfg: 6,
          sampler_name: "euler",
          scheduler: "normal",
          denoise: 1,
          preview_method: "auto",
          vae_decode: "true",
          model: ["loader", 0],
          positive: ["loader", 1],
          negative: ["loader", 2],
          latent_image: ["loader", 3],
        },
      },
    };
    const efficiency = await storeBytes(
      encodePng({ width: 8, height: 8 }, [textChunk("prompt", JSON.stringify(graph))]),
    );
    const before = {
      prompt: null,
      negativePrompt: null,
      seed: null,
      steps: null,
      sampler: null,
      samplerKey: null,
      cfgScale: null,
      model: null,
      modelKey: null,
    };
    await context.db.update(images).set(before).where(eq(images.id, packs));
    await context.db
      .update(images)
      .set({ ...before, generator: null })
      .where(eq(images.id, fooocus));
    await context.db
      .update(images)
      .set({ ...before, loras: [{ name: "a.safetensors", weight: null }] })
      .where(eq(images.id, efficiency));

    const lines = output();
    expect(await runReparse(["--here"])).toBe(0);
    expect(lines).toContain('  generator: null → "fooocus"');
    expect(await row(packs)).toMatchObject({
      prompt: expect.stringMatching(/^Enter your message here, _keyword_/),
      seed: "770251999187678",
      steps: 7,
      sampler: "euler",
      cfgScale: 2.3,
      model: "rmsdxlHybridTurboXL_scorpius.safetensors",
    });
    expect(await row(fooocus)).toMatchObject({
      generator: "fooocus",
      prompt: "a paper lantern",
      negativePrompt: "",
      seed: "31",
      model: "juggernautXL_v8Rundiffusion.safetensors",
      loras: [{ name: "offset.safetensors", weight: 0.1 }],
    });
    expect(await row(efficiency)).toMatchObject({
      prompt: "a glass greenhouse",
      negativePrompt: "",
      model: "dreamshaper_8.safetensors",
      loras: [
        { name: "a.safetensors", weight: 0.5 },
        { name: "b.safetensors", weight: 0.25 },
      ],
    });
  });
});
