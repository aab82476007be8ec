// The client side of `npm run bench:load`, in its own process so its CPU and memory are not the server's:
// autocannon drives generators (multipart POST /api/v1/images of unique pre-encoded images) and reviewers
// (API list pages followed by their cursor, gallery pages, and review decisions through the recordReviewAction
// server action, the one way the app records them), then prints per-operation figures as JSON.
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
  images: number;
};
export type OperationFigures = { count: number; failed: number; p50: number; p95: number; p99: number };
export type LoadClientResult = {
  operations: Record<string, OperationFigures>;
  decisionsSent: number;
  duplicates: number;
  socketErrors: number;
  timeouts: number;
  seconds: number;
};

const config = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as LoadClientConfig;
const DECISIONS = ["approve", "reject", "skip"];
const latencies = new Map<string, number[]>();
const failures = new Map<string, number>();
const operationOf = (method: string, path: string) =>
  method === "POST" && path.startsWith("/api/v1/images")
    ? "generator: POST /api/v1/images"
    : path.startsWith("/api/v1/images")
      ? "reviewer: GET /api/v1/images page"
      : method === "POST"
        ? "reviewer: decision (server action)"
        : "reviewer: GET / gallery page";

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

/** Runs autocannon, recording every response's latency under its operation. */
function run(options: autocannon.Options, failedOn: (status: number) => boolean): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    track(instance, failedOn);
  });
}

function track(instance: autocannon.Instance, failedOn: (status: number) => boolean) {
  instance.on("response", (client, statusCode, _bytes, responseTime) => {
    const request = (
      client as unknown as { requestIterator: { currentRequest: { method: string; path: string } } }
    ).requestIterator.currentRequest;
    const operation = operationOf(request.method, request.path);
    latencies.set(operation, [...(latencies.get(operation) ?? []), responseTime]);
    if (failedOn(statusCode)) failures.set(operation, (failures.get(operation) ?? 0) + 1);
    // Once every pre-encoded body was sent, generators re-send them: the duplicate path (200), counted apart.
    if (statusCode === 200 && request.method === "POST" && request.path.startsWith("/api/v1/images"))
      duplicates += 1;
  });
}

const bodies = await encodeBodies(config.images);
console.log("ready");
let nextBody = 0;
let nextReviewer = 0;
let decisionsSent = 0;
let duplicates = 0;
const started = performance.now();
type ReviewerContext = {
  reviewer?: number;
  cursor?: string | null;
  ids?: string[];
  seen?: Record<string, number>;
  turn?: number;
};

const generators = run(
  {
    url: config.origin,
    connections: config.generators,
    duration: config.seconds,
    requests: [
      {
        method: "POST",
        path: "/api/v1/images",
        setupRequest: (request) => {
          const { body, contentType } = bodies[nextBody++ % bodies.length] ?? {
            body: Buffer.alloc(0),
            contentType: "",
          };
          return {
            ...request,
            body,
            headers: { authorization: `Bearer ${config.ingestKey}`, "content-type": contentType },
          };
        },
      },
    ],
  },
  (status) => status !== 201 && status !== 200,
);

const reviewerHeaders = (context: ReviewerContext) => {
  context.reviewer ??= nextReviewer++ % config.reviewerCookies.length;
  return { cookie: config.reviewerCookies[context.reviewer] ?? "" };
};
const decide = {
  method: "POST" as const,
  path: "/review",
  setupRequest: (request: autocannon.Request, context: ReviewerContext) => {
    const ids = context.ids ?? [];
    context.turn = (context.turn ?? 0) + 1;
    const imageId = ids[context.turn % Math.max(1, ids.length)] ?? "";
    context.seen ??= {};
    // A decision unlike this reviewer's previous one on the image: every decision sent is a recorded change.
    const times = (context.seen[imageId] ?? -1) + 1;
    context.seen[imageId] = times;
    const decision = DECISIONS[((context.reviewer ?? 0) + times) % DECISIONS.length];
    decisionsSent += 1;
    return {
      ...request,
      body: JSON.stringify([{ action: "decide", imageId, decision }]),
      headers: {
        ...reviewerHeaders(context),
        "next-action": config.recordReviewActionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: config.origin,
      },
    };
  },
  onResponse: (status: number, body: string) => {
    if (status === 200 && !body.includes('"ok":true'))
      failures.set("reviewer: decision refused", (failures.get("reviewer: decision refused") ?? 0) + 1);
  },
};
const reviewers = run(
  {
    url: config.origin,
    connections: config.reviewerCookies.length,
    duration: config.seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (request, context: ReviewerContext) => ({
          ...request,
          path: `/api/v1/images?limit=50${context.cursor ? `&cursor=${encodeURIComponent(context.cursor)}` : ""}`,
          headers: { authorization: `Bearer ${config.readKey}` },
        }),
        onResponse: (status, body, context: ReviewerContext) => {
          if (status !== 200) return;
          const page = JSON.parse(body) as { items: { id: string }[]; next_cursor: string | null };
          context.ids = page.items.map((item) => item.id);
          context.cursor = page.next_cursor;
        },
      },
      decide,
      {
        method: "GET",
        setupRequest: (request, context: ReviewerContext) => ({
          ...request,
          path: "/",
          headers: reviewerHeaders(context),
        }),
      },
      decide,
    ],
  },
  (status) => status !== 200,
);

const [generated, reviewed] = await Promise.all([generators, reviewers]);
const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
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
operations["reviewer: decision refused"] = {
  count: failures.get("reviewer: decision refused") ?? 0,
  failed: failures.get("reviewer: decision refused") ?? 0,
  p50: 0,
  p95: 0,
  p99: 0,
};
const result: LoadClientResult = {
  operations,
  decisionsSent,
  duplicates,
  socketErrors: generated.errors + reviewed.errors,
  timeouts: generated.timeouts + reviewed.timeouts,
  seconds: (performance.now() - started) / 1000,
};
console.log(JSON.stringify(result));
