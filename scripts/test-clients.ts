// `npm run test:clients`: the Python clients (clients/python, the ComfyUI node, the A1111/Forge extension) tested with
// Debian's /usr/bin/python3 (unittest, numpy + Pillow from python3-numpy / python3-pil) against the real app, started
// here as `npm start` on a throwaway stack. The app runs as on Vercel (DEPLOY_TARGET=vercel: multipart bodies over
// 4.5 MB refused with a pointer to direct upload) with a small MAX_UPLOAD_BYTES, so both size refusals can be met.
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { findFreePort } from "@/lib/local-stack/ports";
import { startApp } from "./bench/app";

const ROOT = path.resolve(import.meta.dirname, "..");
const PYTHON = process.env.LIGHTBOX_TEST_PYTHON || "/usr/bin/python3";
// Over the 4.5 MB platform limit (so direct upload is exercised) and under what a test can make quickly.
const MAX_UPLOAD_BYTES = 8_000_000;

function checkPython(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import numpy, PIL"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} is missing: apt-get install -y python3 python3-numpy python3-pil`;
  if (probe.status !== 0)
    return `${PYTHON} lacks numpy or Pillow: apt-get install -y python3-numpy python3-pil`;
  return null;
}

async function main(): Promise<number> {
  const problem = checkPython();
  if (problem) {
    console.error(problem);
    return 1;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lightbox-clients-"));
  await chmod(dataDir, 0o755);
  const port = await findFreePort();
  console.log(`[test:clients] starting the app on port ${port} (a build first if the sources changed)…`);
  const app = await startApp(
    dataDir,
    port,
    {
      APP_URL: `http://localhost:${port}`,
      DEPLOY_TARGET: "vercel",
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    },
    { timeoutMs: 20 * 60_000 },
  );
  try {
    const db = createDatabase({ url: app.databaseUrl, poolMax: 1, preparedStatements: true });
    const { key } = await createApiKey(db, { name: "client tests", scopes: ["ingest", "read"] });
    await closeDatabase(db);
    return await runUnittest({
      LIGHTBOX_TEST_URL: `http://127.0.0.1:${port}`,
      LIGHTBOX_TEST_API_KEY: key,
      LIGHTBOX_TEST_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    });
  } finally {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function runUnittest(env: Record<string, string>): Promise<number> {
  // The tests' own environment: no LIGHTBOX_* of the developer's shell may point them elsewhere (undefined: unset).
  const cleared = Object.keys(process.env).filter((name) => name.startsWith("LIGHTBOX_"));
  const inherited = { ...process.env, ...Object.fromEntries(cleared.map((name) => [name, undefined])) };
  const child = spawn(PYTHON, ["-m", "unittest", "discover", "-s", "clients/tests", "-t", "clients", "-v"], {
    cwd: ROOT,
    env: { ...inherited, ...env, PYTHONDONTWRITEBYTECODE: "1" },
    stdio: "inherit",
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
