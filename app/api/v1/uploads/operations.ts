import { uploadTicketSchema } from "@/lib/http/openapi/api-schemas";
import { answer, body, errors, secured } from "@/lib/http/openapi/parts";
import { createUploadSchema } from "@/lib/images/uploads/direct-uploads";

export const operations = {
  post: {
    ...secured,
    summary: "Start a direct-to-bucket upload: a presigned PUT URL (scope: ingest)",
    requestBody: body(createUploadSchema),
    responses: {
      "201": answer("PUT the bytes to upload_url", uploadTicketSchema),
      ...errors(400, 401, 403, 413),
    },
  },
};
