import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/setup/migrate-database";
import { tagKey } from "@/lib/tags/tag-key";

describe("migration 0015_tag_folded_names", () => {
  it("gives every tag its folded key and merges the NFC and NFD spellings lower() kept apart", async () => {
    const stack = inject("testStack");
    const name = `m_${randomBytes(6).toString("hex")}`;
    const admin = postgres(stack.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(stack.postgresUrl);
    url.pathname = `/${name}`;
    const before = await mkdtemp(path.join(os.tmpdir(), "lightbox-migrations-"));
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await cp(MIGRATIONS_FOLDER, before, { recursive: true });
      const journalPath = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
      journal.entries = journal.entries.slice(
        0,
        journal.entries.findIndex((entry) => entry.tag === "0015_tag_folded_names"),
      );
      await writeFile(journalPath, JSON.stringify(journal));
      await migrateDatabase(url.toString(), before);

      const imageIds: string[] = [];
      for (const digit of ["a", "b"]) {
        const [image] = await client`insert into images (sha256, bucket, object_key, content_type, byte_size,
          width, height, source) values (${digit.repeat(64)}, 'b', ${`originals/${digit}${digit}/x.png`},
          'image/png', 1, 1, 1, 'api') returning id`;
        imageIds.push(image?.id);
      }
      const [nfc] = await client`insert into tags (name, created_at)
        values (${"Caf\u00e9"}, now() - interval '1 hour') returning id`;
      const [nfd] = await client`insert into tags (name) values (${"cafe\u0301"}) returning id`;
      await client`insert into tags (name) values ('Blurry')`;
      await client`insert into image_tags (image_id, tag_id) values
        (${imageIds[0] ?? ""}, ${nfc?.id}), (${imageIds[1] ?? ""}, ${nfd?.id})`;

      await migrateDatabase(url.toString());
      const rows = await client`select id, name, folded_name from tags order by name`;
      expect(rows.map((row) => ({ ...row }))).toEqual([
        { id: expect.any(String), name: "Blurry", folded_name: "blurry" },
        { id: nfc?.id, name: "Caf\u00e9", folded_name: tagKey("café") },
      ]);
      const tagged =
        await client`select image_id from image_tags where tag_id = ${nfc?.id} order by image_id`;
      expect(tagged.map((row) => row.image_id)).toEqual([...imageIds].sort());
    } finally {
      await client.end();
      await rm(before, { recursive: true, force: true });
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });
});
