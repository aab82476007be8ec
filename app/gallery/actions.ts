"use server";

// The gallery is app/page.tsx; its actions live here because app/actions.ts belongs to the layout (sign-out).
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { addDatasetImages } from "@/lib/datasets/add-dataset-images";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import { type ImageTilePage, listImageTiles } from "@/lib/images/selection/list-image-tiles";
import { getStorage } from "@/lib/storage/storage";
import { addImageTags } from "@/lib/tags/add-image-tags";
import { storableString } from "@/lib/zod/storable";

const pageSchema = z.object({ search: storableString().max(4000), cursor: storableString().max(400) });

/** The next page of the infinite scroll for the view in `search` (the page's query string). */
export async function loadGalleryPageAction(input: unknown): Promise<ActionResult<ImageTilePage>> {
  return runAction("loadGalleryPage", async () => {
    const viewer = await requireActionUser("viewer");
    if (!viewer.ok) return viewer;
    const { search, cursor } = pageSchema.parse(input);
    const query = parseImageSelection(Object.fromEntries(new URLSearchParams(search)));
    return listImageTiles(
      { db: getDb(), storage: getStorage() },
      { selection: query, viewerId: viewer.value.id, cursor },
    );
  });
}

const selection = z.array(z.uuid()).min(1, "select some images first").max(1000);

export async function bulkTagAction(input: unknown): Promise<ActionResult<{ added: number }>> {
  return runAction("bulkTag", async () => {
    const reviewer = await requireActionUser("reviewer");
    if (!reviewer.ok) return reviewer;
    const { imageIds, tagId } = z.object({ imageIds: selection, tagId: z.uuid() }).parse(input);
    return addImageTags(getDb(), reviewer.value, { imageIds, tagId });
  });
}

export async function addToDatasetAction(input: unknown): Promise<ActionResult<{ added: number }>> {
  return runAction("addToDataset", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const { imageIds, datasetId } = z.object({ imageIds: selection, datasetId: z.uuid() }).parse(input);
    return addDatasetImages(getDb(), datasetId, { image_ids: imageIds });
  });
}
