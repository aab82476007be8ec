import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/setup/migrate-database";

describe("migration 0011_critics", () => {
  it("keeps critiques stored under the old 0–5 check valid: normalised score / 5, older duplicates become history", async () => {
    const stack = inject("testStack");
    const name = `m_${randomBytes(6).toString("hex")}`;
    const admin = postgres(stack.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(stack.postgresUrl);
    url.pathname = `/${name}`;
    // The migrations before this one: a copy of the folder whose journal stops at 0010.
    const before = await mkdtemp(path.join(os.tmpdir(), "lightbox-migrations-"));
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await cp(MIGRATIONS_FOLDER, before, { recursive: true });
      const journalPath = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
      const index = journal.entries.findIndex((entry) => entry.tag === "0011_critics");
      journal.entries = journal.entries.slice(0, index);
      await writeFile(journalPath, JSON.stringify(journal));
      await migrateDatabase(url.toString(), before);

      const [image] =
        await client`insert into images (sha256, bucket, object_key, content_type, byte_size, width,
          height, source) values (${"a".repeat(64)}, 'b', 'originals/aa/x.png', 'image/png', 1, 1, 1, 'api')
        returning id`;
      await client`insert into critiques (image_id, critic, critic_version, score, decision, created_at) values
        (${image?.id}, 'old', '1', 4.5, 'skip', now() - interval '2 hours'),
        (${image?.id}, 'old', '1', 2, null, now() - interval '1 hour'),
        (${image?.id}, 'other', '1', null, 'approve', now())`;

      await migrateDatabase(url.toString());
      const rows = await client`select critic, score, scale, score_normalized, is_current,
          superseded_at is not null as superseded from critiques order by critic, created_at`;
      expect(rows.map((row) => ({ ...row }))).toEqual([
        {
          critic: "old",
          score: 4.5,
          scale: null,
          score_normalized: 0.9,
          is_current: false,
          superseded: true,
        },
        { critic: "old", score: 2, scale: null, score_normalized: 0.4, is_current: true, superseded: false },
        {
          critic: "other",
          score: null,
          scale: null,
          score_normalized: null,
          is_current: true,
          superseded: false,
        },
      ]);
      // Scores outside 0–5 are no longer refused by the old check; a second current row is.
      await client`insert into critiques (image_id, critic, critic_version, score, scale, score_normalized)
        values (${image?.id}, 'new', '1', 80, '0-100', 0.8)`;
      await expect(
        client`insert into critiques (image_id, critic, critic_version, score, scale, score_normalized)
          values (${image?.id}, 'new', '1', 90, '0-100', 0.9)`,
      ).rejects.toMatchObject({ constraint_name: "critiques_current_key" });
    } finally {
      await client.end();
      await rm(before, { recursive: true, force: true });
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });
});
