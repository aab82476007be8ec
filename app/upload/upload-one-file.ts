import type { ActionResult } from "@/lib/http/wrappers/action-result";
import { completeDirectUploadAction, startDirectUploadAction, uploadImageAction } from "./actions";

export type UploadOutcome =
  | { ok: true; id: string; duplicate: boolean; runId: string | null }
  | { ok: false; message: string };
export type UploadBatch = { run: string; tags: string };

/**
 * One file through the right door: small ones in a server action's body, large ones PUT straight to the bucket
 * (with real progress) and then completed by a server action. Either way the same ingest pipeline stores them.
 */
export async function uploadOneFile(
  file: File,
  batch: UploadBatch,
  maxActionBytes: number,
  onProgress: (fraction: number) => void,
): Promise<UploadOutcome> {
  try {
    if (file.size <= maxActionBytes) {
      const form = new FormData();
      form.set("file", file);
      form.set("run", batch.run);
      form.set("tags", batch.tags);
      const result = await whileOverloaded(() => uploadImageAction(form));
      onProgress(1);
      return result.ok ? { ok: true, ...result.data } : { ok: false, message: result.error.message };
    }
    const started = await startDirectUploadAction({ contentType: file.type, byteSize: file.size });
    if (!started.ok) return { ok: false, message: started.error.message };
    const put = await putWithProgress(started.data.uploadUrl, started.data.headers, file, onProgress);
    if (!put) return { ok: false, message: "The upload to storage failed; try again" };
    const completed = await whileOverloaded(() =>
      completeDirectUploadAction({ ticket: started.data.ticket, run: batch.run, tags: batch.tags }),
    );
    return completed.ok ? { ok: true, ...completed.data } : { ok: false, message: completed.error.message };
  } catch {
    return { ok: false, message: "The connection failed; try again" };
  }
}

const MAX_WAITS = 60;

/**
 * While the server's image work is backlogged it refuses new images (`overloaded`, with the seconds to wait): the
 * file is sent again after that pause, as the API's clients do with Retry-After, instead of failing.
 */
async function whileOverloaded<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  for (let waits = 0; ; waits += 1) {
    const result = await call();
    if (result.ok || result.error.code !== "overloaded" || waits >= MAX_WAITS) return result;
    const details = result.error.details as { retry_after_seconds?: number } | undefined;
    await new Promise((resolve) => setTimeout(resolve, (details?.retry_after_seconds ?? 2) * 1000));
  }
}

function putWithProgress(
  url: string,
  headers: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
) {
  return new Promise<boolean>((resolve) => {
    const request = new XMLHttpRequest();
    request.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => resolve(request.status >= 200 && request.status < 300);
    request.onerror = () => resolve(false);
    request.send(file);
  });
}
