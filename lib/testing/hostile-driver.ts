// Runs hostile requests against in-process route handlers and judges each answer by the API contract:
// a 2xx, or a 4xx carrying `{error:{code,message}}` whose code maps to that status; never a 5xx or a hang; and
// for a refused request, nothing stored (rows counted before and after).
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { ERROR_STATUS } from "@/lib/http/responses/errors";
import { runImageJobs } from "@/lib/images/testing/run-image-jobs";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import type { ErrorCode } from "@/lib/result";
import type { TestContext } from "./test-context";

type Answer = { status: number; body: unknown; location?: string | null };
export type Verdict =
  | { ok: true }
  | { ok: false; problem: string; status: number; code: string; message: string };

// Not image_variants: a worker makes those after an earlier case's image was stored, so they may appear while a later
// case runs; an image a refused request stored shows in `images` itself.
const TABLES = [
  "images",
  "image_tags",
  "tags",
  "runs",
  "uploads",
  "datasets",
  "dataset_images",
  "dataset_versions",
  "dataset_version_images",
  "reviews",
  "critiques",
];

type RowCounts = Record<string, number>;

/** Rows in every table a request could fill (objects are left to the doctor: listing a bucket per case is slow). */
export async function countRows(context: TestContext): Promise<RowCounts> {
  const [counts] = await context.db.execute(
    sql.raw(`select ${TABLES.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(", ")}`),
  );
  return counts as RowCounts;
}

/** A rise in any table is a leak; a drop is not (an earlier success's cleanup may land in between). */
export function rowsGrew(before: RowCounts, after: RowCounts): boolean {
  return Object.entries(after).some(([table, count]) => count > (before[table] ?? count));
}

/**
 * The doctor with no grace period, once the queued derivations ran (as a worker runs them): any object no row
 * names, any row without its objects, any derivation still pending, is a failure. A stored file whose pixels the
 * worker could not decode is not, when its row says so (`failed_derivation`): the door checks structure, not pixels,
 * and such a file is shown as undecodable, never silently.
 */
export async function doctorFailures(
  context: TestContext,
  operation: string,
  seed: number,
): Promise<Failure[]> {
  await runImageJobs(context);
  const report = await runDoctor(
    { ...context, limits: context.config.limits },
    { orphanGraceMs: 0, derivationGraceMs: 0, examplesPerKind: 1000 },
  );
  if (!report.ok) return [];
  const { failed_derivation: undecodable, ...others } = report.value.counts;
  const isFlagged = (report.value.examples.failed_derivation ?? []).every((finding) =>
    Boolean(finding.detail),
  );
  if (undecodable)
    console.info(`${operation}: ${undecodable.found} stored file(s) found undecodable, flagged`);
  if (Object.keys(others).length === 0 && isFlagged) return [];
  const message = JSON.stringify(report.value.counts);
  return [
    {
      operation,
      kind: "doctor",
      label: "after all cases",
      seed,
      ok: false,
      problem: "doctor finds",
      status: 0,
      code: "",
      message,
    },
  ];
}

/** The answer, or a 599 "hang" after `ms` (a handler that never settles is a failure, not a stuck suite). */
async function answerWithin(ms: number, call: () => Promise<Response>): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => resolve({ status: 599, body: { hang: `no answer within ${ms} ms` } }), ms);
  });
  const answer = (async () => {
    try {
      const response = await call();
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // a non-JSON body is judged below by its status
      }
      return { status: response.status, body, location: response.headers.get("location") };
    } catch (error) {
      return { status: 598, body: { thrown: String(error).slice(0, 200) } };
    }
  })();
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type RouteHandler = (req: NextRequest, context: { params: Promise<never> }) => Promise<Response>;
export type HostileRequest = {
  method: string;
  /** path and query, sent as is (percent-escapes included) */
  url: string;
  params: Record<string, string>;
  headers?: Record<string, string>;
  body?: BodyInit;
};

/** Calls a route handler as Next would, within `ms`. */
export function sendHostile(handler: RouteHandler, request: HostileRequest, ms: number): Promise<Answer> {
  return answerWithin(ms, async () =>
    handler(
      new NextRequest(new URL(request.url, "http://localhost:3000"), {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // A streamed body (sent chunked, with no Content-Length) needs half duplex.
        ...(request.body instanceof ReadableStream ? { duplex: "half" } : {}),
      } as ConstructorParameters<typeof NextRequest>[1]),
      { params: Promise.resolve(request.params as never) },
    ),
  );
}

/** Judges one answer by the contract; a non-JSON 2xx (a ZIP) is fine. */
export function judge(answer: Answer): Verdict {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : "";
  const message =
    typeof error?.message === "string" ? error.message : JSON.stringify(answer.body).slice(0, 160);
  const fail = (problem: string): Verdict => ({ ok: false, problem, status: answer.status, code, message });
  if (answer.status >= 200 && answer.status < 300) return { ok: true };
  // A redirect to a signed URL is a success (dataset archives are served from the bucket).
  if ((answer.status === 302 || answer.status === 307) && answer.location) return { ok: true };
  if (answer.status === 599) return fail("hang");
  if (answer.status === 598) return fail("handler threw");
  if (answer.status >= 500) return fail("5xx");
  if (answer.status < 400) return fail("unexpected status");
  if (!error || typeof error.message !== "string" || !(code in ERROR_STATUS)) return fail("bad error shape");
  if (ERROR_STATUS[code as ErrorCode] !== answer.status) return fail("code does not match status");
  return { ok: true };
}

export type Failure = { operation: string; kind: string; label: string; seed: number } & Verdict;

/** One line per distinct (operation, input class, status, code, problem) with a count and a sample. */
export function summarise(failures: Failure[]): string[] {
  const classes = new Map<string, { count: number; sample: Failure }>();
  for (const failure of failures) {
    if (failure.ok) continue;
    const key = `${failure.operation} · ${failure.kind} → ${failure.status} ${failure.code} (${failure.problem})`;
    const entry = classes.get(key) ?? { count: 0, sample: failure };
    entry.count += 1;
    classes.set(key, entry);
  }
  return [...classes.entries()].map(
    ([key, { count, sample }]) =>
      `${key} ×${count}; e.g. seed ${sample.seed} case "${sample.label}": ${sample.ok ? "" : sample.message}`,
  );
}
