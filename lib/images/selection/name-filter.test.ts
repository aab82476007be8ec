import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { countImages } from "./count-images";
import { imageConditions } from "./image-conditions";
import { parseImageSelection } from "./image-filter";

const { db } = await createTestContext();
const viewer = await insertTestReviewer(db);
const tag = randomBytes(3).toString("hex");

const count = async (params: Record<string, string>) =>
  (await countImages(db, { filter: parseImageSelection(params), viewerId: viewer.id })).count;

const [juggernaut, base, turbo, percent] = [
  await insertTestImage(db, { model: `checkpoints/juggernautXL_v9_${tag}.safetensors` }),
  await insertTestImage(db, { model: `sdxl_${tag}`, loras: [{ name: `film_grain_${tag}`, weight: 0.6 }] }),
  await insertTestImage(db, {
    model: `sdxl_${tag}_turbo`,
    loras: [
      { name: `detail_${tag}`, weight: 1 },
      { name: `film_${tag}`, weight: 0.3 },
    ],
  }),
  await insertTestImage(db, { model: `50%_${tag}` }),
];

describe("model and LoRA filters by a part of the name", () => {
  it("find a model by any part of its name, any case; a quoted name is that name only", async () => {
    expect(juggernaut && (await count({ model: `Juggernaut` }))).toBeGreaterThanOrEqual(1);
    expect(await count({ model: `juggernautxl_v9_${tag}` })).toBe(1);
    expect(await count({ model: `sdxl_${tag}` })).toBe(2);
    expect(await count({ model: `"sdxl_${tag}"` })).toBe(1);
    expect(await count({ model: `"SDXL_${tag}.safetensors"` })).toBe(1);
    expect(base && turbo).toBeTruthy();
  });

  it("treat %, _ and \\ in the text as themselves", async () => {
    expect(percent && (await count({ model: `50%_${tag}` }))).toBe(1);
    expect(await count({ model: `5_%_${tag}` })).toBe(0);
    expect(await count({ model: `%${tag}` })).toBe(0);
  });

  it("find a LoRA by a part of one entry's name, never across two entries, with its weight", async () => {
    expect(await count({ lora: `film_` })).toBeGreaterThanOrEqual(2);
    expect(await count({ lora: `film_grain_${tag}` })).toBe(1);
    expect(await count({ lora: `FILM_${tag}` })).toBe(1);
    expect(await count({ lora: `${tag}", "film` })).toBe(0);
    expect(await count({ lora: `film_${tag}`, lora_weight: "0.3" })).toBe(1);
    expect(await count({ lora: `film_${tag}`, lora_weight: "0.6" })).toBe(0);
    expect(await count({ lora: `"film_${tag}"` })).toBe(1);
  });

  it("are served by the trigram indexes, not a scan of every image", async () => {
    // A library of some size, with its statistics, so the planner weighs the indexes as it would in use.
    await db.execute(sql`insert into images (sha256, bucket, object_key, content_type, byte_size, width, height,
        source, model, model_key, loras)
      select hash, 'test', 'originals/' || hash || '.png', 'image/png', 100, 64, 48, 'api',
        'model_' || (n % 50), 'model_' || (n % 50), jsonb_build_array(jsonb_build_object('name', 'lora_' || (n % 40),
          'key', 'lora_' || (n % 40), 'weight', 1))
      from generate_series(1, 30000) as n, lateral (select md5(n::text || ${tag}) || md5(${tag} || n::text) as hash) h`);
    await db.execute(sql`analyze images`);
    const plan = async (params: Record<string, string>) => {
      const where = imageConditions(parseImageSelection(params), { viewerId: viewer.id });
      const rows = await db.execute<{ "QUERY PLAN": string }>(
        sql`explain select ${images.id} from ${images} where ${where}`,
      );
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    };
    expect(await plan({ model: `juggernaut_${tag}` })).toContain("images_model_key_trgm_idx");
    expect(await plan({ lora: `grain_${tag}` })).toContain("images_lora_keys_trgm_idx");
  });
});

describe("suggestions for the model and LoRA filters", () => {
  it("offer the names that contain the typed text, and nothing for fewer than three letters", async () => {
    const { suggestFilterNames } = await import("@/lib/gallery/suggest-filter-names");
    expect(await suggestFilterNames(db, { field: "model", text: `sdxl_${tag}` })).toEqual({
      ok: true,
      value: [`sdxl_${tag}`, `sdxl_${tag}_turbo`],
    });
    expect(await suggestFilterNames(db, { field: "lora", text: `FILM` })).toMatchObject({ ok: true });
    const loras = await suggestFilterNames(db, { field: "lora", text: `${tag}` });
    expect(loras.ok && loras.value.sort()).toEqual([`detail_${tag}`, `film_${tag}`, `film_grain_${tag}`]);
    expect(await suggestFilterNames(db, { field: "lora", text: "fi" })).toEqual({ ok: true, value: [] });
  });
});
