import { describe, expect, it } from "vitest";
import { critiques } from "@/db/schema";
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
});
