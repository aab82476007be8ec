// `npm run critic:sharpness`: the reference critic. Scores every image that has no critique from it yet, by
// Laplacian-variance sharpness and exposure clipping (lib/critics/measure-sharpness.ts), and posts the scores
// through the public HTTP API exactly as an external critic would: an API key with the read and critic scopes,
// batches, retries with an Idempotency-Key, a progress line. Resumable: it asks the API only for images it has
// not scored (GET /api/v1/images?missing_critic=sharpness), so a stopped run picks up where it was.
//   LIGHTBOX_URL=http://localhost:3000 LIGHTBOX_API_KEY=lbx_… npm run critic:sharpness
import { createHash } from "node:crypto";
import { measureSharpness } from "@/lib/critics/measure-sharpness";

const CRITIC = "sharpness";
const VERSION = "1.0.0";
const PAGE = 100;
const CONCURRENCY = 4;
const ATTEMPTS = 5;

const baseUrl = (process.env.LIGHTBOX_URL || "http://localhost:3000").replace(/\/$/, "");
const apiKey = process.env.LIGHTBOX_API_KEY;

type Page = { items: { id: string; sha256: string }[]; next_cursor: string | null };
type Item = { image_id: string; critic: string; critic_version: string; score: number; scale: "0-1" };

/** fetch with retries on network errors, 429 and 5xx (exponential backoff); other answers are returned. */
async function request(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(path.startsWith("http") ? path : `${baseUrl}/api/v1${path}`, {
        ...init,
        headers: {
          ...(path.startsWith("http") ? {} : { authorization: `Bearer ${apiKey}` }),
          ...init.headers,
        },
      });
      if (response.status < 500 && response.status !== 429) return response;
      if (attempt >= ATTEMPTS) return response;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
}

async function scoreImage(id: string): Promise<Item & Record<string, unknown>> {
  const record = await request(`/images/${id}`);
  if (!record.ok) throw new Error(`GET image ${id}: ${record.status}`);
  const { urls } = (await record.json()) as { urls: { preview: string } };
  const bytes = await request(urls.preview);
  if (!bytes.ok) throw new Error(`preview of ${id}: ${bytes.status}`);
  const measure = await measureSharpness(new Uint8Array(await bytes.arrayBuffer()));
  return { image_id: id, critic: CRITIC, critic_version: VERSION, scale: "0-1", ...measure };
}

async function postBatch(items: Item[]): Promise<void> {
  const body = JSON.stringify({ items });
  // The same batch always carries the same key, so a retry after a lost answer is not stored twice.
  const key = `${CRITIC}-${VERSION}-${createHash("sha256").update(body).digest("hex").slice(0, 32)}`;
  const response = await request("/critiques", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body,
  });
  if (!response.ok) throw new Error(`POST /critiques: ${response.status} ${await response.text()}`);
}

async function main(): Promise<number> {
  if (!apiKey) {
    console.error("Set LIGHTBOX_API_KEY to a key with the read and critic scopes (and LIGHTBOX_URL).");
    return 2;
  }
  const started = performance.now();
  let scored = 0;
  let failed = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ missing_critic: CRITIC, limit: String(PAGE) });
    if (cursor) query.set("cursor", cursor);
    const response = await request(`/images?${query}`);
    if (!response.ok) throw new Error(`GET /images: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as Page;
    const items: Item[] = [];
    for (let start = 0; start < page.items.length; start += CONCURRENCY) {
      const results = await Promise.allSettled(
        page.items.slice(start, start + CONCURRENCY).map((image) => scoreImage(image.id)),
      );
      for (const result of results) {
        if (result.status === "fulfilled") items.push(result.value);
        else {
          failed += 1;
          console.error(`\n${String(result.reason)}`);
        }
      }
    }
    if (items.length > 0) await postBatch(items);
    scored += items.length;
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\rscored ${scored} · failed ${failed} · ${(scored / Math.max(seconds, 0.001)).toFixed(1)} img/s   `,
    );
    cursor = page.next_cursor;
  } while (cursor);
  console.log(`\ndone: ${scored} scored, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
