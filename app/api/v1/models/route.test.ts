import { createHash, randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { images } from "@/lib/db/schema";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { LIGHTBOX_TOOLS } from "@/lib/mcp/lightbox-tools";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const models = await import("./route");
const model = await import("./[id]/route");
const lineage = await import("../datasets/[id]/lineage/route");
const experiments = await import("../experiments/route");
const imagesRoute = await import("../images/route");
const datasetsRoute = await import("../datasets/route");
const versionsRoute = await import("../datasets/[id]/versions/route");
const admin = (await createApiKey(context.db, { name: "admin", scopes: ["admin", "ingest", "read"] })).key;
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const json = (body: unknown) => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const post = (handler: typeof models.POST, body: unknown, params = {}, key = admin) =>
  callRoute(handler as never, { method: "POST", key, params, ...json(body) });

/** A dataset of one image, frozen `versions` times: what models are registered against. */
async function frozenDataset(name: string, versions: number): Promise<string> {
  const [member] = await ingestTestImages(context, 1);
  const created = await post(datasetsRoute.POST as never, { name, image_ids: [member?.id] });
  const { id } = (await created.json()) as { id: string };
  for (let version = 0; version < versions; version += 1) await post(versionsRoute.POST as never, {}, { id });
  return id;
}

/** POST /images of a PNG carrying an A1111 infotext, or of posted metadata. */
async function postImage(settings: string, metadata?: Record<string, unknown>): Promise<string> {
  const parameters = `a portrait ${randomBytes(4).toString("hex")}\nSteps: 20, Seed: 1, Size: 64x48${settings}`;
  const response = await callRoute(imagesRoute.POST as never, {
    method: "POST",
    key: admin,
    body: multipart(await makeTestPng({ parameters }), metadata),
  });
  expect(response.status).toBe(201);
  return String((await response.json()).id);
}

describe("/api/v1/models", () => {
  it("registers a LoRA by hash and a checkpoint by key; images stored before and after link; lineage figures", async () => {
    const dataset = await frozenDataset("api faces", 2);
    const sha256 = createHash("sha256").update("portrait v3 file").digest("hex");
    const autov3 = randomBytes(6).toString("hex");
    const before = [
      await postImage(`, Lora hashes: "portrait: ${autov3.toUpperCase()}"`),
      await postImage("", { model: "models/base_merge.safetensors" }),
    ];
    const registered = await post(models.POST, {
      name: "portrait v3",
      kind: "lora",
      dataset,
      version: 2,
      sha256: sha256.toUpperCase(),
      autov3: `0x${autov3.toUpperCase()}`,
      notes: "rank 16, 3000 steps",
    });
    expect(registered.status).toBe(201);
    const lora = (await registered.json()) as { id: string };
    // Hex is stored lowercase; AutoV2 follows from the sha256; the image naming its AutoV3 (uppercase) links.
    expect(lora).toMatchObject({ sha256, autov2: sha256.slice(0, 10), autov3, version: 2, linked_images: 1 });
    const checkpoint = await post(models.POST, {
      name: "base merge",
      kind: "checkpoint",
      dataset,
      version: 1,
      file_name: "checkpoints/Base_Merge.safetensors",
    });
    expect(await checkpoint.json()).toMatchObject({ match_key: "base_merge", version: 1, linked_images: 1 });
    const after = [
      await postImage("", { model: "Base_Merge.ckpt" }),
      await postImage(`, Lora hashes: "portrait: ${autov3}"`),
    ];

    const listed = await callRoute(models.GET as never, { key: reader, path: `/?dataset=${dataset}` });
    const items = ((await listed.json()).items as { name: string; linked_images: number }[]).map((item) => [
      item.name,
      item.linked_images,
    ]);
    expect(items).toEqual([
      ["base merge", 2],
      ["portrait v3", 2],
    ]);
    await context.db
      .update(images)
      .set({ reviewStatus: "approved" })
      .where(inArray(images.id, [before[0] ?? ""]));
    await context.db
      .update(images)
      .set({ reviewStatus: "rejected" })
      .where(inArray(images.id, [after[1] ?? ""]));
    await context.db
      .update(images)
      .set({ reviewStatus: "approved" })
      .where(inArray(images.id, [after[0] ?? ""]));
    const figures = await callRoute(lineage.GET as never, { key: reader, params: { id: dataset } });
    const versions = (await figures.json()).versions as { version: number; approval_interval: unknown }[];
    expect(versions).toMatchObject([
      { version: 1, images: 2, approved: 1, rejected: 0, approval_rate: 1 },
      { version: 2, images: 2, approved: 1, rejected: 1, approval_rate: 0.5 },
    ]);
    // The MCP tool answers the same question with the same figures.
    const tool = LIGHTBOX_TOOLS.dataset_lineage;
    const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
    const answer = await tool?.run(deps, undefined as never, { dataset: "api faces" } as never);
    expect(answer).toMatchObject({ ok: true, value: { versions } });
    // The experiment groups by "trained on dataset version" with the same Wilson interval.
    const experiment = await callRoute(experiments.GET as never, {
      key: reader,
      path: "/?parameter=trained_on&limit=100",
    });
    const rows = ((await experiment.json()).rows as { label: string; approved: number }[]).filter((row) =>
      row.label.startsWith("api faces"),
    );
    expect(rows.map((row) => [row.label, row.approved])).toEqual([
      ["api faces v1", 1],
      ["api faces v2", 1],
    ]);
    expect(rows[1]).toMatchObject({
      approval_interval: versions[1]?.approval_interval,
    });

    const shown = await callRoute(model.GET as never, { key: reader, params: { id: lora.id } });
    expect(await shown.json()).toMatchObject({ name: "portrait v3", notes: "rank 16, 3000 steps" });
    expect(
      (await callRoute(model.DELETE as never, { method: "DELETE", key: reader, params: { id: lora.id } }))
        .status,
    ).toBe(403);
    expect(
      (await callRoute(model.DELETE as never, { method: "DELETE", key: admin, params: { id: lora.id } }))
        .status,
    ).toBe(200);
    expect((await callRoute(model.GET as never, { key: reader, params: { id: lora.id } })).status).toBe(404);
  });

  it("answers 409, never 500, to concurrent registrations of one file and to a second version of the same file", async () => {
    const dataset = await frozenDataset("api races", 2);
    const registered: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const sha256 = randomBytes(32).toString("hex");
      registered.push(sha256);
      // Mixed case: two spellings of one hash are one file.
      const spell = (index: number) => (index % 2 === 0 ? sha256 : sha256.toUpperCase());
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          post(models.POST, {
            name: `race ${round}.${index}`,
            kind: "lora",
            dataset,
            version: 1,
            sha256: spell(index),
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, `round ${round}`).toEqual([201, 409, 409, 409, 409]);
      const refused = await answers.find((answer) => answer.status === 409)?.json();
      expect(refused).toEqual({
        error: { code: "conflict", message: "A model with this sha256 is already registered" },
      });
      const again = await post(models.POST, {
        name: `race ${round} v2`,
        kind: "lora",
        dataset,
        version: 2,
        sha256,
      });
      expect(again.status).toBe(409);
    }
    expect(
      (await post(models.POST, { name: "taken", kind: "lora", dataset, version: 1, autov1: "0000000b" }))
        .status,
    ).toBe(201);
    // The same file by its short hash against another version: its images cannot be claimed twice.
    const shortHash = (registered[0] ?? "").slice(0, 10).toUpperCase();
    const refusals = [
      [{ name: "short", kind: "checkpoint", dataset, version: 2, autov2: shortHash }, 409],
      [{ name: "x", kind: "lora", dataset, version: 1, sha256: "g".repeat(64) }, 400],
      [{ name: "x", kind: "lora", dataset, version: 1, sha256: "a".repeat(64), autov2: "b".repeat(10) }, 400],
      [{ name: "x", kind: "lora", dataset, version: 1 }, 400],
      [{ name: "x", kind: "lora", dataset, version: 7, autov1: "0badf00d" }, 404],
      [{ name: "taken", kind: "checkpoint", dataset, version: 2, autov1: "0badf00d" }, 409],
    ] as const;
    for (const [body, status] of refusals)
      expect((await post(models.POST, body)).status, JSON.stringify(body)).toBe(status);
    expect(
      (
        await post(
          models.POST,
          { name: "y", kind: "lora", dataset, version: 1, autov1: "00000001" },
          {},
          reader,
        )
      ).status,
    ).toBe(403);
  });
});
