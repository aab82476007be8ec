import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { insertTestImages } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { listImages, listImagesQuerySchema } from "../lists/list-images";
import { getImage } from "../record/get-image";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const RUN = "embeds-megabytes";

describe("list pages have a bounded size whatever a file embeds", () => {
  it("carries previews of long values in a 200-item page, names what it cut, and GET /images/{id} the whole", async () => {
    const [run] = await context.db.execute<{ id: string }>(
      sql`insert into runs (name) values (${RUN}) returning id`,
    );
    const ids = await insertTestImages(context.db, 200, { runId: run?.id });
    // What an ingest key can store from a PNG's text chunks: megabytes in the prompt, the model, the workflow.
    await context.db
      .update(images)
      .set({
        prompt: sql`repeat('a lighthouse at dusk, ', 5000)`,
        negativePrompt: sql`repeat('\u00e9', 100000)`,
        model: sql`repeat('m', 100000)`,
        workflow: sql`jsonb_build_object('nodes', (select jsonb_agg(n) from generate_series(1, 2000) n))`,
        params: sql`jsonb_build_object('hires', repeat('x', 5000))`,
      })
      .where(inArray(images.id, ids));

    const page = await listImages(deps, listImagesQuerySchema.parse({ run: RUN, limit: 200 }));
    if (!page.ok) throw new Error(page.error.message);
    const bytes = Buffer.byteLength(JSON.stringify(page.value));
    console.log(`200-item page of images embedding megabytes: ${(bytes / 1e6).toFixed(2)} MB`);
    expect(page.value.items).toHaveLength(200);
    expect(bytes).toBeLessThan(1_500_000);
    const [item] = page.value.items;
    expect(item?.prompt).toHaveLength(PREVIEW_LIMITS.prompt);
    expect(item?.negative_prompt).toHaveLength(PREVIEW_LIMITS.negative_prompt);
    expect(item?.model).toHaveLength(PREVIEW_LIMITS.name);
    expect(item?.workflow).toBeNull();
    expect(item?.params).toEqual({});
    expect([...(item?.truncated_fields ?? [])].sort()).toEqual(
      ["model", "negative_prompt", "params", "prompt", "workflow"].sort(),
    );

    const whole = await getImage(deps, ids[0] ?? "");
    if (!whole.ok) throw new Error(whole.error.message);
    expect(whole.value.prompt).toHaveLength(5000 * "a lighthouse at dusk, ".length);
    expect((whole.value.workflow as { nodes: number[] }).nodes).toHaveLength(2000);
    expect(whole.value.truncated_fields).toEqual([]);
  });

  it("leaves short values whole and says nothing was cut", async () => {
    const [id] = await insertTestImages(context.db, 1, { prompt: "a harbour", model: "sdxl" });
    const page = await listImages(deps, listImagesQuerySchema.parse({ q: "harbour" }));
    if (!page.ok) throw new Error(page.error.message);
    const item = page.value.items.find((candidate) => candidate.id === id);
    expect(item).toMatchObject({
      prompt: "a harbour",
      model: "sdxl",
      params: {},
      loras: [],
      truncated_fields: [],
    });
  });
});
