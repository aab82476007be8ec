import "server-only";
import { createFirstAdmin } from "@/lib/auth/users/create-first-admin";
import type { Config } from "@/lib/config";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { createS3Client, ensureBucket } from "@/lib/storage/s3-client";
import { createDefaultReasons } from "@/lib/tags/create-default-reasons";

export type PreparedServices = { firstAdmin: { email: string; password: string } | null };

/**
 * What must hold before the app serves: schema migrated, bucket present, an admin to sign in with.
 * Idempotent; run by `npm start`, `npm run migrate` (deploys, docker) and the test harness.
 */
export async function prepareServices(
  config: Config,
  options: { createBucket: boolean; migrationsFolder?: string },
): Promise<PreparedServices> {
  await migrateDatabase(config.database.url, options.migrationsFolder);
  if (options.createBucket) {
    const client = createS3Client(config.s3);
    try {
      await ensureBucket({ client, bucket: config.s3.bucket });
    } finally {
      client.destroy();
    }
  }
  const db = createDatabase({ ...config.database, poolMax: 1 });
  try {
    const firstAdmin = await createFirstAdmin(db);
    // A new library: reviewers have reasons (and their keys) from the first minute.
    if (firstAdmin) await createDefaultReasons(db);
    return { firstAdmin };
  } finally {
    await closeDatabase(db);
  }
}
