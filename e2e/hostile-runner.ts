// Sends the hostile cases to the real server and judges each answer: a few at a time over raw sockets (each case
// its own connection), one admin session and one API key for the cases that carry credentials. The cases sent to
// the action that ends every session of its caller carry a session of their own, another user's, so they run
// beside the rest without ending the admin's.
import { type Door, type DoorCase, judgeAnswer } from "./hostile-doors";
import { type RawAnswer, rawRequest, requestHead } from "./raw-http";

export type Credentials = {
  port: number;
  /** The admin's session, for every signed-in case but those below */
  cookie: string;
  key: string;
  /** Another user's session, for the cases marked `endsSession` */
  ownSessionCookie: string;
};
type DoorCount = { cases: number; signedIn: number; fivexx: number };
export type HostileRun = { counts: Map<Door, DoorCount>; failures: string[] };

/** Cases in flight at once: the server is one Node process, so a few keep it and its database busy. */
const CONCURRENCY = 8;
/** The admin's session is checked after this many cases (and at the end), without stopping the others. */
const CHECK_EVERY = 400;
/** An answer slower than this is a hang. */
const HANG_MS = 30_000;

export async function runHostileCases(cases: DoorCase[], credentials: Credentials): Promise<HostileRun> {
  const counts = new Map<Door, DoorCount>();
  const failures: { index: number; line: string }[] = [];
  const send = async (index: number) => {
    const doorCase = cases[index] as DoorCase;
    const answer = await rawRequest(credentials.port, headOf(doorCase, credentials), {
      body: doorCase.body,
      ms: HANG_MS,
      endAfterWrite: doorCase.mayCloseSilently,
      responses: doorCase.responses,
    });
    const count = counts.get(doorCase.door) ?? { cases: 0, signedIn: 0, fivexx: 0 };
    count.cases += 1;
    if (doorCase.withCredentials) count.signedIn += 1;
    if (answer.responses.some((response) => response.status >= 500)) count.fivexx += 1;
    counts.set(doorCase.door, count);
    const problem = judgeAnswer(doorCase, answer);
    if (problem) failures.push({ index, line: `${caseLine(doorCase)} → ${problem}: ${bodyOf(answer)}` });
  };
  // The health probe answers 503 when the object store takes over 2 s to answer (its contract); under the pool's
  // own load that can happen whatever the request holds, so its cases are sent once the pool is done.
  const isProbe = (index: number) => cases[index]?.target.startsWith("/api/health") ?? false;
  const indexes = cases.map((_, index) => index);
  const [shared, own, probes] = [
    indexes.filter((index) => !cases[index]?.endsSession && !isProbe(index)),
    indexes.filter((index) => cases[index]?.endsSession && !isProbe(index)),
    indexes.filter(isProbe),
  ];
  const sessionProblems = await Promise.all([
    sendWatchingSession(shared, send, () => sessionAlive(credentials.port, credentials.cookie), cases),
    sendOneByOne(own, send, () => sessionAlive(credentials.port, credentials.ownSessionCookie), cases),
  ]);
  for (const index of probes) await send(index);
  const health = await rawRequest(credentials.port, requestHead("GET", "/api/health", credentials.port), {
    ms: HANG_MS,
  });
  const healthy = health.status === 200 && /"db":"ok".*"storage":"ok"/.test(health.body);
  return {
    counts,
    failures: [
      ...failures.sort((a, b) => a.index - b.index).map((failure) => failure.line),
      ...sessionProblems.flat(),
      ...(healthy ? [] : [`the server is not healthy after the run: ${health.status} ${bodyOf(health)}`]),
    ],
  };
}

/**
 * Every case in `indexes`, CONCURRENCY at a time; the admin's session must survive them all (a door that ended
 * it would be a finding, and would turn the remaining signed-in cases into anonymous ones). It is checked every
 * CHECK_EVERY cases and at the end; a check that fails names the cases since the last one that passed.
 */
async function sendWatchingSession(
  indexes: number[],
  send: (index: number) => Promise<void>,
  alive: () => Promise<boolean>,
  cases: DoorCase[],
): Promise<string[]> {
  let suspects: number[] = [];
  const inFlight = new Set<number>();
  let done = 0;
  let ended: string | null = null;
  const check = async () => {
    const window = [...suspects, ...inFlight];
    suspects = [];
    if (ended === null && !(await alive()))
      ended = `the admin's session ended during one of: ${window.map((index) => caseLine(cases[index] as DoorCase)).join(" | ")}`;
  };
  await inPool(indexes, CONCURRENCY, async (index) => {
    inFlight.add(index);
    await send(index);
    inFlight.delete(index);
    if (cases[index]?.withCredentials) suspects.push(index);
    done += 1;
    if (done % CHECK_EVERY === 0) await check();
  });
  await check();
  return ended === null ? [] : [ended];
}

/**
 * The cases sent with their own session to the action that ends every session of its caller, one at a time and
 * the session checked after each: anything but the call its page makes ("must not") leaves the session alone;
 * that call, sent last, ends it.
 */
async function sendOneByOne(
  indexes: number[],
  send: (index: number) => Promise<void>,
  alive: () => Promise<boolean>,
  cases: DoorCase[],
): Promise<string[]> {
  const ordered = [
    ...indexes.filter((index) => cases[index]?.endsSession === "must not"),
    ...indexes.filter((index) => cases[index]?.endsSession === "must"),
  ];
  for (const index of ordered) {
    const doorCase = cases[index] as DoorCase;
    await send(index);
    const stillAlive = await alive();
    if (!stillAlive && doorCase.endsSession === "must not")
      return [`the session ended after: ${caseLine(doorCase)}`];
    if (stillAlive && doorCase.endsSession === "must")
      return [`the session survived its own sign-out-everywhere call: ${caseLine(doorCase)}`];
  }
  return [];
}

async function sessionAlive(port: number, cookie: string): Promise<boolean> {
  const head = requestHead("GET", "/account/password", port, { Cookie: cookie });
  return (await rawRequest(port, head, { ms: HANG_MS })).status === 200;
}

/** The case's request head: its raw head for framing cases, else its method, target and headers with credentials. */
function headOf(doorCase: DoorCase, credentials: Credentials): Buffer {
  if (doorCase.rawHead) return doorCase.rawHead;
  const isApi = doorCase.target.startsWith("/api/v1/") || doorCase.target.startsWith("/api/mcp");
  const cookie = doorCase.endsSession ? credentials.ownSessionCookie : credentials.cookie;
  const sent: Record<string, string> = !doorCase.withCredentials
    ? {}
    : isApi
      ? { Authorization: `Bearer ${credentials.key}` }
      : { Cookie: cookie };
  const length: Record<string, string> = doorCase.body
    ? { "Content-Length": String(doorCase.body.length) }
    : {};
  const head = requestHead(doorCase.method, doorCase.target, credentials.port, {
    ...sent,
    ...doorCase.headers,
    ...length,
  });
  return Buffer.from(head, "latin1");
}

/** What a failure line names: the door and case, the request line (or raw first line) and a summary of the body. */
function caseLine(doorCase: DoorCase): string {
  const signedIn = doorCase.withCredentials ? (doorCase.endsSession ? " (own session)" : " (signed in)") : "";
  const request = doorCase.rawHead
    ? JSON.stringify(doorCase.rawHead.subarray(0, 80).toString("latin1").split("\r\n")[0])
    : `${doorCase.method} ${doorCase.target.slice(0, 100)}`;
  const body = doorCase.body
    ? ` body ${doorCase.body.length} B ${JSON.stringify(doorCase.body.subarray(0, 40).toString("latin1"))}`
    : "";
  return `${doorCase.door} · ${doorCase.label}${signedIn} · ${request}${body}`;
}

const bodyOf = (answer: RawAnswer) => answer.body.slice(0, 160);

/** `work` for every item, at most `limit` at a time, taken in order. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The per-door lines for the closing note. */
export function summarise(run: HostileRun): string[] {
  return [...run.counts].map(
    ([door, count]) => `${door}: ${count.cases} cases (${count.signedIn} signed in), 5xx: ${count.fivexx}`,
  );
}
