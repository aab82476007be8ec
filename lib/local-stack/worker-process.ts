import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { stopChild } from "./processes";

export type SupervisedWorker = { stop: () => Promise<void> };

const STOP_GRACE_MS = 25_000;

/**
 * The job worker beside the app under `npm start` (scripts/worker.ts): in a session of its own (so Ctrl-C reaches
 * the launcher alone, which stops it in order, and so its lowered priority applies against the app's session),
 * restarted after a pause if it dies: its jobs were never lost, they run again once their expiry passes.
 */
export function superviseWorker(options: {
  root: string;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}): SupervisedWorker {
  const tsxLoader = createRequire(import.meta.url).resolve("tsx");
  let child: ChildProcess | undefined;
  let isStopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const start = () => {
    const started = Date.now();
    child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", tsxLoader, path.join(options.root, "scripts", "worker.ts")],
      {
        cwd: options.root,
        env: { ...options.env, LIGHTBOX_LAUNCHER_PID: String(process.pid) },
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
      },
    );
    child.once("exit", (code, signal) => {
      if (isStopping) return;
      // A worker that ran a while starts again at once; one that keeps dying waits longer each time.
      restarts = Date.now() - started > 60_000 ? 0 : restarts + 1;
      const pauseMs = Math.min(30_000, 1000 * 2 ** restarts);
      options.log(
        `The job worker stopped (${signal ? `killed by ${signal}` : `exit code ${code}`}); restarting in ${pauseMs / 1000} s`,
      );
      restartTimer = setTimeout(start, pauseMs);
    });
  };
  start();
  return {
    stop: async () => {
      isStopping = true;
      clearTimeout(restartTimer);
      // It finishes the jobs in hand first; a job still running after the grace runs again later.
      await stopChild(child, STOP_GRACE_MS);
    },
  };
}
