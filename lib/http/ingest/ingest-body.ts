import "server-only";
import { getConfig } from "@/lib/config";
import {
  explainPlatformLimit,
  platformUploadLimits,
  refuseOverPlatformLimit,
} from "../bodies/platform-body-limit";
import type { BodyReader } from "../wrappers/api-route";
import { type ParsedIngestRequest, parseIngestRequest } from "./parse-ingest-request";

/**
 * POST /api/v1/images' multipart body, under the app's limits and the platform's (a 413 on Vercel names the
 * direct upload); its hash is what Idempotency-Key compares.
 */
export const ingestBody: BodyReader<ParsedIngestRequest> = {
  read: async (req) => {
    const { deployTarget, limits } = getConfig();
    const overPlatform = refuseOverPlatformLimit(req.headers, deployTarget);
    if (overPlatform) return { ok: false, error: overPlatform };
    const parsed = await parseIngestRequest(req, platformUploadLimits({ deployTarget, limits }));
    if (!parsed.ok) return { ok: false, error: explainPlatformLimit(parsed.error, deployTarget) };
    return { ok: true, value: { value: parsed.value, sha256: parsed.value.requestSha256 } };
  },
};
