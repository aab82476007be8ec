// What `npm run bench:load` and `npm run bench:team` share: the seeded images and import folders, reviewer sessions,
// the derive backlog, child processes (the load client, `cli import`, `cli doctor`) and server action ids.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import sharp from "sharp";
import type { createDatabase } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { insertPngChunks, textChunk } from "@/lib/metadata/testing/png-encoder";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = createRequire(import.meta.url).resolve("tsx");

/** Reviewer accounts and their sessions as Auth.js issues them: its JWT encoding with the server's AUTH_SECRET. */
export async function createReviewerSessions(
  db: ReturnType<typeof createDatabase>,
  count: number,
  authSecret: string,
): Promise<string[]> {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, index) => ({
        email: `reviewer${index}@load.test`,
        role: "reviewer" as const,
      })),
    )
    .returning({ id: users.id });
  return Promise.all(
    rows.map(
      async ({ id }) =>
        `authjs.session-token=${await encode({ token: { sub: id, sessionVersion: 1 }, secret: authSecret, salt: "authjs.session-token" })}`,
    ),
  );
}

export async function countDerived(db: ReturnType<typeof createDatabase>): Promise<number> {
  const [row] = await db.execute(sql`select count(*)::int as n from images where derive_state = 'done'`);
  return Number(row?.n ?? 0);
}

export async function countPending(db: ReturnType<typeof createDatabase>): Promise<number> {
  const [row] = await db.execute(sql`select count(*)::int as n from images where derive_state = 'pending'`);
  return Number(row?.n ?? 0);
}

/** Seconds until no image waits for its derivation, or null after `timeoutMs`. */
export async function waitForDrain(
  db: ReturnType<typeof createDatabase>,
  timeoutMs: number,
): Promise<number | null> {
  const started = performance.now();
  while ((await countPending(db)) > 0) {
    if (performance.now() - started > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return (performance.now() - started) / 1000;
}

export const children: ChildProcess[] = [];
/**
 * A child process; `ownSession` starts it in a session of its own, as a program on another machine or in another
 * terminal is: on Linux with autogroup scheduling a session shares the CPU as one group, so the load client and the
 * importer in the benchmark's session (which holds the app's Postgres and object store) would take their CPU from
 * those, which no real deployment does.
 */
export function spawnTsx(
  args: string[],
  env: Record<string, string> = {},
  { ownSession = false }: { ownSession?: boolean } = {},
): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: ownSession,
  });
  children.push(child);
  return child;
}

/** Everything the child printed once `pattern` matches it (or once it exits). */
export function untilOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = "";
  return new Promise((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    });
    child.once("exit", () => resolve(output));
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code ?? 1));
  });

/** The id Next gave a server action at build time, from the build's server-reference manifest. */
export async function findActionId(name: string): Promise<string> {
  const manifest = JSON.parse(
    await readFile(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { exportedName?: string; workers?: Record<string, { exportedName?: string }> }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) =>
      entry.exportedName === name ||
      Object.values(entry.workers ?? {}).some((worker) => worker.exportedName === name),
  );
  if (!found) throw new Error(`no server action named ${name} in the build`);
  return found[0];
}

export async function makePng(index: number, parameters?: string): Promise<Uint8Array> {
  const bytes = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
    .resize(256, 256)
    .png({ compressionLevel: 1 })
    .toBuffer();
  const png = new Uint8Array(bytes);
  return parameters ? insertPngChunks(png, [textChunk("parameters", `${parameters} ${index}`)]) : png;
}

export async function seedImages(origin: string, key: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const form = new FormData();
    form.set("file", new Blob([Buffer.from(await makePng(index))]), "seed.png");
    for (;;) {
      const response = await fetch(`${origin}/api/v1/images`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${key}` },
      });
      if (response.status === 201) break;
      if (response.status !== 503)
        throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
      await response.body?.cancel();
      await new Promise((resolve) =>
        setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000),
      );
    }
  }
}

export async function writeImportFolder(folder: string, count: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const parameters = "an old output\nNegative prompt: blur\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed:";
  for (let index = 0; index < count; index += 1)
    await writeFile(path.join(folder, `old-${index}.png`), await makePng(index, parameters));
  return folder;
}
