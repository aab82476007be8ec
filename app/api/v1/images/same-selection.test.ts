import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { createDataset } from "@/lib/datasets/create-dataset";
import { getDataset } from "@/lib/datasets/get-dataset";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { imageFilterSchema, parseImageSelection } from "@/lib/images/selection/image-filter";
import { listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { listReviewItems } from "@/lib/review/list-review-items";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { addImageTags } from "@/lib/tags/add-image-tags";
import { saveTag } from "@/lib/tags/save-tag";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// Acceptance (issue 13): one filter, one set, through each place that selects images.
const context = await createTestContext();
const { db } = context;
const deps = { db, storage: context.storage };
const { GET } = await import("./route");
const readKey = (await createApiKey(db, { name: "reader", scopes: ["read"] })).key;
const reviewer = await insertTestReviewer(db);
const viewer = await insertTestReviewer(db);

async function throughApi(params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams({ ...params, limit: "1", ...(cursor ? { cursor } : {}) });
    const page = await (await callRoute(GET, { path: `/api/v1/images?${search}`, key: readKey })).json();
    ids.push(...(page.items as { id: string }[]).map((image) => image.id));
    cursor = page.next_cursor as string | null;
  } while (cursor);
  return ids;
}

async function throughGallery(params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await listImageTiles(deps, {
      selection: parseImageSelection(params),
      viewerId: viewer.id,
      cursor,
      limit: 1,
    });
    if (!page.ok) throw new Error(page.error.message);
    ids.push(...page.value.items.map((item) => item.id));
    cursor = page.value.nextCursor;
  } while (cursor);
  return ids;
}

async function throughReviewQueue(params: Record<string, string>): Promise<string[]> {
  const batch = await listReviewItems(deps, {
    query: parseImageSelection(params),
    reviewerId: viewer.id,
    cursor: null,
  });
  if (!batch.ok) throw new Error(batch.error.message);
  return batch.value.items.map((item) => item.id);
}

async function throughDataset(params: Record<string, string>): Promise<string[]> {
  const filter = imageFilterSchema.parse(params);
  const created = await createDataset(db, { name: `set-${Math.random().toString(36).slice(2)}`, filter });
  if (!created.ok) throw new Error(created.error.message);
  const dataset = await getDataset(db, created.value.id);
  if (!dataset.ok) throw new Error(dataset.error.message);
  return dataset.value.images.map((image) => image.image_id);
}

describe("one image selection", () => {
  it("gives the same set for approved + tag X (+ model, prompt prefix) through API, gallery, review queue and dataset", async () => {
    const suffix = Math.random().toString(36).slice(2);
    const model = `sdxl/Portrait-Model-${suffix}.safetensors`;
    const tag = await saveTag(db, { name: `Portrait-${suffix}`, kind: "label", color: null, hotkey: null });
    if (!tag.ok) throw new Error(tag.error.message);
    const insert = () => insertTestImage(db, { model, prompt: "a lighthouse keeper, portrait" });
    const [labelled, reasoned, untagged, rejected, deleted] = await Promise.all([
      insert(),
      insert(),
      insert(),
      insert(),
      insert(),
    ]);
    await addImageTags(db, reviewer, { imageIds: [labelled, rejected, deleted], tagId: tag.value.id });
    // A reviewer gave the tag as a reason: the image carries it as surely as a label.
    await recordReview(db, reviewer, { action: "tag", imageId: reasoned, tagIds: [tag.value.id] });
    for (const imageId of [labelled, reasoned, untagged, deleted]) {
      await recordReview(db, reviewer, { action: "decide", imageId, decision: "approve" });
    }
    await recordReview(db, reviewer, { action: "decide", imageId: rejected, decision: "reject" });
    await softDeleteImage(db, deleted);

    const expected = [labelled, reasoned].sort();
    const filters: Record<string, string>[] = [
      // The tag by name in any case, the model as another writer spells it, a half-typed prompt word.
      { status: "approved", tag: `portrait-${suffix}`, model: `PORTRAIT-MODEL-${suffix}`, q: "lightho" },
      { status: "approved", tag: tag.value.id },
    ];
    for (const params of filters) {
      const scoped = params.model ? params : { ...params, model: `portrait-model-${suffix}` };
      const sets = {
        api: (await throughApi(scoped)).sort(),
        gallery: (await throughGallery(scoped)).sort(),
        reviewQueue: (await throughReviewQueue(scoped)).sort(),
        dataset: (await throughDataset(scoped)).sort(),
      };
      expect(sets, JSON.stringify(params)).toEqual({
        api: expected,
        gallery: expected,
        reviewQueue: expected,
        dataset: expected,
      });
    }
  });

  it("refuses unreviewed_me where there is no viewer (an API key, a saved dataset filter)", async () => {
    const response = await callRoute(GET, { path: "/api/v1/images?status=unreviewed_me", key: readKey });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "status unreviewed_me needs a signed-in reviewer",
        details: [{ path: "status", message: "unreviewed_me needs a signed-in reviewer" }],
      },
    });
    const dataset = await createDataset(db, {
      name: `mine-${reviewer.id}`,
      filter: { status: "unreviewed_me" },
    });
    expect(!dataset.ok && dataset.error.code).toBe("invalid_request");
  });
});
