// The client side of `npm run bench:load`, in its own process so its CPU and memory are not the server's.
// Generators: `generators` loops of multipart POST /api/v1/images over kept-alive node:http sockets, each body a
// unique pre-encoded image; a 503 with Retry-After is honoured as the README's clients do (wait, then send the same
// image again), and counted apart. Reviewers: one loop each (API list page by cursor, decision, gallery page,
// decision) with fetch and per-request timing. Decisions go through the recordReviewAction server action, the one
// way the app records them. With reviewQueue "leased" (BENCH_REVIEW_QUEUE=leased) a reviewer decides the images
// review mode hands them (loadReviewQueueAction, leased batches) instead of the API page's, so reviewers no longer
// decide the same images. Prints figures as JSON.
import { readFileSync } from "node:fs";
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import { percentile } from "./percentile";

export type LoadClientConfig = {
  origin: string;
  seconds: number;
  generators: number;
  ingestKey: string;
  readKey: string;
  reviewerCookies: string[];
  recordReviewActionId: string;
  loadReviewQueueActionId: string;
  reviewQueue: "api" | "leased";
  images: number;
  /** Where this run's bodies start in the sequence, so runs in one benchmark post different images (bench:team). */
  bodyOffset?: number;
  /**
   * A reviewer's pause after each request, drawn from 0.5–1.5× this (a person looks at an image before deciding);
   * 0 or absent: back to back, a reviewer as fast as the server answers (bench:load, and bench:team's unloaded phase).
   */
  thinkMs?: number;
  /**
   * Start on SIGUSR2 after printing "ready", not at once: bench:team runs its reviewers and its generators in two
   * clients (a reviewer's latency must not include the generators' work on the same event loop) started together.
   */
  startOnSignal?: boolean;
};
type OperationFigures = { count: number; failed: number; p50: number; p95: number; p99: number };
export type LoadClientResult = {
  operations: Record<string, OperationFigures>;
  decisionsSent: number;
  /** New images stored (201) and re-posts answered "duplicate" (200). */
  stored: number;
  duplicates: number;
  /** 503 overloaded answers, each with Retry-After; the image was sent again after the wait. */
  refused: number;
  refusedWithoutRetryAfter: number;
  socketErrors: number;
  seconds: number;
  /**
   * How late this process's own event loop ran (p99 and max, ms): a request timed here includes up to this much of
   * the client's own delay (on a machine it shares with the server, mostly waiting for a CPU).
   */
  clientLateMs: { p99: number; max: number };
};

const config = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as LoadClientConfig;
const DECISIONS = ["approve", "reject", "skip"] as const;
const GENERATOR = "generator: POST /api/v1/images";
const REFUSED = "generator: 503 overloaded, Retry-After";
const latencies = new Map<string, number[]>();
const failures = new Map<string, number>();
const record = (operation: string, ms: number, failed: boolean) => {
  const values = latencies.get(operation) ?? [];
  values.push(ms);
  latencies.set(operation, values);
  if (failed) failures.set(operation, (failures.get(operation) ?? 0) + 1);
};

/** 512² flat colour + noise, a few pixels set from the index so every body has its own sha256. */
async function encodeBodies(count: number, offset: number): Promise<{ body: Buffer; contentType: string }[]> {
  const size = 512;
  const noise = await sharp({
    create: {
      width: size,
      height: size,
      channels: 3,
      background: { r: 90, g: 110, b: 140 },
      noise: { type: "gaussian", mean: 128, sigma: 2 },
    },
  })
    .raw()
    .toBuffer();
  const bodies: { body: Buffer; contentType: string }[] = [];
  for (let index = offset; index < offset + count; index += 1) {
    noise.writeUInt32BE(index, 0);
    const png = await sharp(noise, { raw: { width: size, height: size, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const form = new FormData();
    form.set("file", new Blob([png]), `load-${index}.png`);
    form.set(
      "metadata",
      JSON.stringify({
        prompt: `load ${index}`,
        model: `model-${index % 5}`,
        seed: index,
        run: "bench-load",
      }),
    );
    const response = new Response(form);
    bodies.push({
      body: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get("content-type") ?? "",
    });
  }
  return bodies;
}

const bodies = config.generators > 0 ? await encodeBodies(config.images, config.bodyOffset ?? 0) : [];
// Listening before "ready" is printed: SIGUSR2 unheard would end the process. A signal listener does not keep the
// process alive; the timer does, until the signal comes.
const startSignal = config.startOnSignal
  ? new Promise<void>((resolve) => {
      const waiting = setInterval(() => {}, 60_000);
      process.once("SIGUSR2", () => {
        clearInterval(waiting);
        resolve();
      });
    })
  : Promise.resolve();
console.log("ready");
await startSignal;
let nextBody = 0;
let duplicates = 0;
let decisionsSent = 0;
const started = performance.now();
const LOOP_RESOLUTION_MS = 5;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
const deadline = Date.now() + config.seconds * 1000;

const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, config.generators) });
let stored = 0;
let refused = 0;
let refusedWithoutRetryAfter = 0;
let socketErrors = 0;

function postBody(body: { body: Buffer; contentType: string }) {
  return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const url = new URL("/api/v1/images", config.origin);
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${config.ingestKey}`,
          "content-type": body.contentType,
          "content-length": String(body.body.length),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"] }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body.body);
  });
}

/** One generator: posts images one after another; a 503 with Retry-After waits that long and sends it again. */
async function runGenerator(): Promise<void> {
  while (Date.now() < deadline) {
    const body = bodies[nextBody++ % bodies.length];
    if (!body) return;
    for (;;) {
      const begun = performance.now();
      try {
        const { status, retryAfter } = await postBody(body);
        const ms = performance.now() - begun;
        if (status === 503) {
          record(REFUSED, ms, retryAfter === undefined);
          refused += 1;
          if (retryAfter === undefined) refusedWithoutRetryAfter += 1;
          const waitMs = Number(retryAfter ?? 2) * 1000;
          if (Date.now() + waitMs >= deadline) return;
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          continue;
        }
        record(GENERATOR, ms, status !== 201 && status !== 200);
        // Once every pre-encoded body was sent they are sent again: the duplicate path (200), counted apart.
        if (status === 200) duplicates += 1;
        if (status === 201) stored += 1;
      } catch {
        socketErrors += 1;
        record(GENERATOR, performance.now() - begun, true);
      }
      break;
    }
  }
}

async function timed(
  operation: string,
  request: () => Promise<Response>,
  isOk: (response: Response, body: string) => boolean,
) {
  const begun = performance.now();
  try {
    const response = await request();
    const body = await response.text();
    const failed = !isOk(response, body);
    record(operation, performance.now() - begun, failed);
    return failed ? null : body;
  } catch {
    record(operation, performance.now() - begun, true);
    return null;
  }
}

/** A server action called as the browser calls it (POST to a page with its id), with one argument. */
function callAction(cookie: string, actionId: string, argument: unknown): Promise<Response> {
  return fetch(`${config.origin}/review`, {
    method: "POST",
    headers: {
      cookie,
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: config.origin,
    },
    body: JSON.stringify([argument]),
  });
}

/** A pause of `fraction` × thinkMs; none when reviewers go back to back (thinkMs 0). */
const pause = (fraction: number) =>
  config.thinkMs
    ? new Promise((resolve) => setTimeout(resolve, (config.thinkMs ?? 0) * fraction))
    : Promise.resolve();
/** A reviewer's pause after a request: 0.5–1.5× thinkMs. */
const think = () => pause(0.5 + Math.random());
/** When a reviewer presses its first key: somewhere in its first round of four pauses. */
const joinDelay = () => pause(4 * Math.random());

async function runReviewer(index: number): Promise<void> {
  const cookie = config.reviewerCookies[index] ?? "";
  const previous = new Map<string, number>();
  let cursor: string | null = null;
  let ids: string[] = [];
  let turn = 0;
  const leased: string[] = [];
  const nextLeased = async () => {
    if (leased.length === 0) {
      const body = await timed(
        "reviewer: leased batch (server action)",
        () =>
          callAction(cookie, config.loadReviewQueueActionId, {
            search: "",
            cursor: "lease",
            direction: "after",
          }),
        (response, text) => response.status === 200 && text.includes('"ok":true'),
      );
      // The batch's tiles are the only objects in the answer with an "id" field.
      for (const match of body?.matchAll(/"id":"([0-9a-f-]{36})"/g) ?? [])
        if (match[1]) leased.push(match[1]);
    }
    return leased.shift();
  };
  const decide = async () => {
    const imageId =
      config.reviewQueue === "leased" ? await nextLeased() : ids[turn++ % Math.max(1, ids.length)];
    if (!imageId) return;
    // Unlike this reviewer's previous decision on the image, so every decision sent is a recorded change.
    const times = (previous.get(imageId) ?? index) + 1;
    previous.set(imageId, times);
    decisionsSent += 1;
    await timed(
      "reviewer: decision (server action)",
      () =>
        callAction(cookie, config.recordReviewActionId, {
          action: "decide",
          imageId,
          decision: DECISIONS[times % DECISIONS.length],
        }),
      (response, body) => response.status === 200 && body.includes('"ok":true'),
    );
  };
  // A team does not press its first key in one instant: each reviewer joins somewhere in its first round (four
  // pauses). Started together, twenty reviewers' first lease claims arrived in one burst that set the p95 alone.
  await joinDelay();
  while (Date.now() < deadline) {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await timed(
      "reviewer: GET /api/v1/images page",
      () =>
        fetch(`${config.origin}/api/v1/images?limit=50${query}`, {
          headers: { authorization: `Bearer ${config.readKey}` },
        }),
      (response) => response.status === 200,
    );
    if (page) {
      const parsed = JSON.parse(page) as { items: { id: string }[]; next_cursor: string | null };
      ids = parsed.items.map((item) => item.id);
      cursor = parsed.next_cursor;
    }
    await think();
    await decide();
    await think();
    await timed(
      "reviewer: GET / gallery page",
      () => fetch(`${config.origin}/`, { headers: { cookie } }),
      (response) => response.status === 200,
    );
    await think();
    await decide();
    await think();
  }
}

await Promise.all([
  ...Array.from({ length: config.generators }, () => runGenerator()),
  ...Array.from({ length: config.reviewerCookies.length }, (_, index) => runReviewer(index)),
]);
const operations = Object.fromEntries(
  [...latencies.entries()].map(([operation, values]) => {
    const sorted = values.sort((left, right) => left - right);
    const figures: OperationFigures = {
      count: sorted.length,
      failed: failures.get(operation) ?? 0,
      p50: Math.round(percentile(sorted, 0.5)),
      p95: Math.round(percentile(sorted, 0.95)),
      p99: Math.round(percentile(sorted, 0.99)),
    };
    return [operation, figures];
  }),
);
const result: LoadClientResult = {
  operations,
  decisionsSent,
  stored,
  duplicates,
  refused,
  refusedWithoutRetryAfter,
  socketErrors,
  seconds: (performance.now() - started) / 1000,
  clientLateMs: {
    p99: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    max: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
  },
};
console.log(JSON.stringify(result));
