import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { startFaultStack } from "@/lib/testing/fault-stack";
import { countImages, expectStoredImage, sha256Of } from "@/lib/testing/storage-contract";
import { createTestContext } from "@/lib/testing/test-context";
import { type WatchEvent, watchFolder } from "./watch-folder";

// The watcher with its database and bucket behind fault proxies: the app's stack restarting under it.
const context = await createTestContext();
const direct = { db: context.db, storage: context.storage, limits: context.config.limits };
const faults = await startFaultStack(context);
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-watch-faults-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("watchFolder while the stack restarts", () => {
  it("keeps retrying the files that arrive while Postgres and S3 are down, and stores each once they are back", async () => {
    const events: WatchEvent[] = [];
    const watch = watchFolder(
      faults.openDeps(),
      {
        folder: scratch,
        tags: [],
        recursive: false,
        stableMs: 200,
        folderPollMs: 100,
        incompleteGraceMs: 5000,
      },
      (event) => events.push(event),
    );
    await watch.ready;
    for (const proxy of [faults.pg, faults.s3]) {
      proxy.setMode({ kind: "refuse" });
      proxy.cutAll();
    }
    const files = await Promise.all(Array.from({ length: 3 }, () => makeTestPng()));
    await Promise.all(files.map((bytes, index) => writeFile(path.join(scratch, `${index}.png`), bytes)));
    const retried = () => new Set(events.flatMap((event) => (event.type === "retrying" ? [event.path] : [])));
    const deadline = Date.now() + 15_000;
    while (retried().size < files.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(retried().size).toBe(files.length);
    expect(watch.counts()).toMatchObject({ imported: 0, failed: 0, waiting: files.length });

    await faults.heal();
    while (watch.counts().imported < files.length) await new Promise((r) => setTimeout(r, 50));
    await watch.close();
    expect(events.filter((event) => event.type === "failed")).toEqual([]);
    for (const bytes of files) {
      expect(await countImages(context.db, sha256Of(bytes))).toBe(1);
      const [row] = await context.db
        .select()
        .from(images)
        .where(eq(images.sha256, sha256Of(bytes)));
      if (!row) throw new Error("not stored");
      await expectStoredImage(direct, { id: row.id, sha256: row.sha256, object_key: row.objectKey });
    }
  });
});
