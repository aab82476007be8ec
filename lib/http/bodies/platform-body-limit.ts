import type { Config } from "@/lib/config";
import type { AppError } from "@/lib/result";

/**
 * Vercel Functions refuse request bodies over 4.5 MB (413 FUNCTION_PAYLOAD_TOO_LARGE, a plain-text page no
 * API client expects). Larger images go straight to the bucket: POST /api/v1/uploads.
 */
const VERCEL_BODY_LIMIT_BYTES = 4.5 * 1024 * 1024;

const DIRECT_UPLOAD =
  "Upload it directly to the bucket instead: POST /api/v1/uploads, PUT the file to the returned URL, then POST /api/v1/uploads/{id}/complete.";

/**
 * On Vercel, a body declared larger than the platform accepts is refused from its Content-Length, before a
 * byte of it is read, with a 413 that names the direct-upload route. Elsewhere: null (the app's own limits apply).
 */
export function refuseOverPlatformLimit(
  headers: Headers,
  deployTarget: Config["deployTarget"],
): AppError | null {
  if (deployTarget !== "vercel") return null;
  const declared = Number(headers.get("content-length") ?? "0");
  if (!(declared > VERCEL_BODY_LIMIT_BYTES)) return null;
  return {
    code: "payload_too_large",
    message: `The request is ${declared} bytes; on this deployment (Vercel) a request body may be at most 4.5 MB. ${DIRECT_UPLOAD}`,
    details: { limit_bytes: VERCEL_BODY_LIMIT_BYTES, direct_upload: "/api/v1/uploads" },
  };
}

/** The upload limits a request body can meet here: a chunked body (no Content-Length) stops at 4.5 MB too. */
export function platformUploadLimits(config: Pick<Config, "limits" | "deployTarget">): Config["limits"] {
  if (config.deployTarget !== "vercel") return config.limits;
  return {
    ...config.limits,
    maxUploadBytes: Math.min(config.limits.maxUploadBytes, VERCEL_BODY_LIMIT_BYTES),
  };
}

/** A streamed body refused for size on Vercel gets the same pointer to direct upload. */
export function explainPlatformLimit(error: AppError, deployTarget: Config["deployTarget"]): AppError {
  if (deployTarget !== "vercel" || error.code !== "payload_too_large") return error;
  return {
    ...error,
    message: `${error.message}. On this deployment (Vercel) a request body may be at most 4.5 MB. ${DIRECT_UPLOAD}`,
    details: { limit_bytes: VERCEL_BODY_LIMIT_BYTES, direct_upload: "/api/v1/uploads" },
  };
}
