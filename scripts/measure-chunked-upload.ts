// `npx tsx --conditions=react-server scripts/measure-chunked-upload.ts` (not part of npm test): the production
// server on a throwaway local stack, then a 600 MB multipart upload sent chunked (no Content-Length) to
//   (1) POST /api/v1/images with an API key        (2) the upload page's server action (Next-Action header)
// printing next-server RSS before, peak while sending, and after, and how many bytes the client had produced when
// the answer came. Issue 11 saw 356 MB → 3.1 GB for (1) when the route read the body whole.
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { FORM_END, filePartHead, filler, MULTIPART_TYPE, PART_END } from "@/lib/testing/multipart-stream";
import { currentRssMb, startApp } from "./bench/app";

const MB = 1024 * 1024;
const BODY_BYTES = Number(process.env.MEASURE_MB || 600) * MB;
const ROOT = path.resolve(import.meta.dirname, "..");

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lightbox-measure-"));
  await chmod(dataDir, 0o755);
  const port = await findFreePort();
  const app = await startApp(dataDir, port);
  try {
    const db = createDatabase({ url: app.databaseUrl, poolMax: 1, preparedStatements: true });
    const { key } = await createApiKey(db, { name: "measure", scopes: ["ingest"] });
    await closeDatabase(db);
    const base = `http://127.0.0.1:${port}`;
    const pid = app.serverPid();
    console.log(`sending ${BODY_BYTES / MB} MB chunked multipart bodies to next-server (pid ${pid})\n`);
    await report(pid, "(1) POST /api/v1/images", `${base}/api/v1/images`, { authorization: `Bearer ${key}` });
    await report(pid, "(2) server action POST /upload", `${base}/upload`, {
      "next-action": findActionId("uploadImageAction"),
      origin: base,
    });
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function report(pid: number, name: string, url: string, headers: Record<string, string>) {
  const before = currentRssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, currentRssMb(pid));
  }, 20);
  const started = performance.now();
  const sent = await sendChunked(url, headers);
  clearInterval(sampler);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(name);
  console.log(`  answer      ${sent.status} ${sent.text.slice(0, 160).replace(/\s+/g, " ")}`);
  console.log(
    `  produced    ${mb(sent.producedAtAnswer)} MB when the answer came, ${mb(sent.producedTotal)} MB in all`,
  );
  console.log(`  time        ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `  RSS         before ${before} MB, peak while sending ${peak} MB, after ${currentRssMb(pid)} MB\n`,
  );
}

/** Streams the body from a generator (nothing is held in memory here) and stops producing once answered. */
async function sendChunked(url: string, headers: Record<string, string>) {
  const parts = (function* () {
    yield filePartHead();
    yield* filler(BODY_BYTES);
    yield PART_END;
    yield FORM_END;
  })();
  let produced = 0;
  let answered = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = answered ? { done: true as const } : parts.next();
        if (next.done) return controller.close();
        produced += next.value.byteLength;
        controller.enqueue(next.value.slice());
      },
    },
    { highWaterMark: 0 },
  );
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { ...headers, "content-type": MULTIPART_TYPE },
    body,
    duplex: "half",
    signal: AbortSignal.timeout(300_000),
  };
  try {
    const response = await fetch(url, init);
    answered = true;
    const producedAtAnswer = produced;
    const text = await response.text();
    return { status: String(response.status), text, producedAtAnswer, producedTotal: produced };
  } catch (error) {
    answered = true;
    return { status: "no answer", text: String(error), producedAtAnswer: produced, producedTotal: produced };
  }
}

/** Server action ids are per build; the build's manifest names each by its export. */
function findActionId(exportedName: string): string {
  const manifestPath = path.join(ROOT, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${manifestPath}`);
  return found[0];
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

await main();
