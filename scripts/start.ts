// `npm start`: runs Lightbox with zero configuration on an embedded Postgres and a local S3 server
// (data under .data/), or on DATABASE_URL / S3_* when they are set. A launcher around the app, never in it.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigError, parseConfig } from "@/lib/config";
import { computeSourceHash, isBuildCurrent, writeBuildStamp } from "@/lib/local-stack/build-stamp";
import {
  acquireInstanceLock,
  releaseInstanceLock,
  updateInstanceLock,
} from "@/lib/local-stack/instance-lock";
import { startLocalStack } from "@/lib/local-stack/local-stack";
import { choosePort, isPortFree } from "@/lib/local-stack/ports";
import { stopChild } from "@/lib/local-stack/processes";
import { loadOrCreateAuthSecret } from "@/lib/local-stack/secrets";
import { type SupervisedWorker, superviseWorker } from "@/lib/local-stack/worker-process";
import { prepareServices } from "@/lib/setup/prepare-services";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.resolve(ROOT, process.env.LIGHTBOX_DATA_DIR || ".data");
const isDev = process.argv.includes("--dev");
const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const tsxLoader = createRequire(import.meta.url).resolve("tsx");

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const unset = (name: string) => !process.env[name]?.trim();

async function main(): Promise<number> {
  const port = process.env.PORT ? Number(process.env.PORT) : await choosePort(3000);
  if (process.env.PORT && !(await isPortFree(port, "0.0.0.0"))) {
    return fail(`Port ${port} is already in use. Stop what uses it or set PORT to another port.`);
  }
  const url = process.env.APP_URL || `http://localhost:${port}`;

  const holder = await acquireInstanceLock(DATA_DIR, url);
  if (holder) {
    return fail(
      `Lightbox is already running from this folder (pid ${holder.pid}) at ${holder.url}. Stop it first (Ctrl-C in its terminal).`,
    );
  }

  const needPostgres = unset("DATABASE_URL");
  const needS3 = unset("S3_BUCKET");
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APP_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET || (await loadOrCreateAuthSecret(DATA_DIR)),
    NEXT_TELEMETRY_DISABLED: "1",
    // The SDK's notice about Node 22 for releases after January 2027; the README says so once.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  // Validate what the user configured before starting anything, with placeholders for the embedded parts.
  try {
    parseConfig({
      ...baseEnv,
      ...(needPostgres ? { DATABASE_URL: "postgres://embedded@127.0.0.1:1/lightbox" } : {}),
      ...(needS3 ? { S3_BUCKET: "lightbox" } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) return fail(`${error.message}\nSee .env.example for every variable.`);
    throw error;
  }

  log(
    `Starting Lightbox (${needPostgres ? "embedded Postgres" : "DATABASE_URL"}, ${needS3 ? "local S3 server" : "S3_*"}; data in ${path.relative(process.cwd(), DATA_DIR) || "."})`,
  );
  const stack = await startLocalStack({
    dataDir: DATA_DIR,
    needPostgres,
    needS3,
    appOrigin: new URL(url).origin,
  });
  const env: NodeJS.ProcessEnv = { ...baseEnv, ...stack.env, PORT: String(port) };
  let child: ChildProcess | undefined;
  let worker: SupervisedWorker | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    const workerStopped = worker?.stop();
    await stopChild(child, 8000);
    await workerStopped;
    await stack.stop();
    await releaseInstanceLock(DATA_DIR);
    log("Stopped.");
    process.exit(code);
  };
  // Shutdown order: app and worker first, then S3, then Postgres, then the lock.
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const config = parseConfig(env);
    const { firstAdmin } = await prepareServices(config, { createBucket: needS3 });
    if (!isDev) await buildIfNeeded(env);
    const serveApp = path.join(ROOT, "scripts", "serve-app.ts");
    child = spawn(
      process.execPath,
      ["--import", tsxLoader, serveApp, isDev ? "dev" : "start", String(port)],
      {
        cwd: ROOT,
        env: { ...env, NODE_ENV: isDev ? "development" : "production" },
        stdio: ["ignore", "inherit", "inherit"],
        // Its own process group: Ctrl-C reaches the launcher alone, which stops the app first, then the services.
        detached: true,
      },
    );
    child.once("exit", (code, signal) => {
      if (stopping) return;
      const reason = signal ? `it was killed by ${signal}` : `it exited with code ${code}`;
      console.error(`\n[lightbox] The app server stopped unexpectedly (${reason}).`);
      void shutdown(1);
    });
    // The worker beside it makes variants and runs backfills (scripts/worker.ts), at a lower priority.
    worker = superviseWorker({
      root: ROOT,
      env: { ...env, NODE_ENV: isDev ? "development" : "production" },
      log,
    });
    await waitForHealth(url);
    await updateInstanceLock(DATA_DIR, url, stack.env);
    printBanner(url, firstAdmin, stack);
    // Browser tests sign in as the first admin; they ask for its one-time credentials in a file of their own.
    if (firstAdmin && process.env.LIGHTBOX_CREDENTIALS_FILE) {
      await writeFile(process.env.LIGHTBOX_CREDENTIALS_FILE, JSON.stringify(firstAdmin), { mode: 0o600 });
    }
  } catch (error) {
    console.error(`\nLightbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
  return new Promise<number>(() => {});
}

async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const sourceHash = await computeSourceHash(ROOT);
  if (await isBuildCurrent(ROOT, sourceHash)) return;
  log("Building the app (first start, or the sources changed)…");
  const code = await new Promise<number>((resolve) => {
    spawn(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: "inherit" }).once(
      "exit",
      (exitCode) => resolve(exitCode ?? 1),
    );
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  await writeBuildStamp(ROOT, sourceHash);
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/health`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer ${url}/api/health within 120 s`);
}

function printBanner(
  url: string,
  firstAdmin: { email: string; password: string } | null,
  stack: { postgres: { url: string } | null; s3: { endpoint: string; bucket: string } | null },
) {
  const lines = [`Lightbox is running at ${url}`];
  // The embedded servers' credentials are fixed local ones, not secrets; handy for psql and S3 tools.
  if (stack.postgres) lines.push(`Database (embedded): ${stack.postgres.url}`);
  if (stack.s3) lines.push(`Object store (local): ${stack.s3.endpoint} bucket ${stack.s3.bucket}`);
  if (firstAdmin) {
    lines.push(
      "",
      "First admin account (shown only this once; you will be asked to change the password):",
      `  e-mail:   ${firstAdmin.email}`,
      `  password: ${firstAdmin.password}`,
    );
  }
  lines.push("", "Press Ctrl-C to stop.");
  console.log(`\n${lines.join("\n")}\n`);
}

function log(message: string) {
  console.log(`[lightbox] ${message}`);
}

function fail(message: string): number {
  console.error(`\n${message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
