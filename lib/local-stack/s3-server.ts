import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type RunningS3 = {
  endpoint: string;
  port: number;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  bucket: string;
  pid: number;
  stop: () => Promise<void>;
};

// s3rver accepts exactly this key pair (it checks the access key id, not the signature).
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";

/**
 * Starts the local S3-compatible server in its own process, with `bucket` created. Browsers get CORS only from
 * `appOrigin` (the app's pages upload and read there); without it, from nowhere.
 */
export async function startS3Server(options: {
  directory: string;
  port: number;
  bucket: string;
  appOrigin?: string;
}): Promise<RunningS3> {
  await mkdir(options.directory, { recursive: true });
  const tsxLoader = createRequire(import.meta.url).resolve("tsx");
  const child = spawn(
    process.execPath,
    [
      "--openssl-legacy-provider",
      "--import",
      tsxLoader,
      path.join(import.meta.dirname, "s3-server-main.ts"),
      String(options.port),
      options.directory,
      options.bucket,
      ...(options.appOrigin ? [options.appOrigin] : []),
    ],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } },
  );
  await waitForReady(child, options.port);
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    region: "us-east-1",
    bucket: options.bucket,
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let errorOutput = "";
    const timer = setTimeout(
      () => fail(new Error(`S3 server did not start on port ${port} within 15 s`)),
      15_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.stderr?.on("data", (chunk: Buffer) => {
      errorOutput += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) =>
      fail(new Error(`S3 server exited (code ${code}) on port ${port}: ${errorOutput.trim().slice(-500)}`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
