import { listCaptionTagsQuerySchema } from "@/lib/datasets/captions/list-caption-tags";
import { editCaptionTagsSchema } from "@/lib/datasets/edit-caption-tags";
import { answer, body, errors, idParameter, queryOf, secured } from "@/lib/http/openapi/parts";
import { CAPTION_CHANGE_APPLIED } from "../caption-answers";

export const operations = {
  get: {
    ...secured,
    summary:
      "The dataset's caption tags (comma-separated parts) with how many captions hold each, most used first (scope: read)",
    parameters: [idParameter, ...queryOf(listCaptionTagsQuerySchema.shape)],
    responses: {
      "200": answer("items [{tag, count}], distinct_tags, captions"),
      ...errors(400, 401, 403, 404),
    },
  },
  post: {
    ...secured,
    summary:
      "Add, remove, rename or replace a tag in every caption in scope (the dataset, image_ids, or a workbench filter), as one undoable change (scope: admin)",
    parameters: [idParameter],
    requestBody: body(editCaptionTagsSchema),
    responses: { "200": answer(CAPTION_CHANGE_APPLIED), ...errors(400, 401, 403, 404, 409) },
  },
};
