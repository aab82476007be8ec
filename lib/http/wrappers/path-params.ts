import { z } from "zod";

/** A path segment that must be a UUID, refused with a message naming the segment. */
const uuidSegment = (name: string) => z.uuid(`${name} must be a UUID`);

/** `[id]` routes. */
export const idParams = z.object({ id: uuidSegment("id") });

/** `datasets/[id]/images/[imageId]`. */
export const datasetImageParams = z.object({ id: uuidSegment("id"), imageId: uuidSegment("imageId") });

/** `datasets/[id]/versions/[version]`. */
export const datasetVersionParams = z.object({
  id: uuidSegment("id"),
  version: z.coerce.number().int("version must be a whole number").positive("version must be positive"),
});

/** `datasets/[id]/caption-changes/[changeId]`. */
export const datasetChangeParams = z.object({ id: uuidSegment("id"), changeId: uuidSegment("changeId") });
