import { datasetImageSelectionSchema } from "@/lib/datasets/add-dataset-images";
import { listDatasetMembersQuerySchema } from "@/lib/datasets/list-dataset-members";
import { removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { answer, body, errors, idParameter, queryOf, secured } from "@/lib/http/openapi/parts";

export const operations = {
  get: {
    ...secured,
    summary:
      "One page (40) of a dataset's images with their captions, under the workbench's filters: tag, q (caption text), missing=caption, status (or not_approved), hand_edited, aspect, short_side_below, critic_rejects, ids (scope: read)",
    parameters: [idParameter, ...queryOf(listDatasetMembersQuerySchema.shape)],
    responses: {
      "200": answer("items, total, page, page_count, page_size, revision"),
      ...errors(400, 401, 403, 404),
    },
  },
  post: {
    ...secured,
    summary: "Add images (scope: admin)",
    parameters: [idParameter],
    requestBody: body(datasetImageSelectionSchema),
    responses: { "200": answer("Added"), ...errors(400, 401, 403, 404) },
  },
  delete: {
    ...secured,
    summary: "Remove images (scope: admin)",
    parameters: [idParameter],
    requestBody: body(removeDatasetImagesSchema),
    responses: { "200": answer("Removed"), ...errors(400, 401, 403, 404) },
  },
};
