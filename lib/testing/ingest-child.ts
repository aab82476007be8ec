// A whole app process for the SIGKILL fault scenario (lib/images/ingest/ingest-kill.faults.test.ts): ingests the file
// named by argv[2] with the configuration from the environment and prints the outcome as one JSON line.
// Run with `tsx --conditions=react-server`, as the CLI is.
import { readFile } from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { createStorage } from "@/lib/storage/storage";

const file = process.argv[2];
if (!file) throw new Error("usage: ingest-child.ts <image file>");
const config = getConfig();
const db = createDatabase(config.database);
const storage = createStorage(config);
const result = await ingestImage(
  { db, storage, limits: config.limits },
  { bytes: new Uint8Array(await readFile(file)), metadata: {}, source: "api" },
);
process.stdout.write(
  `${JSON.stringify(
    result.ok
      ? {
          ok: true,
          image: {
            id: result.value.image.id,
            sha256: result.value.image.sha256,
            object_key: result.value.image.object_key,
          },
        }
      : result,
  )}\n`,
);
await closeDatabase(db);
storage.client.destroy();
