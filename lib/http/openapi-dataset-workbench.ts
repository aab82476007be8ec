import { z } from "zod";
import {
  applyCaptionTemplateSchema,
  previewCaptionTemplateSchema,
} from "@/lib/datasets/apply-caption-template";
import { MAX_CAPTION_CHARS } from "@/lib/datasets/caption-from-prompt";
import { listCaptionTagsQuerySchema } from "@/lib/datasets/captions/list-caption-tags";
import { undoCaptionChangeSchema } from "@/lib/datasets/captions/undo-caption-change";
import { editCaptionTagsSchema, previewCaptionTagsSchema } from "@/lib/datasets/edit-caption-tags";
import { answer, body, errors, idParameter, pathParameter, queryOf, secured } from "./openapi-parts";

const uuid = { type: "string", format: "uuid" };
const PLAN =
  "The plan: in_scope, changes, hand_edited (of the changes, captions a person typed), notes, the first 20 diffs (samples) and the revision to send back as expected_revision";
const APPLIED =
  "updated, skipped_hand_edited, change_id (undo it in one step) and the dataset's new revision; 409 when expected_revision is no longer the dataset's";

/** The dataset workbench's operations: templates, tags, caption history and undo, the audit before a freeze. */
export function datasetWorkbenchPaths() {
  return {
    "/datasets/{id}/captions": {
      post: {
        ...secured,
        summary: `Apply a caption template, e.g. a trigger-word prefix (scope: admin). Idempotent: applying it twice is applying it once (the template's own text and trigger word are never added again). Captions a person typed are left unless hand_edited is "overwrite". Each caption it makes is cut at ${MAX_CAPTION_CHARS} characters, the cap on every caption`,
        parameters: [idParameter],
        requestBody: body(applyCaptionTemplateSchema),
        responses: { "200": answer(APPLIED), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/datasets/{id}/captions/preview": {
      post: {
        ...secured,
        summary: "What a caption template would change, without changing it (scope: read)",
        parameters: [idParameter],
        requestBody: body(previewCaptionTemplateSchema),
        responses: { "200": answer(PLAN), ...errors(400, 401, 403, 404) },
      },
    },
    "/datasets/{id}/tags": {
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
        responses: { "200": answer(APPLIED), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/datasets/{id}/tags/preview": {
      post: {
        ...secured,
        summary: "What a tag operation would change, without changing it (scope: read)",
        parameters: [idParameter],
        requestBody: body(previewCaptionTagsSchema),
        responses: { "200": answer(PLAN), ...errors(400, 401, 403, 404) },
      },
    },
    "/datasets/{id}/caption-changes": {
      get: {
        ...secured,
        summary:
          "The dataset's last 20 caption changes (edits, templates, tag operations, undos), newest first (scope: read)",
        parameters: [idParameter],
        responses: {
          "200": answer("items [{id, kind, summary, image_count, by, at, undone}]"),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/datasets/{id}/caption-changes/{changeId}/undo": {
      post: {
        ...secured,
        summary:
          "Undo one caption change in one step: each caption it wrote goes back where nobody changed it since; with image_id, only that image's (scope: admin). The undo is a change too: undo it to redo",
        parameters: [idParameter, pathParameter("changeId", uuid)],
        requestBody: body(undoCaptionChangeSchema),
        responses: {
          "200": answer("restored, skipped (changed since), change_id of the undo"),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    "/datasets/{id}/images/{imageId}/caption-history": {
      get: {
        ...secured,
        summary: "One image's caption changes in the dataset, newest first, the last 50 (scope: read)",
        parameters: [idParameter, pathParameter("imageId", uuid)],
        responses: {
          "200": answer("items [{change_id, kind, summary, before, after, by, at, undone}]"),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    "/datasets/{id}/audit": {
      get: {
        ...secured,
        summary:
          "What to check before freezing: near-duplicate clusters, resolution and aspect-ratio buckets, images without a caption, images no longer approved, critic score distributions, each problem a warning with the filter of its images; freeze with expected_revision = its revision (scope: read)",
        parameters: [idParameter],
        responses: {
          "200": answer("The audit", z.object({ revision: z.number().int() }).loose()),
          ...errors(400, 401, 403, 404),
        },
      },
    },
  };
}
