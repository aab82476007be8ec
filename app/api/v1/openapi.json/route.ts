import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { buildOpenApiDocument } from "@/lib/http/openapi";

// Public on purpose: the API's description is documentation, not data; every operation in it needs a key.
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(buildOpenApiDocument(getConfig().appUrl));
}
