import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { openApiDocument } from "../api-routes";

// Public on purpose: the API's description is documentation, not data; every operation in it needs a key.
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(openApiDocument(getConfig().appUrl));
}
