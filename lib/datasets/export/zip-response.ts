import { Readable } from "node:stream";

/** An exported version as an HTTP download, streamed as it is read from the bucket (never cached: it is private). */
export function zipDownloadResponse(zip: { stream: Readable; fileName: string }): Response {
  return new Response(Readable.toWeb(zip.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${zip.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
