// The ingest lane's process (lib/http/doors/ingest-lane.ts), started and kept running by the app's server: the same
// app, `serve-app.ts lane`, on a Unix socket in a private folder (it says over IPC when it listens), in a session of
// its own so its lowered priority (scripts/background-priority.ts) counts against the front's under autogroup
// scheduling.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IngestLane } from "@/lib/http/doors/ingest-lane";
import { stopChild } from "@/lib/local-stack/processes";

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
const START_TIMEOUT_MS = 120_000;

export function superviseIngestLane(options: { execArgv: string[]; serveApp: string }): SupervisedLane {
  const token = randomBytes(32).toString("base64url");
  // mkdtemp makes the folder 0700: no other user can connect, whatever the socket's own mode.
  const folder = mkdtempSync(path.join(os.tmpdir(), "lightbox-lane-"));
  const socketPath = path.join(folder, "lane.sock");
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
    // A lane that was killed leaves its socket file behind, and listening on an existing path fails.
    rmSync(socketPath, { force: true });
    const running = spawn(process.execPath, [...options.execArgv, options.serveApp, "lane"], {
      env: { ...process.env, LIGHTBOX_INGEST_LANE_TOKEN: token, LIGHTBOX_INGEST_LANE_SOCKET: socketPath },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
    });
    child = running;
    // A lane that hangs while it starts is killed, and started again like one that died: the front waits for it.
    const startTimer = setTimeout(() => running.kill("SIGKILL"), START_TIMEOUT_MS);
    running.on("message", (message: { listening?: unknown }) => {
      if (message?.listening !== true) return;
      clearTimeout(startTimer);
      lane = { socketPath, token };
      markReady();
    });
    running.once("exit", (code, signal) => {
      clearTimeout(startTimer);
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
      await stopChild(child, STOP_GRACE_MS);
      rmSync(folder, { recursive: true, force: true });
    },
    kill: () => {
      isStopping = true;
      clearTimeout(restartTimer);
      child?.kill("SIGKILL");
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
