import { type ZodType, z } from "zod";
import { critiqueBatchDocumentSchema, critiqueFieldsSchema } from "@/lib/critics/critique-input";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { datasetImageSelectionSchema } from "@/lib/datasets/add-dataset-images";
import { MAX_CAPTION_CHARS } from "@/lib/datasets/caption-from-prompt";
import { createDatasetSchema } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { listDatasetMembersQuerySchema } from "@/lib/datasets/list-dataset-members";
import { removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { handoffQueryFields } from "@/lib/handoff/handoff-selection";
import { createUploadSchema } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { listImagesQuerySchema } from "@/lib/images/list-images";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { createRunSchema } from "@/lib/images/runs";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { listTrainedModelsQuerySchema } from "@/lib/lineage/list-trained-models";
import { registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import {
  archiveBuildingSchema,
  critiqueListSchema,
  errorEnvelopeSchema,
  experimentSchema,
  imagePageSchema,
  imageWithUrlsSchema,
  postedImageSchema,
  runRecordSchema,
  uploadTicketSchema,
} from "./api-schemas";
import { datasetWorkbenchPaths } from "./openapi-dataset-workbench";
import { answer, body, errors, idParameter, json, pathParameter, queryOf, secured } from "./openapi-parts";

/** 503 from an ingest door: the backlog is full (`overloaded`, with Retry-After), or a store did not answer. */
const ingestUnavailable = {
  "503": {
    ...answer(
      "overloaded: more new images wait for the workers than they clear; nothing was stored. Wait Retry-After seconds (also error.details.retry_after_seconds) and send the same request again, with the same Idempotency-Key. Also storage_unavailable or database_unavailable: retry later",
      errorEnvelopeSchema,
    ),
    headers: {
      "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait (with overloaded)" },
    },
  },
};

// Every documented POST is an apiRoute with `idempotent` (app/api/v1/idempotent-posts.test.ts holds it to that).
const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Retry-safe: the same key and request within 24 h replay the first answer, with URLs signed anew",
  schema: { type: "string", maxLength: 255 },
};

function withIdempotencyHeader<Paths extends Record<string, Record<string, unknown>>>(paths: Paths): Paths {
  for (const operations of Object.values(paths)) {
    const post = operations.post as { parameters?: unknown[] } | undefined;
    if (post) post.parameters = [...(post.parameters ?? []), idempotencyHeader];
  }
  return paths;
}

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(serverUrl: string) {
  // The list's parameters are the one image selection's fields (lib/images/selection/image-filter.ts).
  const queryParameters = Object.entries(listImagesQuerySchema.shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    ...(schema.description ? { description: schema.description } : {}),
    schema: json(schema as ZodType),
  }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Lightbox API",
      version: "1.0.0",
      description: "Image library and review desk for generation pipelines",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key: lbx_<prefix>_<secret>" },
      },
    },
    paths: withIdempotencyHeader({
      "/images": {
        post: {
          ...secured,
          summary: "Store an image with its generation metadata (scope: ingest)",
          description:
            "A 201 means the original and its row are stored; its variants (thumb, preview), placeholder and perceptual hash are made by a worker moments later (derive_state pending → done; the thumb and preview URLs point at the original until then). While the workers are behind, new images are refused with 503 overloaded and Retry-After; duplicates are still answered. On Vercel the whole request body may be at most 4.5 MB (413 otherwise): send larger files through POST /uploads.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", contentMediaType: "application/octet-stream" },
                    metadata: {
                      ...json(ingestMetadataSchema),
                      description: "JSON text; wins over metadata embedded in the file",
                    },
                  },
                },
              },
            },
          },
          responses: {
            "201": answer("Stored", postedImageSchema),
            "200": answer("These bytes were already stored: the existing image", postedImageSchema),
            ...errors(400, 401, 403, 409, 413, 415, 422, 500),
            ...ingestUnavailable,
          },
        },
        get: {
          ...secured,
          summary:
            "List images with the image selection's filters and sort, and a keyset cursor (scope: read). Records carry previews of long values (see truncated_fields), so a 200-item page stays near 1 MB whatever the files embed; GET /images/{id} carries each value whole",
          parameters: queryParameters,
          responses: { "200": answer("A page of images", imagePageSchema), ...errors(400, 401, 403) },
        },
      },
      "/images/{id}": {
        get: {
          ...secured,
          summary: "One image with signed URLs (scope: read)",
          parameters: [idParameter],
          responses: { "200": answer("The image", imageWithUrlsSchema), ...errors(400, 401, 403, 404) },
        },
        delete: {
          ...secured,
          summary: "Soft-delete an image (scope: admin)",
          parameters: [idParameter],
          responses: {
            "200": answer("Deleted", z.object({ id: z.uuid(), deleted_at: z.iso.datetime() })),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      "/images/{id}/critiques": {
        post: {
          ...secured,
          summary:
            "Score an image; replaces the current critique of this critic and version, which stays as history (scope: critic)",
          parameters: [idParameter],
          requestBody: body(critiqueFieldsSchema),
          responses: {
            "201": answer("Stored; score_normalized maps the scale onto 0-1", critiqueRecordSchema),
            ...errors(400, 401, 403, 404, 409, 413),
          },
        },
        get: {
          ...secured,
          summary: "An image's critiques: current ones, or with history=true every one (scope: read)",
          parameters: [idParameter, ...queryOf(listCritiquesQuerySchema.shape, ["image_id"])],
          responses: {
            "200": answer("Critiques, newest first", critiqueListSchema),
            ...errors(400, 401, 403),
          },
        },
      },
      "/critiques": {
        post: {
          ...secured,
          summary:
            "Score up to 500 images (by image_id or sha256), all or nothing: one bad item answers 400 with every problem as { index, path, message } and stores nothing (scope: critic)",
          requestBody: body(critiqueBatchDocumentSchema),
          responses: {
            "201": answer("All stored", z.object({ items: z.array(critiqueRecordSchema) })),
            ...errors(400, 401, 403, 409, 413),
          },
        },
        get: {
          ...secured,
          summary: "Critiques by image, critic or version, newest first (scope: read)",
          parameters: queryOf(listCritiquesQuerySchema.shape),
          responses: { "200": answer("Critiques", critiqueListSchema), ...errors(400, 401, 403) },
        },
      },
      "/images/{id}/restore": {
        post: {
          ...secured,
          summary: "Restore a soft-deleted image (scope: admin)",
          parameters: [idParameter],
          responses: { "200": answer("Restored"), ...errors(400, 401, 403, 404) },
        },
      },
      "/images/{id}/purge": {
        post: {
          ...secured,
          summary:
            "Remove an image's objects, then its rows; refused for approved or dataset images (scope: admin)",
          parameters: [idParameter],
          responses: { "200": answer("Purged"), ...errors(400, 401, 403, 404, 409, 503) },
        },
      },
      "/datasets": {
        get: {
          ...secured,
          summary: "List datasets (scope: read)",
          responses: { "200": answer("Datasets"), ...errors(401, 403) },
        },
        post: {
          ...secured,
          summary: "Create a dataset from image ids or a saved filter (scope: admin)",
          requestBody: body(createDatasetSchema),
          responses: { "201": answer("Created"), ...errors(400, 401, 403, 409) },
        },
      },
      "/datasets/{id}": {
        get: {
          ...secured,
          summary: `A dataset with its images, captions and versions (scope: read). Each image's prompt is a preview of its first ${PREVIEW_LIMITS.prompt} characters, with prompt_truncated: true when it is longer`,
          parameters: [idParameter],
          responses: { "200": answer("The dataset"), ...errors(400, 401, 403, 404) },
        },
      },
      "/datasets/{id}/images": {
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
      },
      "/datasets/{id}/images/{imageId}": {
        patch: {
          ...secured,
          summary: `Edit one caption (at most ${MAX_CAPTION_CHARS} characters); with expected_caption, 409 if it changed since (scope: admin)`,
          parameters: [idParameter, pathParameter("imageId", { type: "string", format: "uuid" })],
          requestBody: body(updateDatasetCaptionSchema),
          responses: { "200": answer("Updated"), ...errors(400, 401, 403, 404, 409) },
        },
      },
      ...datasetWorkbenchPaths(),
      "/datasets/{id}/versions": {
        post: {
          ...secured,
          summary: "Freeze the dataset into an immutable version (scope: admin)",
          parameters: [idParameter],
          requestBody: body(freezeDatasetVersionSchema),
          responses: { "201": answer("Frozen"), ...errors(400, 401, 403, 404, 409) },
        },
      },
      "/datasets/{id}/versions/{version}/export.zip": {
        get: {
          ...secured,
          summary:
            "A version as a ZIP (original bytes sha256-verified, captions, manifest.jsonl), built once in the bucket; redirects to a signed download URL (scope: read). A large archive is built over several requests: until it is whole the answer is 202 with its progress; ask again after Retry-After, each request continues the build",
          parameters: [idParameter, pathParameter("version", { type: "integer", minimum: 1 })],
          responses: {
            "302": {
              description: "Location: a signed URL of the archive, valid for SIGNED_URL_TTL_SECONDS",
              headers: { Location: { schema: { type: "string", format: "uri" } } },
            },
            "202": {
              ...answer("Still being built: ask again after Retry-After (seconds)", archiveBuildingSchema),
              headers: { "Retry-After": { schema: { type: "integer" } } },
            },
            ...errors(400, 401, 403, 404, 409, 503),
          },
        },
      },
      "/datasets/{id}/lineage": {
        get: {
          ...secured,
          summary:
            "Per frozen version: the models trained on it and how their images are judged (approval rate, Wilson 95% interval), per model and over the version (scope: read)",
          parameters: [idParameter],
          responses: { "200": answer("Versions with their models"), ...errors(400, 401, 403, 404) },
        },
      },
      "/models": {
        get: {
          ...secured,
          summary:
            "Registered trained models (LoRAs, checkpoints) with the dataset version each was trained on (scope: read)",
          parameters: queryOf(listTrainedModelsQuerySchema.shape),
          responses: { "200": answer("Models"), ...errors(400, 401, 403) },
        },
        post: {
          ...secured,
          summary:
            "Register a model trained on a frozen dataset version, by its hashes (sha256; AutoV2 = sha256[0:10]; AutoV3 for LoRAs), file name or Civitai version id; stored images that name it are linked before the answer, later ones as they are stored. 409 when its name, sha256, file name or Civitai id is registered already (scope: admin)",
          requestBody: body(registerTrainedModelSchema),
          responses: { "201": answer("Registered"), ...errors(400, 401, 403, 404, 409) },
        },
      },
      "/models/{id}": {
        get: {
          ...secured,
          summary:
            "A registered model with its dataset version and the number of images linked to it (scope: read)",
          parameters: [idParameter],
          responses: { "200": answer("The model"), ...errors(400, 401, 403, 404) },
        },
        delete: {
          ...secured,
          summary:
            "Forget a registration made by mistake: its image links go, images and dataset stay (scope: admin)",
          parameters: [idParameter],
          responses: { "200": answer("Deleted"), ...errors(400, 401, 403, 404) },
        },
      },
      "/images/handoff.zip": {
        get: {
          ...secured,
          summary:
            "A handoff of the images a filter (the fields of GET /images) or ids (comma-separated) selects: originals byte for byte under generations/YYYY-MM-DD/<model>/YYYYMMDD_HHMMSS_<model>_<sha256[0:8]>.<ext>, a JSON sidecar each, manifest.jsonl with every file's sha256; built once in the bucket and redirected to (scope: read). Until it is whole the answer is 202 with its progress; ask again after Retry-After",
          parameters: queryOf(handoffQueryFields.shape),
          responses: {
            "302": {
              description: "Location: a signed URL of the archive, valid for SIGNED_URL_TTL_SECONDS",
              headers: { Location: { schema: { type: "string", format: "uri" } } },
            },
            "202": {
              ...answer("Still being built: ask again after Retry-After (seconds)", archiveBuildingSchema),
              headers: { "Retry-After": { schema: { type: "integer" } } },
            },
            ...errors(400, 401, 403, 409, 503),
          },
        },
      },
      "/uploads": {
        post: {
          ...secured,
          summary: "Start a direct-to-bucket upload: a presigned PUT URL (scope: ingest)",
          requestBody: body(createUploadSchema),
          responses: {
            "201": answer("PUT the bytes to upload_url", uploadTicketSchema),
            ...errors(400, 401, 403, 413),
          },
        },
      },
      "/uploads/{id}/complete": {
        post: {
          ...secured,
          summary: "Finish a direct upload: the staged bytes go through the ingest pipeline (scope: ingest)",
          parameters: [idParameter],
          requestBody: body(z.object({ metadata: ingestMetadataSchema.optional() })),
          responses: {
            "201": answer("Stored", postedImageSchema),
            "200": answer("Already stored", postedImageSchema),
            ...errors(400, 401, 403, 404, 409, 413, 415, 422),
            // A refused completion leaves the upload pending: complete it again after Retry-After.
            ...ingestUnavailable,
          },
        },
      },
      "/experiments": {
        get: {
          ...secured,
          summary:
            "Approval rate (Wilson 95% interval), mean score and critic agreement per value of a generation parameter, over any image filter (scope: read)",
          parameters: queryOf(experimentQuerySchema.shape).map((parameter) =>
            parameter.name === "parameter" ? { ...parameter, required: true } : parameter,
          ),
          responses: { "200": answer("One row per value", experimentSchema), ...errors(400, 401, 403) },
        },
      },
      "/runs": {
        post: {
          ...secured,
          summary: "Create a run (scope: ingest)",
          requestBody: body(createRunSchema),
          responses: { "201": answer("Created", runRecordSchema), ...errors(400, 401, 403, 409) },
        },
        get: {
          ...secured,
          summary: "List runs (scope: read)",
          responses: {
            "200": answer(
              "Runs",
              z.object({ items: z.array(runRecordSchema.extend({ image_count: z.number().int() })) }),
            ),
            ...errors(401, 403),
          },
        },
      },
    }),
  };
}
