import { type ZodType, z } from "zod";
import { critiqueBatchDocumentSchema, critiqueFieldsSchema } from "@/lib/critics/critique-input";
import { critiqueRecordSchema } from "@/lib/critics/critique-record-schema";
import { listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { datasetImageSelectionSchema } from "@/lib/datasets/add-dataset-images";
import { applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { MAX_CAPTION_CHARS } from "@/lib/datasets/caption-from-prompt";
import { createDatasetSchema } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { handoffQueryFields } from "@/lib/handoff/handoff-selection";
import { createUploadSchema } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { listImagesQuerySchema } from "@/lib/images/list-images";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { createRunSchema } from "@/lib/images/runs";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
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

const json = (schema: ZodType) =>
  z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io: "input" });
const body = (schema: ZodType) => ({
  required: true,
  content: { "application/json": { schema: json(schema) } },
});
const answer = (description: string, schema?: ZodType) =>
  schema ? { description, content: { "application/json": { schema: json(schema) } } } : { description };
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), answer("Error", errorEnvelopeSchema)]));
const secured = { security: [{ apiKey: [] }] };
const queryOf = (shape: Record<string, ZodType>, leaveOut: string[] = []) =>
  Object.entries(shape)
    .filter(([name]) => !leaveOut.includes(name))
    .map(([name, schema]) => ({ name, in: "query", required: false, schema: json(schema) }));
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const pathParameter = (name: string, schema: Record<string, unknown>) => ({
  name,
  in: "path",
  required: true,
  schema,
});

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
            "On Vercel the whole request body may be at most 4.5 MB (413 otherwise): send larger files through POST /uploads.",
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
            ...errors(400, 401, 403, 409, 413, 415, 422, 500, 503),
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
      "/datasets/{id}/captions": {
        post: {
          ...secured,
          summary: `Apply a caption template to every image, e.g. a trigger-word prefix (scope: admin). Each caption it makes is cut at ${MAX_CAPTION_CHARS} characters, the cap on every caption`,
          parameters: [idParameter],
          requestBody: body(applyCaptionTemplateSchema),
          responses: { "200": answer("Applied"), ...errors(400, 401, 403, 404) },
        },
      },
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
            ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503),
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
