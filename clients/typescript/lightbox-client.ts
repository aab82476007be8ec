// The typed Lightbox client for TypeScript: openapi-fetch over the types generated from the API's OpenAPI document
// (schema.d.ts), so every path, parameter, body and answer is checked by the compiler against the API itself.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export type LightboxClient = Client<paths>;
type ImageForm = paths["/images"]["post"]["requestBody"]["content"]["multipart/form-data"];
export type ImageMetadata = NonNullable<ImageForm["metadata"]>;

export function createLightboxClient(options: {
  url: string;
  apiKey: string;
  fetch?: typeof fetch;
}): LightboxClient {
  return createClient<paths>({
    baseUrl: `${options.url.replace(/\/+$/, "")}/api/v1`,
    headers: { Authorization: `Bearer ${options.apiKey}` },
    fetch: options.fetch,
  });
}

/**
 * POST /images: the file and its metadata (JSON text) as multipart. 201 stored, 200 with `duplicate: true` when the
 * bytes were already stored; send an Idempotency-Key to make a retry replay the first answer.
 */
export function postImage(
  client: LightboxClient,
  file: Blob,
  metadata: ImageMetadata = {},
  options: { idempotencyKey?: string; filename?: string } = {},
) {
  return client.POST("/images", {
    params: { header: options.idempotencyKey ? { "Idempotency-Key": options.idempotencyKey } : {} },
    // The generated type names the binary part a string; the serializer below sends the Blob itself.
    body: { file: "", metadata },
    bodySerializer: () => {
      const form = new FormData();
      form.set("metadata", JSON.stringify(metadata));
      form.set("file", file, options.filename ?? "image");
      return form;
    },
  });
}
