import type { ZodType } from "zod";
import { imagePageSchema, postedImageSchema } from "@/lib/http/openapi/api-schemas";
import { answer, errors, ingestUnavailable, json, secured } from "@/lib/http/openapi/parts";
import { ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";
import { listImagesQuerySchema } from "@/lib/images/lists/list-images";

// The list's parameters are the one image selection's fields (lib/images/selection/image-filter.ts).
const listParameters = Object.entries(listImagesQuerySchema.shape).map(([name, schema]) => ({
  name,
  in: "query",
  required: false,
  ...(schema.description ? { description: schema.description } : {}),
  schema: json(schema as ZodType),
}));

export const operations = {
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
    parameters: listParameters,
    responses: { "200": answer("A page of images", imagePageSchema), ...errors(400, 401, 403) },
  },
};
