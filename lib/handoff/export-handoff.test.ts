import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { readZipEntries } from "@/lib/datasets/export/testing/read-zip-entries";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { recordReview } from "@/lib/review/record-review";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { getObjectStream } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { exportHandoffArchive } from "./export-handoff-archive";
import { exportHandoffFolder } from "./export-handoff-folder";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage };
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-handoff-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// Four images: two of a model whose name is a Windows device, and two made in the same second by a model with a
// folder, an extension and accents in its name (the collision rule itself is handoff-names.test.ts's).
const records = await ingestTestImages(context, 4, { run: "handoff-run" });
const [con, con2, accented, twin] = records.map((record) => record.id);
const at = new Date("2026-05-06T07:08:09Z");
await context.db
  .update(images)
  .set({ model: "CON", createdAt: at })
  .where(eq(images.id, con ?? ""));
await context.db
  .update(images)
  .set({ model: "CON" })
  .where(eq(images.id, con2 ?? ""));
for (const id of [accented, twin])
  await context.db
    .update(images)
    .set({ model: "Modèle/Étoile.safetensors", createdAt: at })
    .where(eq(images.id, id ?? ""));
const reviewer = await insertTestReviewer(context.db);
await recordReview(context.db, reviewer, { action: "decide", imageId: accented ?? "", decision: "approve" });

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await walk(path.join(dir, entry.name), relative)));
    else found.push(relative);
  }
  return found.sort();
}

async function bucketBytes(key: string): Promise<Buffer> {
  const object = await getObjectStream(context.storage, key);
  if (!object.ok) throw new Error(object.error.message);
  const chunks: Buffer[] = [];
  for await (const chunk of object.value.body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("handoff exports", () => {
  it("writes a folder: generations/<day>/<model>/… originals byte for byte, sidecars, a manifest of sha256s", async () => {
    const dir = path.join(scratch, "folder");
    const result = await exportHandoffFolder(deps, { selection: { filter: { run: "handoff-run" } }, dir });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.images).toBe(4);
    const files = await walk(dir);
    const day = "2026-05-06";
    const stamp = "20260506_070809";
    const short = (index: number) => records[index]?.sha256.slice(0, 8);
    expect(files).toEqual(
      expect.arrayContaining([
        `generations/${day}/con_/${stamp}_con__${short(0)}.png`,
        `generations/${day}/con_/${stamp}_con__${short(0)}.json`,
        `generations/${day}/etoile/${stamp}_etoile_${short(2)}.png`,
        `generations/${day}/etoile/${stamp}_etoile_${short(3)}.png`,
        "manifest.jsonl",
      ]),
    );
    expect(files).toHaveLength(9);
    for (const name of files) expect(name).toMatch(/^[a-z0-9._/-]+$/);

    const manifest = (await readFile(path.join(dir, "manifest.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { path: string; sha256: string; byte_size: number; kind: string });
    expect(manifest).toHaveLength(8);
    for (const line of manifest) {
      const bytes = await readFile(path.join(dir, line.path));
      expect(sha256(bytes)).toBe(line.sha256);
      expect(bytes.length).toBe(line.byte_size);
    }
    for (const record of records) {
      const line = manifest.find((item) => item.kind === "original" && item.sha256 === record.sha256);
      const written = await readFile(path.join(dir, line?.path ?? ""));
      expect(written.equals(await bucketBytes(record.object_key))).toBe(true);
    }
    const sidecarOf = async (id: string | undefined) => {
      const line = manifest.find(
        (item) =>
          item.kind === "sidecar" &&
          item.path.includes(records.find((r) => r.id === id)?.sha256.slice(0, 8) ?? "?"),
      );
      return JSON.parse(await readFile(path.join(dir, line?.path ?? ""), "utf8")) as Record<string, unknown>;
    };
    const approved = await sidecarOf(accented);
    expect(approved).toMatchObject({
      image_id: accented,
      model: "Modèle/Étoile.safetensors",
      review_status: "approved",
      run: "handoff-run",
      tags: [],
    });
    const even = await sidecarOf(con);
    expect(even).toMatchObject({
      model: "CON",
      prompt: expect.stringContaining("lighthouse"),
      seed: expect.any(String),
    });
    expect(even.loras).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]),
    );

    // A second handoff into the same (now full) folder is refused and leaves it as it was.
    const again = await exportHandoffFolder(deps, { selection: { filter: { run: "handoff-run" } }, dir });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("builds the same files as a ZIP in the bucket, resumable part by part, reused while nothing changes", async () => {
    const selection = { image_ids: records.map((record) => record.id) };
    const answers = [];
    let ready = null;
    for (let request = 0; request < 200 && !ready; request += 1) {
      const answer = await exportHandoffArchive(
        deps,
        { selection, viewerId: null },
        { sliceMs: 0, partBytes: 4096 },
      );
      if (!answer.ok) throw new Error(answer.error.message);
      answers.push(answer.value);
      if (answer.value.status === "ready") ready = answer.value;
    }
    if (!ready) throw new Error("never built");
    expect(answers.filter((answer) => answer.status === "building").length).toBeGreaterThan(1);
    const zip = Buffer.from(await (await fetch(ready.url)).arrayBuffer());
    const entries = await readZipEntries(zip);
    expect(entries).toHaveLength(9);
    const folder = path.join(scratch, "folder");
    for (const entry of entries)
      expect(entry.data.equals(await readFile(path.join(folder, entry.name)))).toBe(true);

    const reused = await exportHandoffArchive(deps, { selection, viewerId: null });
    expect(reused).toMatchObject({ ok: true, value: { status: "ready", reused: true, key: ready.key } });
    // A decision changes a sidecar, so the manifest and the archive's name change with it.
    await recordReview(context.db, reviewer, { action: "decide", imageId: con ?? "", decision: "reject" });
    const changed = await exportHandoffArchive(deps, { selection, viewerId: null });
    expect(changed).toMatchObject({ ok: true, value: { status: "ready", reused: false } });
    if (changed.ok && changed.value.status === "ready") expect(changed.value.key).not.toBe(ready.key);
  });

  it("refuses a selection naming missing images, or none", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      await exportHandoffArchive(deps, { selection: { image_ids: [missing] }, viewerId: null }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_request", details: { image_ids: [missing] } },
    });
    expect(
      await exportHandoffArchive(deps, { selection: { filter: { model: "no-such-model" } }, viewerId: null }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid_request", message: "The selection holds no images" },
    });
  });
});
