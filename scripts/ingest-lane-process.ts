// The ingest lane's process (lib/http/doors/ingest-lane.ts), started and kept running by the app's server: the same
// app, `serve-app.ts lane`, on a loopback port it picks itself and reports over IPC, in a session of its own so its
// lowered priority (scripts/background-priority.ts) counts against the front's under autogroup scheduling.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { IngestLane } from "@/lib/http/doors/ingest-lane";

export type SupervisedLane = {
  /** The running lane, or null while it (re)starts. */
  current: () => IngestLane | null;
  /** Resolves once the first lane listens (or failed to start: the front then answers its paths 503). */
  ready: Promise<void>;
  stop: () => Promise<void>;
  /** At once, for a server that must exit now. */
  kill: () => void;
};

const STOP_GRACE_MS = 8000;

export function superviseIngestLane(options: { execArgv: string[]; serveApp: string }): SupervisedLane {
  const token = randomBytes(32).toString("base64url");
  let lane: IngestLane | null = null;
  let child: ChildProcess | undefined;
  let isStopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const start = () => {
    const started = Date.now();
    const running = spawn(process.execPath, [...options.execArgv, options.serveApp, "lane", "0"], {
      env: { ...process.env, LIGHTBOX_INGEST_LANE_TOKEN: token },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
    });
    child = running;
    running.on("message", (message: { port?: unknown }) => {
      if (typeof message?.port !== "number") return;
      lane = { port: message.port, token };
      markReady();
    });
    running.once("exit", (code, signal) => {
      lane = null;
      if (isStopping) return;
      markReady();
      restarts = Date.now() - started > 60_000 ? 0 : restarts + 1;
      const pauseMs = Math.min(30_000, 500 * 2 ** restarts);
      console.error(
        `[lightbox] The ingest lane stopped (${signal ? `killed by ${signal}` : `exit code ${code}`}); image posts are answered 503 + Retry-After until it restarts in ${pauseMs / 1000} s`,
      );
      restartTimer = setTimeout(start, pauseMs);
    });
  };
  start();
  return {
    current: () => lane,
    ready,
    stop: async () => {
      isStopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      running.kill("SIGTERM");
      await new Promise((resolve) => {
        const timer = setTimeout(() => running.kill("SIGKILL"), STOP_GRACE_MS);
        running.once("exit", () => resolve(clearTimeout(timer)));
      });
    },
    kill: () => {
      isStopping = true;
      clearTimeout(restartTimer);
      child?.kill("SIGKILL");
    },
  };
}
