import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const datasets = await import("./route");
const dataset = await import("./[id]/route");
const members = await import("./[id]/images/route");
const caption = await import("./[id]/images/[imageId]/route");
const captions = await import("./[id]/captions/route");
const versions = await import("./[id]/versions/route");
const exportZip = await import("./[id]/versions/[version]/export.zip/route");
const admin = (await createApiKey(context.db, { name: "admin", scopes: ["admin"] })).key;
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const [first, second, third] = await ingestTestImages(context, 3);
const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-zip-route-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const json = (body: unknown) => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("/api/v1/datasets", () => {
  it("creates, captions, freezes and exports a dataset as a ZIP", async () => {
    const created = await callRoute(datasets.POST, {
      method: "POST",
      key: admin,
      ...json({ name: "portraits", image_ids: [first?.id, second?.id] }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const added = await callRoute(members.POST, {
      method: "POST",
      key: admin,
      params: { id },
      ...json({ image_ids: [third?.id] }),
    });
    expect(await added.json()).toEqual({ added: 1 });
    const edited = await callRoute(caption.PATCH, {
      method: "PATCH",
      key: admin,
      params: { id, imageId: second?.id ?? "" },
      ...json({ caption: "a harbour" }),
    });
    expect(edited.status).toBe(200);
    const stale = await callRoute(caption.PATCH, {
      method: "PATCH",
      key: admin,
      params: { id, imageId: second?.id ?? "" },
      ...json({ caption: "a harbour at noon", expected_caption: "what it said before" }),
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({
      error: {
        code: "conflict",
        message:
          "This caption was changed after you opened it; the box now shows the newer caption — edit that and save again",
        details: { caption: "a harbour" },
      },
    });
    const templated = await callRoute(captions.POST, {
      method: "POST",
      key: admin,
      params: { id },
      ...json({ template: "{trigger}, {caption}", trigger: "ohwx" }),
    });
    // The caption a person typed is left: the template asks before it overwrites one.
    expect(await templated.json()).toMatchObject({ updated: 2, skipped_hand_edited: 1 });
    const frozen = await callRoute(versions.POST, {
      method: "POST",
      key: admin,
      params: { id },
      ...json({ note: "v1" }),
    });
    expect(frozen.status).toBe(201);
    expect(await frozen.json()).toEqual({ dataset_id: id, version: 1, image_count: 3 });

    const detail = await callRoute(dataset.GET, { key: reader, params: { id } });
    const body = (await detail.json()) as { images: { caption: string }[]; versions: { version: number }[] };
    expect(body.images.map((image) => image.caption).sort()).toEqual([
      "a harbour",
      "ohwx, a lighthouse at dusk",
      "ohwx, a lighthouse at dusk",
    ]);
    expect(body.versions.map((version) => version.version)).toEqual([1]);
    const listed = await callRoute(datasets.GET, { key: reader });
    expect(await listed.json()).toMatchObject({
      items: [{ name: "portraits", image_count: 3, latest_version: 1 }],
    });

    const response = await exportZip.GET(
      new NextRequest("http://localhost:3000/", { headers: { authorization: `Bearer ${reader}` } }),
      { params: Promise.resolve({ id, version: "1" }) },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const download = await fetch(response.headers.get("location") ?? "");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/filename="portraits-v1.zip"/);
    const zipPath = path.join(scratch, "portraits.zip");
    await writeFile(zipPath, Buffer.from(await download.arrayBuffer()));
    const listing = execFileSync("unzip", ["-l", zipPath]).toString();
    expect(listing).toContain("manifest.jsonl");
    expect(listing).toMatch(/7 files/);
  });

  it("answers with the error envelope: scope, validation, not found, conflict", async () => {
    const forbidden = await callRoute(datasets.POST, {
      method: "POST",
      key: reader,
      ...json({ name: "x", image_ids: [first?.id] }),
    });
    expect(forbidden.status).toBe(403);
    const invalid = await callRoute(datasets.POST, { method: "POST", key: admin, ...json({ name: "x" }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "invalid_request" } });
    const missing = "00000000-0000-4000-8000-000000000000";
    const notFound = await callRoute(exportZip.GET, { key: reader, params: { id: missing, version: "1" } });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { code: "not_found", message: `Dataset ${missing} does not exist` },
    });
    const noImages = await callRoute(members.POST, {
      method: "POST",
      key: admin,
      params: { id: missing },
      ...json({ image_ids: [first?.id] }),
    });
    expect(noImages.status).toBe(404);
    const duplicate = await callRoute(datasets.POST, {
      method: "POST",
      key: admin,
      ...json({ name: "portraits", image_ids: [first?.id] }),
    });
    expect(await duplicate.json()).toEqual({
      error: { code: "conflict", message: 'A dataset named "portraits" already exists' },
    });
  });
});
