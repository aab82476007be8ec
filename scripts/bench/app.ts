// The production app for the benchmarks and measurements that need a real server: `scripts/start.ts` (a build if
// the sources changed, then `next start`) on a throwaway data directory, and the RSS of its next-server process.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The app's server among the launcher's descendants: scripts/serve-app.ts (what `npm start` runs now), or a forked
 * "next-server" (what `next start` ran before).
 */
function findNextServer(launcherPid: number): number {
  const queue = [launcherPid];
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0;
    const command = execFileSync("cat", [`/proc/${pid}/cmdline`]).toString();
    if (command.startsWith("next-server") || command.includes("serve-app.ts")) return pid;
    let children = "";
    try {
      children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).trim();
    } catch {
      // pgrep exits 1 when a process has no children
    }
    queue.push(...children.split("\n").filter(Boolean).map(Number));
  }
  throw new Error("no next-server process under the launcher");
}

/** The app's ingest lane (scripts/ingest-lane-process.ts), a child of its server, or null (INGEST_LANE=inline). */
function findIngestLane(serverPid: number): number | null {
  try {
    const lane = execFileSync("pgrep", ["-P", String(serverPid), "-f", "serve-app.ts lane"], {
      encoding: "utf8",
    });
    return Number(lane.trim().split("\n")[0]) || null;
  } catch {
    return null;
  }
}

/** The kernel's high-water mark of the process's resident memory since it started. */
export function peakRssMb(pid: number): number {
  return statusField(pid, "VmHWM");
}
export function currentRssMb(pid: number): number {
  return statusField(pid, "VmRSS");
}
/**
 * A thread's time on a CPU and time runnable but waiting for one, in ms (/proc/…/schedstat); the main thread is the
 * one whose tid is the pid. Where a request's time goes when the server is slow: its own work, or a busy machine.
 */
export function threadCpuWaitMs(pid: number, tid = pid): { onCpu: number; waiting: number } {
  const [onCpu = 0, waiting = 0] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8")
    .split(" ")
    .map(Number);
  return { onCpu: onCpu / 1e6, waiting: waiting / 1e6 };
}
function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** `timeoutMs` covers a build when the sources changed (minutes on a busy two-core machine). */
export async function startApp(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  { timeoutMs = 300_000 }: { timeoutMs?: number } = {},
) {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", tsx, "scripts/start.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LIGHTBOX_DATA_DIR: dataDir,
        PORT: String(port),
        DATABASE_URL: "",
        S3_BUCKET: "",
        LOG_LEVEL: process.env.BENCH_APP_LOG ? "info" : "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  // BENCH_APP_LOG=<file> keeps the app's own output (with LOG_LEVEL=info, one line per request with its duration).
  const appLog = process.env.BENCH_APP_LOG ? createWriteStream(process.env.BENCH_APP_LOG) : null;
  child.stdout?.on("data", (chunk: Buffer) => {
    appLog?.write(chunk);
    if (!/Lightbox is running/.test(output)) output += chunk.toString();
  });
  const deadline = Date.now() + timeoutMs;
  while (!/Lightbox is running/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const databaseUrl = output.match(/Database \(embedded\): (\S+)/)?.[1] ?? "";
  const objectStore = output.match(/Object store \(local\): (\S+) bucket (\S+)/);
  return {
    databaseUrl,
    s3Endpoint: objectStore?.[1] ?? "",
    s3Bucket: objectStore?.[2] ?? "",
    serverPid: () => findNextServer(child.pid ?? 0),
    lanePid: () => findIngestLane(findNextServer(child.pid ?? 0)),
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
