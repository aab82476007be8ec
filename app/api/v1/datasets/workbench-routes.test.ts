import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/keys/api-keys";
import { ingestTestImages } from "@/lib/datasets/testing/ingest-test-images";
import { callRoute } from "@/lib/testing/route-request";
import { createTestContext } from "@/lib/testing/test-context";

// The workbench's doors over HTTP: preview then apply with the preview's revision, undo, tags, history, audit.
// The domain rules themselves are tested in lib/datasets/captions/caption-workbench.test.ts.
const context = await createTestContext();
const datasets = await import("./route");
const members = await import("./[id]/images/route");
const captions = await import("./[id]/captions/route");
const captionPreview = await import("./[id]/captions/preview/route");
const tags = await import("./[id]/tags/route");
const tagPreview = await import("./[id]/tags/preview/route");
const changes = await import("./[id]/caption-changes/route");
const undo = await import("./[id]/caption-changes/[changeId]/undo/route");
const history = await import("./[id]/images/[imageId]/caption-history/route");
const audit = await import("./[id]/audit/route");
const admin = (await createApiKey(context.db, { name: "admin", scopes: ["admin"] })).key;
const reader = (await createApiKey(context.db, { name: "reader", scopes: ["read"] })).key;
const images = await ingestTestImages(context, 2);
const ids = images.map((image) => image.id);
const post = (key: string, id: string, body: unknown) => ({
  method: "POST",
  key,
  params: { id },
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("the dataset workbench over /api/v1", () => {
  it("previews, applies against the preview's revision, undoes; tags, history and the audit answer", async () => {
    const created = await callRoute(datasets.POST, post(admin, "", { name: "workbench", image_ids: ids }));
    const { id } = (await created.json()) as { id: string };
    const template = { template: "{trigger}, {caption}", trigger: "lbx" };
    const plan = await (await callRoute(captionPreview.POST, post(reader, id, template))).json();
    expect(plan).toMatchObject({ in_scope: 2, changes: 2, hand_edited: 0 });

    const applied = await callRoute(
      captions.POST,
      post(admin, id, { ...template, expected_revision: plan.revision }),
    );
    const result = (await applied.json()) as { change_id: string; revision: number };
    expect(result).toMatchObject({ updated: 2 });
    // The same confirmation again is refused: the dataset is no longer what the preview showed.
    const stale = await callRoute(
      captions.POST,
      post(admin, id, { ...template, expected_revision: plan.revision }),
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      error: { code: "conflict", details: { revision: result.revision } },
    });

    const page = await (
      await callRoute(members.GET, { key: reader, params: { id }, path: "/?tag=lbx" })
    ).json();
    expect(page).toMatchObject({ total: 2, page: 1, page_count: 1, revision: result.revision });
    const vocabulary = await (await callRoute(tags.GET, { key: reader, params: { id } })).json();
    expect(vocabulary.items).toContainEqual({ tag: "lbx", count: 2 });
    const rename = { operation: { op: "rename", tag: "lbx", to: "lbxstyle" } };
    expect(await (await callRoute(tagPreview.POST, post(reader, id, rename))).json()).toMatchObject({
      changes: 2,
    });
    expect(await (await callRoute(tags.POST, post(admin, id, rename))).json()).toMatchObject({ updated: 2 });

    const recent = (await (await callRoute(changes.GET, { key: reader, params: { id } })).json()) as {
      items: { kind: string }[];
    };
    expect(recent.items.map((change) => change.kind)).toEqual(["tags", "template"]);
    const undone = await callRoute(undo.POST, {
      ...post(admin, id, {}),
      params: { id, changeId: result.change_id },
    });
    // The rename changed both captions since: the template's undo leaves them, as it says.
    expect(await undone.json()).toMatchObject({ restored: 0, skipped: 2, change_id: null });
    const after = (await (await callRoute(changes.GET, { key: reader, params: { id } })).json()) as {
      items: { kind: string }[];
    };
    // An undo that put nothing back leaves no empty "undo" in the list.
    expect(after.items.map((change) => change.kind)).toEqual(["tags", "template"]);
    const imageHistory = await callRoute(history.GET, { key: reader, params: { id, imageId: ids[0] ?? "" } });
    expect(((await imageHistory.json()) as { items: unknown[] }).items).toHaveLength(2);

    const report = await (await callRoute(audit.GET, { key: reader, params: { id } })).json();
    expect(report).toMatchObject({ image_count: 2, missing_captions: 0 });
  });

  it("keeps writes behind the admin scope and answers bad input with the error envelope", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const forbidden = await callRoute(
      tags.POST,
      post(reader, missing, { operation: { op: "remove", tag: "x" } }),
    );
    expect(forbidden.status).toBe(403);
    const invalid = await callRoute(
      tags.POST,
      post(admin, missing, { operation: { op: "rename", tag: "a\u0000" } }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "invalid_request" } });
    const notFound = await callRoute(audit.GET, { key: reader, params: { id: missing } });
    expect(notFound.status).toBe(404);
    const badPath = await callRoute(undo.POST, {
      ...post(admin, missing, {}),
      params: { id: missing, changeId: "1" },
    });
    expect(badPath.status).toBe(400);
  });
});
