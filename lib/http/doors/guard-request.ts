import type { NextRequest } from "next/server";
import type { AppError } from "@/lib/result";
import { errorResponse } from "../responses/respond";
import { findActionBodyProblem } from "./action-body";
import { findPageBodyProblem, isForeignOrigin } from "./page-body";
import { refusalPage } from "./refusal-page";
import { findHostProblem, hasMalformedEscape } from "./request-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The checks proxy.ts runs on every request it sees, for what Next or Auth.js would otherwise answer with a 500
 * before our route, page or action code runs: a path whose escapes do not decode, host headers no URL can be made
 * of, and for page paths (pages, server actions, cookie downloads) a foreign Origin, a body over the action limit
 * or of unknown length, and a server action body React cannot decode. A refusal, or null to let the request on.
 */
export async function guardRequest(request: NextRequest): Promise<Response | null> {
  const problem = await findProblem(request);
  if (!problem) return null;
  const wantsPage =
    SAFE_METHODS.has(request.method) &&
    !request.nextUrl.pathname.startsWith("/api/") &&
    (request.headers.get("accept") ?? "").includes("text/html");
  return wantsPage ? refusalPage(problem) : errorResponse(problem);
}

async function findProblem(request: NextRequest): Promise<AppError | null> {
  if (hasMalformedEscape(request.nextUrl.pathname))
    return { code: "invalid_request", message: "The path holds a percent-escape that does not decode" };
  const hostProblem = findHostProblem(request.headers);
  if (hostProblem) return { code: "invalid_request", message: hostProblem };
  if (request.nextUrl.pathname.startsWith("/api/") || SAFE_METHODS.has(request.method)) return null;
  if (isForeignOrigin(request.headers))
    return { code: "forbidden", message: "Cross-site requests are not allowed here" };
  const bodyProblem = findPageBodyProblem(request.headers);
  if (bodyProblem || request.method !== "POST") return bodyProblem;
  return findActionBodyProblem(request);
}
