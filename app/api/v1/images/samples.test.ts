import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { SAMPLES_EXPECTED } from "@/lib/metadata/fixtures/samples-expected";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { toSampleExpectation } from "@/lib/testing/sample-expectations";
import { listSampleNames, readSample } from "@/lib/testing/samples";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const { POST } = await import("./route");
const ingestKey = (await createApiKey(context.db, { name: "generator", scopes: ["ingest"] })).key;
const names = listSampleNames();

async function postSample(name: string) {
  const response = await callRoute(POST, {
    method: "POST",
    path: "/api/v1/images",
    key: ingestKey,
    body: multipart(readSample(name), undefined, name),
  });
  return {
    status: response.status,
    record: (await response.json()) as Parameters<typeof toSampleExpectation>[0],
  };
}

describe("POST /api/v1/images with every real sample (lib/metadata/fixtures/samples)", () => {
  it("has an expectation for every sample file", () => {
    expect(listSampleNames()).toEqual(Object.keys(SAMPLES_EXPECTED).sort());
  });

  it.each(names)("stores %s (201) and reads it as the table says", async (name) => {
    const { status, record } = await postSample(name);
    expect(status).toBe(201);
    expect(toSampleExpectation(record)).toEqual(SAMPLES_EXPECTED[name]);
  });
});
