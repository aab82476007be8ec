// check-deploy against the zero-config stack: the local S3 server exactly as `npm start` runs it (CORS for
// the app's origin only), the test database, and an app origin answering with the real health route.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseConfig } from "@/lib/config";
import { findFreePort } from "@/lib/local-stack/ports";
import { startS3Server } from "@/lib/local-stack/s3-server";
import { checkDeploy } from "@/lib/setup/check-deploy/check-deploy";
import { formatCheck } from "@/lib/setup/check-deploy/deploy-check";
import { listObjects } from "@/lib/storage/objects";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const appPort = await findFreePort();
const appUrl = `http://127.0.0.1:${appPort}`;
const directory = await mkdtemp(path.join(os.tmpdir(), "lightbox-check-deploy-"));
const s3 = await startS3Server({
  directory,
  port: await findFreePort(),
  bucket: "lightbox",
  appOrigin: appUrl,
});
const env = {
  ...context.env,
  APP_URL: appUrl,
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
};
Object.assign(process.env, env);
const config = parseConfig(env);
const storage = createStorage(config);
const health = await import("@/app/api/health/route");
const app = createServer(async (req, res) => {
  const response =
    req.url === "/api/health" ? await health.GET() : new Response("not found", { status: 404 });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise<void>((resolve) => app.listen(appPort, "127.0.0.1", resolve));
afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  closeStorage(storage);
  await s3.stop();
  await rm(directory, { recursive: true, force: true });
});

describe("check-deploy on the zero-config stack", () => {
  it("passes every check and says plainly that the local store verifies no signatures", async () => {
    const checks = await checkDeploy(config, storage);
    const lines = checks.map(formatCheck);
    expect(lines).toEqual([
      `✓ bucket reachable: lightbox answers with the configured keys`,
      `✓ CORS for APP_URL: ${appUrl} may PUT and GET`,
      "✓ presigned PUT + GET: 65536 bytes back byte-exact (sha256 equal)",
      "! signatures verified: this endpoint does not verify signatures: an altered presigned URL answered 200, so anyone who can reach it can read and write any key (loopback only: local use)",
      "– CDN: not configured: browsers get presigned bucket URLs",
      expect.stringMatching(/^✓ database reachable: Postgres 18\./),
      expect.stringMatching(/^✓ database migrated: all \d+ migrations applied$/),
      `✓ APP_URL: ${appUrl} serves this app (health 200, database ok, storage ok)`,
    ]);
    // The probe object is gone again; nothing else was written.
    const left: string[] = [];
    for await (const object of listObjects(storage, "")) left.push(object.key);
    expect(left).toEqual([]);
  });

  it("exits 0 from the CLI with one line per check", async () => {
    const { runCheckDeploy } = await import("./check-deploy");
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await runCheckDeploy([])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(printed.at(-1)).toBe("Ready to deploy.");
    expect(printed.filter((line) => /^[✓✗!–] /.test(line))).toHaveLength(8);
  });

  it("fails a wrong APP_URL (CORS and health) and an unmigrated database, naming why", async () => {
    const elsewhere = `http://127.0.0.1:${await findFreePort()}`;
    const name = `t_${randomBytes(6).toString("hex")}`;
    const admin = postgres(context.stack.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    try {
      const empty = new URL(context.stack.postgresUrl);
      empty.pathname = `/${name}`;
      const wrong = parseConfig({ ...env, APP_URL: elsewhere, DATABASE_URL: empty.toString() });
      const lines = (await checkDeploy(wrong, storage)).map(formatCheck);
      expect(lines).toContain(
        `✗ CORS for APP_URL: ${elsewhere} may not PUT (preflight 403), GET (preflight 403): allow it in the bucket's CORS rules`,
      );
      expect(lines).toContain("✗ database migrated: no migrations applied: run `npm run migrate`");
      expect(lines.find((line) => line.startsWith("✗ APP_URL"))).toMatch(/did not answer/);
    } finally {
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });
});
