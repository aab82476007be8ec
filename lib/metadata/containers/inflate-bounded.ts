import { constants, gunzipSync, inflateSync } from "node:zlib";

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Inflates at most maxBytes: zlib stops and throws once the output would pass the limit, so a
 * deflate bomb (a few KB that expand to gigabytes) costs no more than maxBytes of memory.
 */
export function inflateBounded(data: Uint8Array, maxBytes: number, format: "zlib" | "gzip"): InflateResult {
  try {
    // Sync flush returns what a truncated stream holds instead of throwing "unexpected end of file".
    const options = { maxOutputLength: Math.max(1, maxBytes), finishFlush: constants.Z_SYNC_FLUSH };
    const bytes = format === "gzip" ? gunzipSync(data, options) : inflateSync(data, options);
    return { ok: true, bytes };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return { ok: false, error: `inflates beyond ${maxBytes} bytes` };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
