import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { browserStorageOrigins } from "./browser-origins";
import { createStorage } from "./storage";

const BASE = {
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  DATABASE_URL: "postgres://localhost/unused",
  S3_BUCKET: "lightbox-images",
  S3_REGION: "eu-west-1",
  S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
  S3_SECRET_ACCESS_KEY: "secret",
};
const originsFor = (env: Record<string, string>) =>
  browserStorageOrigins(createStorage(parseConfig({ ...BASE, ...env })));

// The CSP must name exactly where the browser goes: the first version rebuilt a virtual-host URL by hand, wrong
// for path-style endpoints. Signing needs no network, so these run offline.
describe("browserStorageOrigins", () => {
  it("is the bucket's virtual-host origin on AWS", async () => {
    expect(await originsFor({})).toEqual(["https://lightbox-images.s3.eu-west-1.amazonaws.com"]);
  });

  it("is the endpoint itself for a path-style store (MinIO, the local store)", async () => {
    expect(await originsFor({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true" })).toEqual([
      "http://127.0.0.1:9000",
    ]);
  });

  it("is the public endpoint when browsers reach the store elsewhere", async () => {
    expect(
      await originsFor({
        S3_ENDPOINT: "http://minio:9000",
        S3_PUBLIC_ENDPOINT: "https://files.example.com",
        S3_FORCE_PATH_STYLE: "true",
      }),
    ).toEqual(["https://files.example.com"]);
  });

  it("adds the CDN for images while uploads still go to the store", async () => {
    expect(await originsFor({ CDN_URL: "https://cdn.example.com" })).toEqual([
      "https://cdn.example.com",
      "https://lightbox-images.s3.eu-west-1.amazonaws.com",
    ]);
  });
});
