// `npm run bench:ingest`: ingest throughput against the raw object store, in one run, on a throwaway stack (`npm
// start`: the app and its job worker, which makes the variants after each 201).
//   (a) raw PutObject of the same bytes with the SDK (baseline)   (b) full API ingest over HTTP, at the door and
//   until the worker derived every image (variants, placeholder, hash)
//   (c) re-posting the same files (duplicates)                     (d) the bare pipeline in this process: sha256 +
//   decode + variants + PutObject of the original and variants, no database, no HTTP (ingest is bounded by that
//   work, so it is the fair baseline for (b) and (e))              (e) folder import of as many fresh files, in
//   this process, until derived. Plus peak RSS of the app server under four concurrent 40 MB images. Concurrency 4
//   throughout; a 503 overloaded is sent again after its Retry-After, as clients do.
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { makeVariants } from "@/lib/images/derive/make-variants";
import { importFolder } from "@/lib/importer/import-folder";
import { findFreePort } from "@/lib/local-stack/ports";
import { createS3Client } from "@/lib/storage/s3-client";
import { currentRssMb, peakRssMb, startApp } from "./app";
import { type CpuSnapshot, formatCpuPerImage, snapshotCpu } from "./cpu";
import { percentile } from "./percentile";

const COUNT = Number(process.env.BENCH_COUNT || 200);
const CONCURRENCY = 4;
// The app's defaults (lib/config.ts), for the in-process runs.
const LIMITS = {
  maxUploadBytes: 50 * 1024 * 1024,
  maxImagePixels: 100_000_000,
  ingestBacklog: 200,
  ingestConcurrency: 2,
};

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lightbox-bench-"));
  await chmod(dataDir, 0o755);
  const port = await findFreePort();
  const launcher = await startApp(dataDir, port);
  try {
    const { databaseUrl, s3Endpoint, s3Bucket } = launcher;
    const db = createDatabase({ url: databaseUrl, poolMax: 1, preparedStatements: true });
    const { key } = await createApiKey(db, { name: "bench", scopes: ["ingest"] });
    const s3 = createS3Client({
      endpoint: s3Endpoint,
      region: "us-east-1",
      bucket: s3Bucket,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });

    console.log(`generating ${COUNT} distinct 1024×1024 PNGs…`);
    const files = await Promise.all(Array.from({ length: COUNT }, () => makePng(1024, 1024, 2)));
    const meanMb = files.reduce((sum, file) => sum + file.length, 0) / files.length / 1e6;
    console.log(`mean size ${meanMb.toFixed(2)} MB\n`);

    const cpu: Record<string, [CpuSnapshot, CpuSnapshot]> = {};
    const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const before = snapshotCpu();
      const result = await run();
      cpu[name] = [before, snapshotCpu()];
      return result;
    };
    const raw = await timed("a", () =>
      measure(files, (file, index) =>
        s3.send(
          new PutObjectCommand({
            Bucket: s3Bucket,
            Key: `bench/raw-${index}.png`,
            Body: file,
            ContentType: "image/png",
          }),
        ),
      ),
    );
    const pipeline = await timed("d", () =>
      measure(files, async (file, index) => {
        const sha = createHash("sha256").update(file).digest("hex");
        const decoded = await makeVariants(file, { maxPixels: LIMITS.maxImagePixels });
        if (!decoded.ok) throw new Error(decoded.error.message);
        const put = (key: string, body: Uint8Array, contentType: string) =>
          s3.send(new PutObjectCommand({ Bucket: s3Bucket, Key: key, Body: body, ContentType: contentType }));
        await put(`bench/pipeline/${index}-${sha}.png`, file, "image/png");
        for (const variant of decoded.value.variants) {
          await put(
            `bench/pipeline/${index}-${sha}-${variant.name}.webp`,
            variant.bytes,
            variant.contentType,
          );
        }
      }),
    );
    const url = `http://127.0.0.1:${port}/api/v1/images`;
    // Multipart bodies are encoded once, outside the timed loops: the bench measures the server, not the client.
    const bodies = new Map<Uint8Array, { body: Uint8Array; contentType: string }>();
    for (const file of files) bodies.set(file, await encodeMultipart(file));
    // node:http with kept-alive sockets, not fetch: undici's fetch spent 6–16 ms of CPU per 1.4 MB body on these
    // two cores, which the server then lacked (the client's work is not what is measured).
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = async (file: Uint8Array, expected: number) => {
      const encoded = bodies.get(file) ?? (await encodeMultipart(file));
      const { status, text } = await postBody(url, agent, encoded.body, {
        authorization: `Bearer ${key}`,
        "content-type": encoded.contentType,
      });
      if (status === 503) {
        await new Promise((resolve) =>
          setTimeout(resolve, 1000 * Number(JSON.parse(text).error.details.retry_after_seconds)),
        );
        return post(file, expected);
      }
      if (status !== expected) throw new Error(`POST answered ${status}: ${text}`);
    };
    const ingestStarted = performance.now();
    const ingest = await timed("b", () => measure(files, (file) => post(file, 201)));
    await untilDerived(db);
    const ingestDerived = { perSecond: COUNT / ((performance.now() - ingestStarted) / 1000) };
    const duplicate = await timed("c", () => measure(files, (file) => post(file, 200)));
    const serverPid = launcher.serverPid();
    const rssAfterBulk = peakRssMb(serverPid);

    // (e) as many fresh files (the first set is stored now, so re-importing it would only find duplicates).
    const folder = path.join(dataDir, "import");
    await mkdir(folder);
    for (let index = 0; index < COUNT; index += 1) {
      await writeFile(
        path.join(folder, `gen-${String(index).padStart(5, "0")}.png`),
        await makePng(1024, 1024, 2),
      );
    }
    const importDb = createDatabase({ url: databaseUrl, poolMax: CONCURRENCY + 2, preparedStatements: true });
    const importStarted = performance.now();
    const imported = await timed("e", () =>
      importFolder(
        { db: importDb, storage: { client: s3, bucket: s3Bucket }, limits: LIMITS },
        { folder, concurrency: CONCURRENCY },
      ),
    );
    await untilDerived(db);
    const importSeconds = (performance.now() - importStarted) / 1000;
    await closeDatabase(importDb);
    if (!imported.ok || imported.value.imported !== COUNT) {
      throw new Error(
        `folder import: ${JSON.stringify(imported.ok ? imported.value.failures : imported.error)}`,
      );
    }
    const folderImport = { perSecond: COUNT / importSeconds };

    console.log("generating four 40 MB PNGs…");
    const large = await Promise.all(Array.from({ length: 4 }, () => makePng(3700, 3700, 60)));
    console.log(`large sizes ${large.map((file) => (file.length / 1e6).toFixed(1)).join(", ")} MB`);
    const before = currentRssMb(serverPid);
    await Promise.all(large.map((file) => post(file, 201)));
    const peak = peakRssMb(serverPid);

    const row = (name: string, result: Measured) =>
      `${name.padEnd(34)} ${result.perSecond.toFixed(1).padStart(6)} img/s   p50 ${result.p50.toFixed(0).padStart(5)} ms   p95 ${result.p95.toFixed(0).padStart(5)} ms`;
    console.log(`\n${row("(a) raw PutObject (baseline)", raw)}`);
    console.log(row("(b) API ingest over HTTP (the door)", ingest));
    console.log(
      `(b) ... until the worker derived all    ${ingestDerived.perSecond.toFixed(1).padStart(6)} img/s`,
    );
    console.log(row("(c) re-post duplicates", duplicate));
    console.log(row("(d) bare pipeline, in process", pipeline));
    console.log(
      `(e) folder import, in process, until derived ${folderImport.perSecond.toFixed(1).padStart(6)} img/s`,
    );
    console.log("");
    for (const [name, [before, after]] of Object.entries(cpu)) {
      console.log(`(${name}) ${formatCpuPerImage(before, after, COUNT)}`);
    }
    const ratio = (name: string, value: number, target: number) =>
      console.log(
        `${name} = ${value.toFixed(2)}   (target ≥ ${target.toFixed(1)}${value >= target ? "" : ", MISSED"})`,
      );
    console.log("");
    ratio("b/d API ingest until derived / bare pipeline", ingestDerived.perSecond / pipeline.perSecond, 0.8);
    ratio("c/a duplicate re-post / PutObject ", duplicate.perSecond / raw.perSecond, 1.0);
    ratio("e/d folder import / bare pipeline ", folderImport.perSecond / pipeline.perSecond, 0.8);
    ratio("b/a API ingest / PutObject        ", ingest.perSecond / raw.perSecond, 0.5);
    console.log(`server peak RSS after (a)-(c): ${rssAfterBulk} MB`);
    console.log(`server RSS before 4×40 MB: ${before} MB; peak RSS during: ${peak} MB   (target < 1024 MB)`);
    console.log(`load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(1)}`);
    await closeDatabase(db);
  } finally {
    await launcher.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Until no image waits for its derivation (the worker beside the app makes the variants after each 201). */
async function untilDerived(db: ReturnType<typeof createDatabase>): Promise<void> {
  for (;;) {
    const [row] = await db.execute(sql`select count(*)::int as n from images where derive_state = 'pending'`);
    if (Number(row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function postBody(
  url: string,
  agent: http.Agent,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": String(body.byteLength) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function encodeMultipart(file: Uint8Array): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  form.set("file", new Blob([Buffer.from(file)]), "bench.png");
  form.set("metadata", JSON.stringify({ prompt: "bench", run: "bench" }));
  const response = new Response(form);
  return {
    body: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get("content-type") ?? "",
  };
}

type Measured = { perSecond: number; p50: number; p95: number };

async function measure(
  files: Uint8Array[],
  work: (file: Uint8Array, index: number) => Promise<unknown>,
): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < files.length) {
        const index = next++;
        const file = files[index];
        if (!file) continue;
        const begun = performance.now();
        await work(file, index);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((left, right) => left - right);
  return {
    perSecond: files.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

/** Flat colour plus noise: compresses like a generated image (~1.2 MB at 1024², sigma 2). */
async function makePng(width: number, height: number, sigma: number): Promise<Uint8Array> {
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 90, g: 110, b: 140 },
      noise: { type: "gaussian", mean: 128, sigma },
    },
  })
    .raw()
    .toBuffer();
  const seed = randomBytes(3);
  for (let offset = 0; offset < 3; offset += 1) noise[offset] = seed[offset] ?? 0;
  return new Uint8Array(
    await sharp(noise, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 6 })
      .toBuffer(),
  );
}

await main();
