import { NextResponse } from "next/server";

/** A 302 to a signed URL. Never cached: the URL expires and is for this principal only. */
export function redirectToSignedUrl(url: string): NextResponse {
  return new NextResponse(null, {
    status: 302,
    headers: { Location: url, "Cache-Control": "private, no-store" },
  });
}
