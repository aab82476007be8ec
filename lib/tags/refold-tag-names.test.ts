import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { imageTags, reviewEvents, reviewReasons, reviews, tags } from "@/lib/db/schema";
import { insertTestImages, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { refoldTagNames } from "./refold-tag-names";
import { tagKey } from "./tag-key";

const { db } = await createTestContext();
const NFC = "caf\u00e9";
const NFD = "cafe\u0301";

describe("refoldTagNames (after every migration)", () => {
  it("merges tags whose names now share a key into one, keeping every image, reason and history entry", async () => {
    const [first, second, third] = await insertTestImages(db, 3);
    const reviewer = await insertTestReviewer(db);
    // As migration 0015 leaves them: keys from SQL lower(), so NFC and NFD "café" are two tags.
    const [label] = await db
      .insert(tags)
      .values({ name: NFC, foldedName: NFC, kind: "label", color: "#112233" })
      .returning();
    const [reason] = await db
      .insert(tags)
      .values({ name: NFD, foldedName: NFD, kind: "reject_reason", hotkey: "c" })
      .returning();
    const [stale] = await db.insert(tags).values({ name: "İstanbul", foldedName: "istanbul" }).returning();
    if (!label || !reason || !stale || !first || !second || !third) throw new Error("fixtures");
    await db.insert(imageTags).values([
      { imageId: first, tagId: label.id },
      { imageId: second, tagId: reason.id },
      { imageId: third, tagId: label.id },
      { imageId: third, tagId: reason.id },
    ]);
    const [review] = await db
      .insert(reviews)
      .values({ imageId: first, reviewerId: reviewer.id, decision: "reject" })
      .returning();
    await db.insert(reviewReasons).values({ reviewId: review?.id ?? "", tagId: reason.id });
    await db.insert(reviewEvents).values({
      imageId: first,
      reviewerId: reviewer.id,
      action: "decide",
      decision: "reject",
      tagIds: [reason.id, label.id],
    });

    expect(await refoldTagNames(db)).toEqual({ merged: 1, refolded: 2 });

    const left = await db
      .select()
      .from(tags)
      .where(inArray(tags.id, [label.id, reason.id, stale.id]));
    // The reason tag survives (an admin made it), with the label's colour it lacked.
    expect(
      left.map(({ id, name, foldedName, kind, color, hotkey }) => ({
        id,
        name,
        foldedName,
        kind,
        color,
        hotkey,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          id: reason.id,
          name: NFD,
          foldedName: tagKey(NFC),
          kind: "reject_reason",
          color: "#112233",
          hotkey: "c",
        },
        expect.objectContaining({ id: stale.id, foldedName: tagKey("İstanbul") }),
      ]),
    );
    expect(left).toHaveLength(2);
    const tagged = await db
      .select({ imageId: imageTags.imageId })
      .from(imageTags)
      .where(eq(imageTags.tagId, reason.id));
    expect(tagged.map((row) => row.imageId).sort()).toEqual([first, second, third].sort());
    const [event] = await db
      .select({ tagIds: reviewEvents.tagIds })
      .from(reviewEvents)
      .where(eq(reviewEvents.imageId, first));
    expect(event?.tagIds).toEqual([reason.id]);
    expect(await db.select().from(reviewReasons).where(eq(reviewReasons.tagId, reason.id))).toHaveLength(1);

    expect(await refoldTagNames(db)).toEqual({ merged: 0, refolded: 0 });
  });
});
