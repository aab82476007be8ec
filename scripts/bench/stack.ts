// The throwaway in-process stack the benchmarks run on: embedded Postgres + local S3 on free ports, migrated, with
// the bucket created, and the app's own config, db and storage built from it.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { type Config, parseConfig } from "@/lib/config";
import { closeDatabase, createDatabase, type Database } from "@/lib/db/client";
import { startLocalStack } from "@/lib/local-stack/local-stack";
import { findFreePort } from "@/lib/local-stack/ports";
import { prepareServices } from "@/lib/setup/prepare-services";
import { createStorage, type Storage } from "@/lib/storage/storage";

/** `env` is what `config` was parsed from: put it in process.env to run route handlers against this stack. */
export type BenchStack = {
  config: Config;
  env: Record<string, string>;
  db: Database;
  storage: Storage;
  stop: () => Promise<void>;
};

export async function startBenchStack(scratch: string, options: { poolMax: number }): Promise<BenchStack> {
  const stack = await startLocalStack({
    dataDir: path.join(scratch, "stack"),
    needPostgres: true,
    needS3: true,
    preferredPorts: { postgres: await findFreePort(), s3: await findFreePort() },
  });
  try {
    const env = {
      ...stack.env,
      APP_URL: "http://localhost:3000",
      AUTH_SECRET: randomBytes(24).toString("base64url"),
      LOG_LEVEL: "warn",
      DATABASE_POOL_MAX: String(options.poolMax),
    };
    const config = parseConfig(env);
    await prepareServices(config, { createBucket: true });
    const db = createDatabase(config.database);
    return {
      config,
      env,
      db,
      storage: createStorage(config),
      stop: async () => {
        await closeDatabase(db);
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
