import "server-only";
import { NextResponse } from "next/server";
import type { BucketArchive } from "@/lib/datasets/export/bucket-archive";
import type { Result } from "@/lib/result";
import { redirectToSignedUrl } from "./redirect-response";
import { respond } from "./respond";

// Long enough for a part or two to be stored between polls; short enough that a finished archive starts soon.
const RETRY_AFTER_SECONDS = 2;

/** The API's answer: a 302 to the archive, or 202 with how far its build got (ask again after Retry-After). */
export function archiveAnswer(result: Result<BucketArchive>): Response {
  if (!result.ok) return respond(result);
  const archive = result.value;
  if (archive.status === "ready") return redirectToSignedUrl(archive.url);
  return NextResponse.json(
    { status: "building", bytes_done: archive.bytesDone, bytes_total: archive.bytesTotal },
    { status: 202, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

/** The browser's answer: the redirect, or a page that says how far the build got and asks again by itself. */
export function archivePage(result: Result<BucketArchive>): Response {
  if (!result.ok || result.value.status === "ready") return archiveAnswer(result);
  const { bytesDone, bytesTotal } = result.value;
  const percent = bytesTotal > 0 ? Math.floor((bytesDone / bytesTotal) * 100) : 0;
  // Numbers only: nothing a user wrote reaches this page.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Preparing the download</title></head><body><p>Preparing the download: ${percent}% of the archive is built. This page continues by itself.</p></body></html>`;
  return new Response(html, {
    status: 202,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
