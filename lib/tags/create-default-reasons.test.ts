import { describe, expect, it } from "vitest";
import { tags } from "@/lib/db/schema";
import { createTestContext } from "@/lib/testing/test-context";
import { createDefaultReasons, DEFAULT_REJECT_REASONS } from "./create-default-reasons";
import { tagInputSchema } from "./tag-input";
import { tagKey } from "./tag-key";

const { db } = await createTestContext();

describe("default reject reasons", () => {
  it("are valid tags an admin could have typed, on keys review mode leaves free, each key once", () => {
    for (const reason of DEFAULT_REJECT_REASONS) expect(tagInputSchema.parse(reason)).toEqual(reason);
    const keys = DEFAULT_REJECT_REASONS.map((reason) => reason.hotkey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("fill an empty library once, even when two first starts race, and never come back", async () => {
    await db.delete(tags);
    const created = await Promise.all([createDefaultReasons(db), createDefaultReasons(db)]);
    expect(created.sort()).toEqual([0, DEFAULT_REJECT_REASONS.length]);
    const rows = await db.select({ name: tags.name, hotkey: tags.hotkey, kind: tags.kind }).from(tags);
    expect(rows.map((row) => row.name).sort()).toEqual(DEFAULT_REJECT_REASONS.map((r) => r.name).sort());
    expect(rows.every((row) => row.kind === "reject_reason" && row.hotkey)).toBe(true);
    await db.delete(tags);
    await db.insert(tags).values({ name: "kept", foldedName: tagKey("kept"), kind: "label" });
    expect(await createDefaultReasons(db)).toBe(0);
  });
});
