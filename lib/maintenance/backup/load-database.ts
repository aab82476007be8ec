import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";
import type { BackupManifest } from "./backup-manifest";
import { MIGRATION_SEEDED_TABLES } from "./check-restore-target";
import { quoteIdentifier } from "./list-tables";

/** Loads every table with `COPY … FROM STDIN` in one transaction (all or nothing), then the sequences. */
export async function loadDatabase(sql: postgres.Sql, dir: string, manifest: BackupManifest): Promise<void> {
  await sql.begin(async (tx) => {
    for (const table of [...manifest.tables].reverse()) {
      if (MIGRATION_SEEDED_TABLES.includes(table.name))
        await tx.unsafe(`delete from ${quoteIdentifier(table.name)}`);
    }
    for (const table of manifest.tables) {
      const columnList = table.columns.map(quoteIdentifier).join(", ");
      const target = await tx
        .unsafe(`copy ${quoteIdentifier(table.name)} (${columnList}) from stdin`)
        .writable();
      await pipeline(createReadStream(path.join(dir, table.file)), target);
    }
    for (const sequence of manifest.sequences) {
      if (sequence.lastValue === null) continue;
      await tx`select setval(${quoteIdentifier(sequence.name)}::regclass, ${sequence.lastValue}::bigint, true)`;
    }
  });
}
