import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createDataset } from "@/lib/datasets/create-dataset";
import { freezeDatasetVersion } from "@/lib/datasets/freeze-dataset-version";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { runModels } from "./models";

// The command reads its configuration from the environment, which the test context points at its own stack.
const context = await createTestContext();
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-models-cli-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const output = () => {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => void lines.push(parts.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return lines;
};

/** A safetensors file: an 8-byte little-endian header length, the JSON header, then the tensors' bytes. */
async function safetensorsFile(name: string): Promise<{ file: string; sha256: string; autov3: string }> {
  const header = Buffer.from(JSON.stringify({ __metadata__: { ss_output_name: name } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  const tensors = randomBytes(4096);
  const bytes = Buffer.concat([length, header, tensors]);
  const file = path.join(scratch, `${name}.safetensors`);
  await writeFile(file, bytes);
  const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
  return { file, sha256: sha(bytes), autov3: sha(tensors).slice(0, 12) };
}

describe("cli models", () => {
  it("registers from a model file, links its images, lists, shows the version figures, deletes", async () => {
    const [member] = await ingestTestImages(context, 1);
    const dataset = await createDataset(context.db, { name: "cli faces", image_ids: [member?.id ?? ""] });
    if (!dataset.ok) throw new Error(dataset.error.message);
    await freezeDatasetVersion(context.db, dataset.value.id, {});
    const lora = await safetensorsFile("cliface");
    const parameters = `a face <lora:cliface:0.8>\nSteps: 20, Seed: 1, Size: 64x48, Lora hashes: "cliface: ${lora.autov3}"`;
    const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
    const stored = await ingestImage(deps, {
      bytes: await makeTestPng({ parameters }),
      metadata: {},
      source: "api",
    });
    if (!stored.ok) throw new Error(stored.error.message);

    let lines = output();
    const base = ["register", "--name", "cliface v1", "--dataset", "cli faces", "--version", "1"];
    expect(await runModels([...base, "--file", lora.file, "--notes", "rank 8"])).toBe(0);
    const registered = JSON.parse(lines.slice(1).join("\n"));
    expect(registered).toMatchObject({
      sha256: lora.sha256,
      autov2: lora.sha256.slice(0, 10),
      autov3: lora.autov3,
      version: 1,
      linked_images: 1,
    });

    lines = output();
    expect(await runModels([...base, "--sha256", lora.sha256.toUpperCase()])).toBe(2);
    expect(lines).toEqual([`A model named "cliface v1" is already registered`]);
    lines = output();
    expect(await runModels([...base, "--file", lora.file, "--autov2", "0123456789"])).toBe(2);
    expect(lines.at(-1)).toMatch(/autov2/);
    lines = output();
    expect(await runModels(["register", "--name", "x", "--dataset", "cli faces", "--version", "1"])).toBe(2);
    expect(lines.join("\n")).toMatch(/at least one of sha256/);
    lines = output();
    expect(await runModels(["list", "--dataset", "cli faces"])).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/lora .* cli faces v1 .* 1 images {2}cliface v1/)]);

    lines = output();
    expect(await runModels(["lineage", "cli faces"])).toBe(0);
    expect(lines.join("\n")).toMatch(/v1 {2}1 models {2}1 images {2}0 approved {2}0 rejected {2}—/);
    lines = output();
    expect(await runModels(["show", "cliface v1"])).toBe(0);
    expect(JSON.parse(lines.join("\n")).notes).toBe("rank 8");
    expect(await runModels(["delete", "cliface v1"])).toBe(0);
    lines = output();
    expect(await runModels(["show", "cliface v1"])).toBe(1);
    expect(lines).toEqual(["No trained model cliface v1 is registered"]);
    expect(await runModels(["show"])).toBe(2);
  });
});
