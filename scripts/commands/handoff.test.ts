import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { runHandoff } from "./handoff";

const context = await createTestContext();
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-cli-handoff-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
const records = await ingestTestImages(context, 2, { run: "cli-handoff" });

function output(): string[] {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
}

describe("cli handoff", () => {
  it("writes a filter's images as a folder, byte for byte, with sidecars and a manifest", async () => {
    const dir = path.join(scratch, "out");
    const lines = output();
    expect(await runHandoff([dir, "--run", "cli-handoff", "--created-after", "2000-01-01"])).toBe(0);
    expect(lines.join("\n")).toMatch(/Handed off 2 images/);
    const files = await readdir(dir, { recursive: true });
    const originals = files.filter((file) => file.endsWith(".png")).sort();
    expect(originals).toHaveLength(2);
    for (const file of originals)
      expect(file).toMatch(
        /^generations\/\d{4}-\d{2}-\d{2}\/[a-z0-9._-]+\/\d{8}_\d{6}_[a-z0-9._-]+_[0-9a-f]{8}\.png$/,
      );
    const hashes = await Promise.all(
      originals.map(async (file) =>
        createHash("sha256")
          .update(await readFile(path.join(dir, file)))
          .digest("hex"),
      ),
    );
    expect(hashes.sort()).toEqual(records.map((record) => record.sha256).sort());
    expect(files.filter((file) => file.endsWith(".json"))).toHaveLength(2);
    expect((await readFile(path.join(dir, "manifest.jsonl"), "utf8")).trim().split("\n")).toHaveLength(4);
  });

  it("names a refused flag in one line (exit 2), and a selection of nothing (exit 1)", async () => {
    const lines = output();
    expect(await runHandoff([path.join(scratch, "a"), "--steps", "many"])).toBe(2);
    expect(await runHandoff([path.join(scratch, "b"), "--ids", "x,y"])).toBe(2);
    expect(await runHandoff([path.join(scratch, "c"), "--run", "nothing-here"])).toBe(1);
    expect(await runHandoff([])).toBe(2);
    expect(lines[0]).toMatch(/^handoff: --steps: /);
    expect(lines[1]).toMatch(/^handoff: --ids: /);
    expect(lines[2]).toBe("The selection holds no images");
  });
});
