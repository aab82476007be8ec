import type { AppError } from "@/lib/result";
import { statusOf } from "../responses/errors";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A refused page request as a small HTML page with the error's status; it runs nothing and loads nothing. */
export function refusalPage(error: AppError): Response {
  const status = statusOf(error.code);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} · Lightbox</title></head><body><h1>${status}</h1><p>${escapeHtml(error.message)}</p><p><a href="/">Back to the gallery</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "Cache-Control": "no-store",
    },
  });
}
