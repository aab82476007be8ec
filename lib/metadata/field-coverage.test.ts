import path from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLES_EXPECTED } from "./fixtures/samples-expected";
import { SAMPLES_NEW_EXPECTED } from "./fixtures/samples-new-expected";
import { measureFieldCoverage } from "./testing/field-coverage";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

describe.each([
  ["samples", SAMPLES_EXPECTED],
  ["samples-new", SAMPLES_NEW_EXPECTED],
])("fields a person reads from the real files in fixtures/%s", (folder, table) => {
  it("are read equal", async () => {
    const coverage = await measureFieldCoverage(path.join(FIXTURES, folder), table);
    console.info(
      `${folder}: ${coverage.read}/${coverage.expected} fields read (${(coverage.share * 100).toFixed(1)} %)`,
    );
    expect(coverage.misses).toEqual([]);
  });
});
