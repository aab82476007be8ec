import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { revokeApiKey } from "@/lib/auth/keys/manage-api-keys";
import { createDataset } from "@/lib/datasets/create-dataset";
import {
  apiKeys,
  critiques,
  datasetImages,
  datasets,
  datasetVersions,
  images,
  runs,
  uploads,
} from "@/lib/db/schema";
import { provideHandlerContext } from "@/lib/http/wrappers/handler-context";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { insertTestImage } from "@/lib/review/testing/review-fixtures";
import { callRoute, multipart } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// The in-flight case at the doors: a request is let in with its key, the key is revoked while the request is still
// sending its body, then the body arrives. The request must not write after the revocation (it did: 201). Doors
// that read no body (DELETE /images/{id}) write right after they let the request in; lib/auth/credential-fence.test.ts
// covers the same fence below every door.
const context = await createTestContext();
// The doors work on this file's own pool, which they fence as they fence the app's (lib/http/wrappers/handler-context.ts).
provideHandlerContext(context);
const db = context.db;
const images_ = await import("./images/route");
const restore = await import("./images/[id]/restore/route");
const purge = await import("./images/[id]/purge/route");
const imageCritiques = await import("./images/[id]/critiques/route");
const batchCritiques = await import("./critiques/route");
const runsRoute = await import("./runs/route");
const datasetsRoute = await import("./datasets/route");
const members = await import("./datasets/[id]/images/route");
const caption = await import("./datasets/[id]/images/[imageId]/route");
const versions = await import("./datasets/[id]/versions/route");
const uploadsRoute = await import("./uploads/route");
const ROUNDS = 2;

type Door = {
  handler: Parameters<typeof callRoute>[0];
  method: string;
  params?: Record<string, string>;
  body: () => Promise<BodyInit>;
};

async function doors(): Promise<Record<string, Door>> {
  const live = await insertTestImage(db);
  const trashed = await insertTestImage(db);
  await softDeleteImage(db, trashed);
  const dataset = await createDataset(db, { name: `in-flight-${live}`, image_ids: [live] });
  if (!dataset.ok) throw new Error(dataset.error.message);
  const other = await insertTestImage(db);
  const json = (value: unknown) => async () => JSON.stringify(value);
  const critique = { critic: "late", critic_version: "1", score: 0.5, scale: "0-1" };
  return {
    "POST /images": {
      handler: images_.POST,
      method: "POST",
      body: async () => multipart(await makeTestPng()),
    },
    "POST /images/{id}/restore": {
      handler: restore.POST,
      method: "POST",
      params: { id: trashed },
      body: json({}),
    },
    "POST /images/{id}/purge": {
      handler: purge.POST,
      method: "POST",
      params: { id: trashed },
      body: json({}),
    },
    "POST /images/{id}/critiques": {
      handler: imageCritiques.POST,
      method: "POST",
      params: { id: live },
      body: json(critique),
    },
    "POST /critiques": {
      handler: batchCritiques.POST,
      method: "POST",
      body: json({ items: [{ ...critique, image_id: live }] }),
    },
    "POST /runs": { handler: runsRoute.POST, method: "POST", body: json({ name: `late-${live}` }) },
    "POST /datasets": {
      handler: datasetsRoute.POST,
      method: "POST",
      body: json({ name: `late-${live}`, image_ids: [live] }),
    },
    "POST /datasets/{id}/images": {
      handler: members.POST,
      method: "POST",
      params: { id: dataset.value.id },
      body: json({ image_ids: [other] }),
    },
    "DELETE /datasets/{id}/images": {
      handler: members.DELETE,
      method: "DELETE",
      params: { id: dataset.value.id },
      body: json({ image_ids: [live] }),
    },
    "PATCH /datasets/{id}/images/{imageId}": {
      handler: caption.PATCH,
      method: "PATCH",
      params: { id: dataset.value.id, imageId: live },
      body: json({ caption: "written after the revocation" }),
    },
    "POST /datasets/{id}/versions": {
      handler: versions.POST,
      method: "POST",
      params: { id: dataset.value.id },
      body: json({}),
    },
    "POST /uploads": {
      handler: uploadsRoute.POST,
      method: "POST",
      body: json({ content_type: "image/png", byte_size: 1000 }),
    },
  };
}

/** Everything these doors could change. */
async function snapshot() {
  const count = async (table: typeof runs) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;
  return {
    images: await db.select({ id: images.id, deletedAt: images.deletedAt }).from(images).orderBy(images.id),
    members: await db
      .select({ imageId: datasetImages.imageId, caption: datasetImages.caption })
      .from(datasetImages)
      .orderBy(datasetImages.imageId),
    counts: await Promise.all(
      [runs, critiques, datasets, datasetVersions, uploads].map((table) => count(table as typeof runs)),
    ),
  };
}

/** A body that is held back until `release` is called (the client is still sending it). */
function heldBody(bytes: Uint8Array) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      await gate;
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return { stream, release };
}

async function bytesOf(body: BodyInit): Promise<{ bytes: Uint8Array; headers: Record<string, string> }> {
  const response = new Response(body);
  const type = response.headers.get("content-type");
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    headers: type ? { "content-type": type } : { "content-type": "application/json" },
  };
}

describe("a key revoked while its request is in flight", () => {
  it("lets no API write door write after the revocation committed", async () => {
    const wrote: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, door] of Object.entries(await doors())) {
        const created = await createApiKey(db, { name: `in-flight ${name}`, scopes: ["admin"] });
        const { bytes, headers } = await bytesOf(await door.body());
        const held = heldBody(bytes);
        const before = await snapshot();
        const answering = callRoute(door.handler, {
          method: door.method,
          key: created.key,
          headers: { ...headers, "idempotency-key": `in-flight-${round}-${created.id}` },
          params: door.params,
          body: held.stream,
        });
        // Let in: the door stamped the key's first use. Then the revocation commits, then the body arrives.
        await waitUntil(async () => {
          const [key] = await db
            .select({ at: apiKeys.lastUsedAt })
            .from(apiKeys)
            .where(eq(apiKeys.id, created.id));
          return key?.at !== null && key?.at !== undefined;
        });
        expect(await revokeApiKey(db, {}, { id: created.id })).toMatchObject({ ok: true });
        held.release();
        const answer = await answering;
        const body = await answer.json();
        if (answer.status !== 401 || JSON.stringify(await snapshot()) !== JSON.stringify(before)) {
          wrote.push(`${name}: ${answer.status} ${JSON.stringify(body).slice(0, 80)}`);
        } else expect(body).toMatchObject({ error: { code: "unauthorized" } });
      }
    }
    expect(wrote).toEqual([]);
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the request was never let in");
}
