import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { critiques, images } from "@/lib/db/schema";
import { insertTestImage, insertTestImages } from "@/lib/review/testing/review-fixtures";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const batchRoute = await import("./route");
const imageRoute = await import("../images/[id]/critiques/route");
const imageGetRoute = await import("../images/[id]/route");
const imageListRoute = await import("../images/route");
const critic = (await createApiKey(context.db, { name: "critic", scopes: ["critic", "read"] })).key;
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const ingest = (await createApiKey(context.db, { name: "ingest", scopes: ["ingest"] })).key;

const postOne = (id: string, body: unknown, options: { key?: string; idempotencyKey?: string } = {}) =>
  callRoute(imageRoute.POST, {
    method: "POST",
    key: options.key ?? critic,
    params: { id },
    body: JSON.stringify(body),
    headers: options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {},
  });
const postBatch = (body: unknown, key = critic) =>
  callRoute(batchRoute.POST, { method: "POST", key, body: JSON.stringify(body) });
const fields = { critic: "aesthetic", critic_version: "2.1.0", score: 7.5, scale: "1-10" };

describe("POST /api/v1/images/{id}/critiques", () => {
  it.each([
    ["0-1", 0.25, 0.25],
    ["1-5", 4, 0.75],
    ["1-10", 7.5, 6.5 / 9],
    ["0-100", 80, 0.8],
    ["1-5", 1, 0],
    ["0-100", 100, 1],
  ])("stores a %s score of %d raw and normalised", async (scale, score, normalized) => {
    const id = await insertTestImage(context.db);
    const response = await postOne(id, { ...fields, scale, score, decision: "approve", reasons: ["sharp"] });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({
      image_id: id,
      score,
      scale,
      decision: "approve",
      reasons: ["sharp"],
      raw: {},
    });
    expect(body.score_normalized).toBeCloseTo(normalized, 6);
  });

  it("stores a score inside its scale that float4 cannot hold (5e-324) as the nearest it can, not a refusal", async () => {
    const id = await insertTestImage(context.db);
    for (const [score, scale] of [
      [5e-324, "0-1"],
      [1e-40, "0-1"],
      [1 + 5e-16, "1-5"],
    ] as const) {
      const response = await postOne(id, { ...fields, score, scale });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body.score).toBeCloseTo(score, 6);
      expect(body.score_normalized).toBeGreaterThanOrEqual(0);
    }
  });

  it("refuses a score outside its scale, an unknown scale and a bad decision, naming the field", async () => {
    const id = await insertTestImage(context.db);
    expect(await (await postOne(id, { ...fields, score: 0 })).json()).toEqual({
      error: {
        code: "invalid_request",
        message: "score: score must be between 1 and 10 on scale 1-10",
        details: [{ path: "score", message: "score must be between 1 and 10 on scale 1-10" }],
      },
    });
    const scale = await (await postOne(id, { ...fields, scale: "0-5" })).json();
    expect(scale).toMatchObject({ error: { code: "invalid_request", details: [{ path: "scale" }] } });
    const decision = await (await postOne(id, { ...fields, decision: "skip" })).json();
    expect(decision).toMatchObject({ error: { details: [{ path: "decision" }] } });
    const nul = await (await postOne(id, { ...fields, raw: { note: "a\u0000b" } })).json();
    expect(nul).toMatchObject({ error: { details: [{ path: "raw.note" }] } });
    expect(await context.db.select().from(critiques).where(eq(critiques.imageId, id))).toEqual([]);
  });

  it("re-posting the same critic and version replaces the current critique and keeps history", async () => {
    const id = await insertTestImage(context.db);
    await postOne(id, { ...fields, score: 3 });
    await postOne(id, { ...fields, score: 9, raw: { model: "v2" } });
    await postOne(id, { ...fields, critic_version: "3.0.0", score: 5 });

    const current = await (await callRoute(imageRoute.GET, { key: reader, params: { id } })).json();
    expect(current.items).toEqual([
      expect.objectContaining({ critic_version: "3.0.0", score: 5, is_current: true, superseded_at: null }),
      expect.objectContaining({ critic_version: "2.1.0", score: 9, raw: { model: "v2" }, is_current: true }),
    ]);
    const history = (await (
      await callRoute(imageRoute.GET, { key: reader, params: { id }, path: "/?history=true" })
    ).json()) as { items: { score: number; is_current: boolean; superseded_at: string | null }[] };
    expect(
      history.items.map((item: { score: number; is_current: boolean }) => [item.score, item.is_current]),
    ).toEqual([
      [5, true],
      [9, true],
      [3, false],
    ]);
    expect(history.items[2]?.superseded_at).toEqual(expect.any(String));

    const image = await (await callRoute(imageGetRoute.GET, { key: reader, params: { id } })).json();
    expect((image.critiques as { score: number }[]).map((item) => item.score)).toEqual([9, 5]);
  });

  it("concurrent re-posts of one critic and version leave exactly one current row", async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await insertTestImage(context.db);
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, index) => postOne(id, { ...fields, score: 1 + index })),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
      const rows = await context.db.select().from(critiques).where(eq(critiques.imageId, id));
      expect(rows).toHaveLength(8);
      expect(rows.filter((row) => row.isCurrent)).toHaveLength(1);
    }
  });

  it("replays a retry with the same Idempotency-Key and refuses the key for another body", async () => {
    const id = await insertTestImage(context.db);
    const first = await postOne(id, fields, { idempotencyKey: "retry-1" });
    const again = await postOne(id, fields, { idempotencyKey: "retry-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await context.db.select().from(critiques).where(eq(critiques.imageId, id))).toHaveLength(1);
    const other = await postOne(id, { ...fields, score: 2 }, { idempotencyKey: "retry-1" });
    expect(other.status).toBe(409);
  });

  it("answers 404 for an unknown or deleted image and refuses keys without the critic scope", async () => {
    const unknown = await postOne("00000000-0000-4000-8000-000000000000", fields);
    expect(unknown.status).toBe(404);
    const id = await insertTestImage(context.db);
    await context.db.update(images).set({ deletedAt: new Date() }).where(eq(images.id, id));
    expect((await postOne(id, fields)).status).toBe(404);
    for (const key of [reader, ingest]) {
      const refused = await postOne(id, fields, { key });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        error: { code: "forbidden", message: 'This API key lacks the "critic" scope' },
      });
      expect((await postBatch({ items: [{ image_id: id, ...fields }] }, key)).status).toBe(403);
    }
    expect((await callRoute(imageRoute.GET, { key: ingest, params: { id } })).status).toBe(403);
  });
});

describe("POST /api/v1/critiques (batch, all or nothing)", () => {
  it("stores items named by image id or sha256 in one go", async () => {
    const [first = "", second = ""] = await insertTestImages(context.db, 2);
    const [row] = await context.db
      .select({ sha256: images.sha256 })
      .from(images)
      .where(eq(images.id, second));
    const response = await postBatch({
      items: [
        { image_id: first, ...fields },
        { sha256: row?.sha256, ...fields, critic: "sharpness", score: 0.9, scale: "0-1" },
      ],
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.items).toEqual([
      expect.objectContaining({ image_id: first, critic: "aesthetic" }),
      expect.objectContaining({
        image_id: second,
        critic: "sharpness",
        score_normalized: expect.any(Number),
      }),
    ]);
  });

  it("one bad item: 400 listing every problem by index, and nothing stored", async () => {
    const [good = "", other = ""] = await insertTestImages(context.db, 2);
    const response = await postBatch({
      items: [
        { image_id: good, ...fields },
        { image_id: other, ...fields, score: 11 },
        { sha256: "0".repeat(64), ...fields },
        { ...fields },
        { image_id: good, ...fields, reasons: ["again"] },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "4 of 5 items are invalid; nothing was stored",
        details: [
          { index: 1, path: "score", message: "score must be between 1 and 10 on scale 1-10" },
          { index: 2, path: "sha256", message: "no image with this sha256" },
          { index: 3, path: "image_id", message: "give exactly one of image_id or sha256" },
          { index: 4, path: "", message: "repeats item 0 (same image, critic and version)" },
        ],
      },
    });
    const stored = await context.db.select().from(critiques).where(eq(critiques.imageId, good));
    expect(stored).toEqual([]);
  });

  it("refuses an empty batch and more than 500 items", async () => {
    expect((await postBatch({ items: [] })).status).toBe(400);
    const tooMany = await postBatch({ items: Array.from({ length: 501 }, () => ({})) });
    expect(await tooMany.json()).toMatchObject({
      error: { code: "invalid_request", message: "items must hold at most 500 critiques" },
    });
    expect((await postBatch("not json")).status).toBe(400);
  });

  it("lists critiques by critic with a cursor", async () => {
    const ids = await insertTestImages(context.db, 3);
    await postBatch({ items: ids.map((image_id) => ({ image_id, ...fields, critic: "lister" })) });
    const page = await (
      await callRoute(batchRoute.GET, { key: reader, path: "/?critic=lister&limit=2" })
    ).json();
    expect(page.items).toHaveLength(2);
    const rest = await (
      await callRoute(batchRoute.GET, {
        key: reader,
        path: `/?critic=lister&limit=2&cursor=${page.next_cursor}`,
      })
    ).json();
    expect(rest).toMatchObject({ next_cursor: null, items: [expect.objectContaining({ critic: "lister" })] });
  });
});

describe("GET /api/v1/images with the critic filters", () => {
  it("missing_critic resumes a critic; disagreement selects and gap sorts, as in the gallery", async () => {
    const ids = await insertTestImages(context.db, 3);
    const [approved = "", rejected = "", unscored = ""] = ids;
    await context.db.update(images).set({ reviewStatus: "approved" }).where(eq(images.id, approved));
    await context.db.update(images).set({ reviewStatus: "rejected" }).where(eq(images.id, rejected));
    const critique = { critic: "selector", critic_version: "1", scale: "0-100" };
    await postBatch({
      items: [
        { image_id: approved, ...critique, score: 10 },
        { image_id: rejected, ...critique, score: 60 },
      ],
    });
    const list = async (query: string) =>
      (
        (await (await callRoute(imageListRoute.GET, { key: reader, path: `/?${query}` })).json()).items as {
          id: string;
        }[]
      )
        .map((item) => item.id)
        .filter((id) => ids.includes(id));
    expect(await list("missing_critic=selector&limit=200")).toEqual([unscored]);
    expect(await list("disagreement=critic_approved&critic=selector")).toEqual([rejected]);
    expect(await list("disagreement=critic_rejected&critic=selector")).toEqual([approved]);
    // gaps: approved image scored 0.1 → 0.9; rejected image scored 0.6 → 0.6
    expect(await list("disagreement=any&critic=selector&sort=gap")).toEqual([approved, rejected]);
    expect(await list("disagreement=any&critic=nobody")).toEqual([]);
  });
});
