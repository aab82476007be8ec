import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { critiques, images } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { listReviewDetails } from "./list-review-details";
import { insertTestImages } from "./testing/review-fixtures";

const { db } = await createTestContext();

describe("listReviewDetails", () => {
  it("returns the settings and each critic's latest score for the asked images only", async () => {
    const [first, second, other] = await insertTestImages(db, 3, {
      prompt: "a forest in fog",
      model: "sdxl-base",
      seed: "42",
      loras: [{ name: "film", weight: 0.6 }],
    });
    await db.insert(critiques).values([
      { imageId: first ?? "", critic: "aesthetic", criticVersion: "1", score: 2 },
      {
        imageId: first ?? "",
        critic: "aesthetic",
        criticVersion: "2",
        score: 4,
        createdAt: new Date(Date.now() + 1000),
      },
    ]);
    const result = await listReviewDetails(db, { ids: [first ?? "", second ?? ""] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byId = new Map(result.value.map((details) => [details.id, details]));
    expect(byId.has(other ?? "")).toBe(false);
    expect(byId.get(first ?? "")).toMatchObject({
      prompt: "a forest in fog",
      seed: "42",
      loras: ["film:0.6"],
      critiques: [{ critic: "aesthetic", score: 4, decision: null }],
    });
    expect(byId.get(second ?? "")?.critiques).toEqual([]);
  });

  it("gives the refiner and the C2PA credentials as fields, without the refiner's own prompts", async () => {
    const [id = ""] = await insertTestImages(db, 1, { prompt: "a bottle galaxy" });
    const longPrompt = "stars ".repeat(5000);
    await db
      .update(images)
      .set({
        params: {
          refiner: { model: "sd_xl_refiner_1.0.safetensors", startAtStep: 20, prompt: longPrompt },
          provenance: { standard: "c2pa", claimGenerator: "Adobe Firefly", tools: [], aiGenerated: true },
        },
      })
      .where(eq(images.id, id));
    const result = await listReviewDetails(db, { ids: [id] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value[0]).toMatchObject({
      refiner: "sd_xl_refiner_1.0.safetensors from step 20",
      provenance: "C2PA, AI-generated · signed by Adobe Firefly",
    });
    expect(JSON.stringify(result.value).length).toBeLessThan(2000);
  });
});
