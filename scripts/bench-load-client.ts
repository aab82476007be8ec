// The client side of `npm run bench:load`, in its own process so its CPU and memory are not the server's.
// Generators: autocannon, `generators` connections of multipart POST /api/v1/images, each body a unique
// pre-encoded image. Reviewers: one loop each (API list page by cursor, decision, gallery page, decision) with
// fetch and per-request timing, because a reviewer is stateful (its cursor, the images it saw, its previous
// decision on each) and autocannon clears a connection's context every time its request list wraps. Decisions
// go through the recordReviewAction server action, the one way the app records them. With reviewQueue "leased"
// (BENCH_REVIEW_QUEUE=leased) a reviewer decides the images review mode hands them (loadReviewQueueAction,
// leased batches) instead of the API page's, so reviewers no longer decide the same images. Prints figures as JSON.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import sharp from "sharp";

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
};
type OperationFigures = { count: number; failed: number; p50: number; p95: number; p99: number };
export type LoadClientResult = {
  operations: Record<string, OperationFigures>;
  decisionsSent: number;
  duplicates: number;
  socketErrors: number;
  timeouts: number;
  seconds: number;
};

const config = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as LoadClientConfig;
const DECISIONS = ["approve", "reject", "skip"] as const;
const GENERATOR = "generator: POST /api/v1/images";
const latencies = new Map<string, number[]>();
const failures = new Map<string, number>();
const record = (operation: string, ms: number, failed: boolean) => {
  const values = latencies.get(operation) ?? [];
  values.push(ms);
  latencies.set(operation, values);
  if (failed) failures.set(operation, (failures.get(operation) ?? 0) + 1);
};

/** 512² flat colour + noise, a few pixels set from the index so every body has its own sha256. */
async function encodeBodies(count: number): Promise<{ body: Buffer; contentType: string }[]> {
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
  for (let index = 0; index < count; index += 1) {
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

const bodies = await encodeBodies(config.images);
console.log("ready");
let nextBody = 0;
let duplicates = 0;
let decisionsSent = 0;
const started = performance.now();
const deadline = Date.now() + config.seconds * 1000;

function runGenerators(): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.origin,
        connections: config.generators,
        duration: config.seconds,
        requests: [
          {
            method: "POST",
            path: "/api/v1/images",
            setupRequest: (request) => {
              const next = bodies[nextBody++ % bodies.length];
              const headers = {
                authorization: `Bearer ${config.ingestKey}`,
                "content-type": next?.contentType ?? "",
              };
              return { ...request, body: next?.body, headers };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      record(GENERATOR, responseTime, statusCode !== 201 && statusCode !== 200);
      // Once every pre-encoded body was sent they are sent again: the duplicate path (200), counted apart.
      if (statusCode === 200) duplicates += 1;
    });
  });
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
    await decide();
    await timed(
      "reviewer: GET / gallery page",
      () => fetch(`${config.origin}/`, { headers: { cookie } }),
      (response) => response.status === 200,
    );
    await decide();
  }
}

const [generated] = await Promise.all([
  runGenerators(),
  ...Array.from({ length: config.reviewerCookies.length }, (_, index) => runReviewer(index)),
]);
const percentile = (sorted: number[], fraction: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0);
const operations = Object.fromEntries(
  [...latencies.entries()].map(([operation, values]) => {
    const sorted = values.sort((left, right) => left - right);
    const figures: OperationFigures = {
      count: sorted.length,
      failed: failures.get(operation) ?? 0,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
    };
    return [operation, figures];
  }),
);
const result: LoadClientResult = {
  operations,
  decisionsSent,
  duplicates,
  socketErrors: generated?.errors ?? 0,
  timeouts: generated?.timeouts ?? 0,
  seconds: (performance.now() - started) / 1000,
};
console.log(JSON.stringify(result));
