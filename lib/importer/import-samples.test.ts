import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { images } from "@/lib/db/schema";
import { loadImageRecords } from "@/lib/images/record/image-record";
import { SAMPLES_EXPECTED } from "@/lib/metadata/fixtures/samples-expected";
import { toSampleExpectation } from "@/lib/testing/sample-expectations";
import { listSampleNames, readSample, SAMPLES_DIR } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";
import { importFolder } from "./import-folder";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("folder import of every real sample (lib/metadata/fixtures/samples)", () => {
  it("imports all of them and reads each as the table says", async () => {
    const result = await importFolder(deps, { folder: SAMPLES_DIR, concurrency: 2 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.failures).toEqual([]);
    expect(result.value.imported).toBe(listSampleNames().length);
    const nameBySha = new Map(listSampleNames().map((name) => [sha256(readSample(name)), name]));
    const records = await loadImageRecords(context.db, await context.db.select().from(images));
    const read = Object.fromEntries(
      records.map((record) => [nameBySha.get(record.sha256) ?? record.sha256, toSampleExpectation(record)]),
    );
    expect(read).toEqual(SAMPLES_EXPECTED);
  });
});
