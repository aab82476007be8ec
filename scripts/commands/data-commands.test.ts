import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { deleteObject } from "@/lib/storage/objects";
import { createTestContext } from "@/lib/testing/test-context";
import { runCleanup } from "./cleanup";
import { runDoctorCommand } from "./doctor";
import { runExport } from "./export";
import { runImport } from "./import";

// The commands read their configuration from the environment, which the test context points at its own stack.
const context = await createTestContext();
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-cli-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const output = () => {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
};

describe("operator commands", () => {
  it("import, export, doctor and cleanup exit 0 when all is well and non-zero otherwise", async () => {
    const folder = path.join(scratch, "in");
    await rm(folder, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(folder));
    for (const name of ["a", "b", "c"])
      await writeFile(path.join(folder, `${name}.png`), await makeTestPng());
    let lines = output();
    expect(await runImport([folder, "--run", "cli", "--tags", "x,y"])).toBe(0);
    expect(lines.join("\n")).toMatch(/imported\s+3/);

    await writeFile(path.join(folder, "broken.png"), "not a png");
    lines = output();
    expect(await runImport([folder])).toBe(1);
    expect(lines.join("\n")).toMatch(/duplicates\s+3[\s\S]*broken\.png: /);
    expect(await runImport([])).toBe(2);

    const dataset = await createDataset(context.db, { name: "cli-set", filter: { run: "cli" } });
    if (!dataset.ok) throw new Error(dataset.error.message);
    await freezeDatasetVersion(context.db, dataset.value.id, {});
    const out = path.join(scratch, "out");
    lines = output();
    expect(await runExport(["cli-set", out])).toBe(0);
    expect((await readdir(out)).length).toBe(7);
    expect(await runExport(["cli-set", "--version", "7", path.join(scratch, "out2")])).toBe(1);
    expect(lines.join("\n")).toMatch(/has no version 7/);
    const existingFile = path.join(scratch, "taken.txt");
    await writeFile(existingFile, "keep me");
    lines = output();
    expect(await runExport(["cli-set", existingFile])).toBe(1);
    expect(lines).toEqual([`${existingFile} is a file, not a folder; export into a new or empty folder`]);
    expect(await readFile(existingFile, "utf8")).toBe("keep me");
    lines = output();
    expect(await runExport(["cli-set", path.join(existingFile, "sub")])).toBe(1);
    expect(lines).toEqual([
      `${path.join(existingFile, "sub")} cannot be used as the export folder (ENOTDIR)`,
    ]);

    lines = output();
    expect(await runDoctorCommand(["--json"])).toBe(0);
    expect(JSON.parse(lines.join("\n"))).toMatchObject({ status: "clean" });
    const imageKeys = (await context.db.query.images.findMany()).map((image) => image.objectKey);
    await deleteObject(context.storage, imageKeys[0] ?? "");
    lines = output();
    expect(await runDoctorCommand([])).toBe(1);
    expect(lines.join("\n")).toMatch(/missing_object: 1/);

    lines = output();
    expect(await runCleanup(["--rejected-older-than", "30d", "--dry-run"])).toBe(0);
    expect(lines.join("\n")).toMatch(/Would purge 0 image/);
    expect(await runCleanup(["--rejected-older-than", "soon"])).toBe(2);
    vi.restoreAllMocks();
  });
});
