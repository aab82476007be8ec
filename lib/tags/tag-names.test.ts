import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { imageTags, tags } from "@/lib/db/schema";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { listImages, listImagesQuerySchema } from "@/lib/images/lists/list-images";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { createTestContext } from "@/lib/testing/test-context";
import { saveTag } from "./save-tag";
import { tagKey } from "./tag-key";

const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };
const NFC = "caf\u00e9";
const NFD = "cafe\u0301";

async function ingestTagged(names: string[]) {
  const result = await ingestImage(deps, {
    bytes: await makeTestPng(),
    source: "api",
    metadata: { tags: names },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.image;
}

const tagRows = (keys: string[]) =>
  context.db.select({ name: tags.name }).from(tags).where(inArray(tags.foldedName, keys));

describe("tag names have one meaning in JavaScript and SQL", () => {
  it("folds NFC and NFD, case and the special cases to one key, and a key is its own key", () => {
    expect(tagKey(NFD)).toBe(tagKey(NFC));
    expect(tagKey("CAFÉ")).toBe(tagKey(NFC));
    expect(tagKey("İstanbul")).toBe(tagKey("i\u0307stanbul"));
    expect(tagKey("Straße")).toBe(tagKey("STRASSE"));
    expect(tagKey("ẞ")).toBe(tagKey("ss"));
    for (const name of [NFD, "İstanbul", "ΟΔΟΣ", "ǅ", "ﬃ"]) expect(tagKey(tagKey(name))).toBe(tagKey(name));
  });

  it("ingests the tag İstanbul alone and beside others, on every retry", async () => {
    const alone = await ingestTagged(["İstanbul"]);
    expect(alone.tags).toEqual(["İstanbul"]);
    const again = await ingestTagged(["İstanbul"]);
    expect(again.tags).toEqual(["İstanbul"]);
    const beside = await ingestTagged(["İstanbul", "harbour"]);
    expect([...beside.tags].sort()).toEqual(["harbour", "İstanbul"]);
    expect(await tagRows([tagKey("İstanbul")])).toEqual([{ name: "İstanbul" }]);
  });

  it("makes NFC and NFD café one tag, and the filter in either spelling finds both images", async () => {
    const first = await ingestTagged([NFC]);
    const second = await ingestTagged([NFD]);
    expect(await tagRows([tagKey(NFC)])).toEqual([{ name: NFC }]);
    for (const spelling of [NFC, NFD, "CAFÉ"]) {
      const page = await listImages(deps, listImagesQuerySchema.parse({ tag: spelling }));
      if (!page.ok) throw new Error(JSON.stringify(page.error));
      expect(page.value.items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
    }
  });

  it("refuses an admin's tag whose name folds onto an existing one, as a conflict", async () => {
    const created = await saveTag(context.db, { name: "Blüte", kind: "label", color: null, hotkey: null });
    expect(created.ok).toBe(true);
    const clash = await saveTag(context.db, {
      name: "BLU\u0308TE",
      kind: "label",
      color: null,
      hotkey: null,
    });
    expect(clash).toEqual({
      ok: false,
      error: { code: "conflict", message: "A tag named “BLU\u0308TE” already exists" },
    });
  });

  it("creates one tag when many ingests name it at once in different spellings", async () => {
    for (let round = 0; round < 8; round += 1) {
      const name = `race-${round}-caf\u00e9`;
      const spellings = [
        name,
        name.normalize("NFD"),
        name.toUpperCase(),
        name.normalize("NFD").toUpperCase(),
      ];
      const stored = await Promise.all(spellings.map((spelling) => ingestTagged([spelling])));
      const rows = await context.db
        .select({ id: tags.id })
        .from(tags)
        .where(eq(tags.foldedName, tagKey(name)));
      expect(rows).toHaveLength(1);
      const tagged = await context.db
        .select({ imageId: imageTags.imageId })
        .from(imageTags)
        .where(eq(imageTags.tagId, rows[0]?.id ?? ""));
      expect(tagged).toHaveLength(stored.length);
    }
  });
});
