// Image fuzzing through POST /api/v1/images: seeded mutations of real PNG/JPEG/WebP/AVIF files, polyglots,
// decompression and metadata bombs, SVG sent as .png, truncations, hostile embedded metadata, and a chunked body
// of 3× the size limit. Every answer is a 2xx or a 4xx with the error shape, never a 5xx or a hang; a refused file
// leaves no row and no object under its sha256. Reproduce with FUZZ_SEED=<seed printed below>;
// FUZZ_VERBOSE=1 prints every case's status.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { createSeededRandom } from "@/lib/metadata/testing/seeded-random";
import {
  doctorFailures,
  type Failure,
  judge,
  type RouteHandler,
  sendHostile,
  summarise,
} from "@/lib/testing/hostile-driver";
import { craftedImages, type HostileImage, mutatedImages, seedImages } from "@/lib/testing/hostile-images";
import { retainedHeapMb } from "@/lib/testing/retained-heap";
import { multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const SEED = Number(process.env.FUZZ_SEED || 20_261_129);
// The suite's depth on a fixed seed; FUZZ_MUTATIONS=3000 (or another FUZZ_SEED) for a deeper run.
const MUTATIONS = Number(process.env.FUZZ_MUTATIONS || 300);
const TIMEOUT_MS = 20_000;
const VERBOSE = Boolean(process.env.FUZZ_VERBOSE);
const context = await createTestContext();
const { POST } = (await import("./route")) as unknown as { POST: RouteHandler };
const key = (await createApiKey(context.db, { name: "fuzz", scopes: ["ingest"] })).key;
const heapAtStart = retainedHeapMb();
console.log(`image fuzz: FUZZ_SEED=${SEED} FUZZ_MUTATIONS=${MUTATIONS}`);

const random = createSeededRandom(SEED);
const seeds = await seedImages(random);

/** Rows and objects stored under this file's sha256 (originals and variants are keyed by it). */
async function storedUnder(bytes: Uint8Array): Promise<number> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const [row] = await context.db.execute(sql`select count(*)::int as n from images where sha256 = ${sha256}`);
  let objects = 0;
  for (const prefix of [`originals/${sha256.slice(0, 2)}/${sha256}`, `variants/${sha256}/`]) {
    const page = await context.storage.client.send(
      new ListObjectsV2Command({ Bucket: context.storage.bucket, Prefix: prefix }),
    );
    objects += page.KeyCount ?? 0;
  }
  return Number(row?.n ?? 0) + objects;
}

function peakRssMb(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  return Math.round(Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0) / 1024);
}

async function fuzz(images: HostileImage[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const [index, image] of images.entries()) {
    const request = {
      method: "POST",
      url: "/api/v1/images",
      params: {},
      headers: { authorization: `Bearer ${key}` },
    };
    const answer = await sendHostile(
      POST,
      { ...request, body: multipart(image.bytes, undefined, image.filename) },
      TIMEOUT_MS,
    );
    const verdict = judge(answer);
    if (VERBOSE) console.log(`${image.kind} · ${image.label} → ${answer.status}`);
    const where = {
      operation: "POST /images",
      kind: image.kind,
      label: `#${index} ${image.label}`,
      seed: SEED,
    };
    if (!verdict.ok) failures.push({ ...where, ...verdict });
    else if (answer.status >= 400 && (await storedUnder(image.bytes)) > 0)
      failures.push({
        ...where,
        ok: false,
        problem: "stored though refused",
        status: answer.status,
        code: "",
        message: "",
      });
  }
  // Objects under other keys (staging, a variant of another name): the doctor with no grace names any orphan.
  failures.push(...(await doctorFailures(context, "POST /images", SEED)));
  if (failures.length > 0) console.log(summarise(failures).join("\n"));
  return failures;
}

describe("image fuzzing through POST /api/v1/images", () => {
  // First, so the process's peak RSS (VmHWM) before it is the baseline and not some earlier case's peak.
  it("refuses a chunked multipart body of 3× the size limit with 413, without reading it whole", async () => {
    const limit = context.config.limits.maxUploadBytes;
    const head = new TextEncoder().encode(
      '--x\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n\r\n\x89PNG\r\n\x1a\n',
    );
    // One zeroed megabyte enqueued again and again: the client side holds nothing but it.
    const zeros = new Uint8Array(2 ** 20);
    let remaining = 3 * Math.ceil(limit / 2 ** 20);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        remaining -= 1;
        if (remaining >= 0) return controller.enqueue(zeros);
        controller.enqueue(new TextEncoder().encode("\r\n--x--\r\n"));
        controller.close();
      },
    });
    const peakBefore = peakRssMb();
    const answer = await sendHostile(
      POST,
      {
        method: "POST",
        url: "/api/v1/images",
        params: {},
        headers: { authorization: `Bearer ${key}`, "content-type": "multipart/form-data; boundary=x" },
        body,
      },
      TIMEOUT_MS,
    );
    const grown = peakRssMb() - peakBefore;
    console.log(`chunked ${3 * limit} bytes: ${answer.status}, peak RSS grew ${grown} MB`);
    expect(judge(answer)).toEqual({ ok: true });
    expect(answer.status).toBe(413);
    expect(grown).toBeLessThan(limit / 2 ** 20);
  }, 60_000);

  it("accepts every seed file (the mutations start from valid images)", async () => {
    for (const seed of seeds)
      expect(
        judge(
          await sendHostile(
            POST,
            {
              method: "POST",
              url: "/api/v1/images",
              params: {},
              headers: { authorization: `Bearer ${key}` },
              body: multipart(seed.bytes, undefined, seed.filename),
            },
            TIMEOUT_MS,
          ),
        ),
      ).toEqual({ ok: true });
  });

  it(`answers ${MUTATIONS} mutated files with a 2xx or a 4xx and keeps nothing it refused`, async () => {
    expect(summarise(await fuzz(mutatedImages(seeds, random, MUTATIONS)))).toEqual([]);
  }, 300_000);

  it("answers polyglots, bombs, SVG as .png, truncations and hostile embedded metadata likewise", async () => {
    expect(summarise(await fuzz(await craftedImages(seeds, random)))).toEqual([]);
  }, 300_000);

  it("keeps the test process's retained heap bounded", () => {
    const heap = retainedHeapMb() - heapAtStart;
    console.log(`memory growth: retained heap ${heap.toFixed(0)} MB`);
    expect(heap).toBeLessThan(64);
  });
});
