import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import type { BackupManifest, BackupTable } from "./backup-manifest";
import { listTables, quoteIdentifier } from "./list-tables";
import { dumpSnapshotWithPgDump } from "./pg-dump-snapshot";

export type DatabaseDump = Pick<BackupManifest, "migrations" | "tables" | "sequences" | "pgDump"> & {
  /** Every bucket key the dumped rows name, sorted. */
  objectKeys: string[];
};

/**
 * Dumps every table with `COPY … TO STDOUT` inside ONE repeatable-read, read-only transaction, so the
 * files, the sequence values and the object keys all describe the same instant while the app keeps
 * writing. Independent of drizzle and of the pg_dump version on the PATH (Debian's is older than the
 * server here; pg_dump refuses newer servers).
 */
export async function dumpDatabase(
  databaseUrl: string,
  dir: string,
  relativeDir: string,
): Promise<DatabaseDump> {
  await mkdir(path.join(dir, relativeDir), { recursive: true });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin("isolation level repeatable read read only", async (tx) => {
      const shapes = await listTables(tx);
      const migrations = await tx<{ hash: string }[]>`
        select hash from drizzle.__drizzle_migrations order by created_at, id`;
      const tables: BackupTable[] = [];
      const objectKeys = new Set<string>();
      for (const shape of shapes) {
        const file = path.posix.join(relativeDir, `${shape.name}.copy`);
        const columnList = shape.columns.map(quoteIdentifier).join(", ");
        const stream = await tx
          .unsafe(`copy ${quoteIdentifier(shape.name)} (${columnList}) to stdout`)
          .readable();
        const counted = countAndHash();
        await pipeline(stream, counted.transform, createWriteStream(path.join(dir, file)));
        tables.push({ name: shape.name, columns: shape.columns, file, ...counted.result() });
        for (const column of shape.objectKeyColumns) {
          const rows = await tx.unsafe<{ key: string }[]>(
            `select distinct ${quoteIdentifier(column)} as key from ${quoteIdentifier(shape.name)} where ${quoteIdentifier(column)} is not null`,
          );
          for (const row of rows) objectKeys.add(row.key);
        }
      }
      const sequences = await tx<{ name: string; lastValue: string | null }[]>`
        select sequencename as name, last_value::text as "lastValue"
        from pg_sequences where schemaname = 'public' order by sequencename`;
      // pg_dump joins this transaction's snapshot, so it must run while the transaction is still open.
      const [exported] = await tx<{ snapshot: string; major: number }[]>`
        select pg_export_snapshot() as snapshot, current_setting('server_version_num')::int / 10000 as major`;
      const pgDump = await dumpSnapshotWithPgDump({
        databaseUrl,
        serverMajor: exported?.major ?? 0,
        snapshot: exported?.snapshot ?? "",
        dir,
        file: path.posix.join(relativeDir, "database.pgdump"),
      });
      return {
        pgDump,
        migrations: migrations.map((row) => row.hash),
        tables,
        sequences: [...sequences],
        objectKeys: [...objectKeys].sort(),
      };
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** COPY text format writes one line per row (newlines inside values are escaped as \n). */
function countAndHash() {
  const hash = createHash("sha256");
  let rows = 0;
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 0x0a) rows += 1;
      callback(null, chunk);
    },
  });
  return { transform, result: () => ({ rows, bytes, sha256: hash.digest("hex") }) };
}
