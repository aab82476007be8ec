// A job worker process for the fault scenarios (lib/jobs/job-worker.faults.test.ts): the real worker and the real
// image handlers, configured from the environment, with every derivation recorded in the test's `job_runs` table
// as it starts. JOB_HOLD_MS holds each derivation that long before it works, so a SIGKILL lands mid-job. Prints
// "ready" once it takes jobs. Run with node --import tsx --conditions=react-server, as the CLI is.
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { createImageJobHandlers } from "@/lib/images/derive/image-jobs";
import { startJobWorker } from "@/lib/jobs/job-worker";
import { DERIVE_QUEUE } from "@/lib/jobs/queues";
import { surviveLostConnections } from "@/lib/jobs/survive-lost-connections";
import { closeStorage, createStorage } from "@/lib/storage/storage";

surviveLostConnections();
const config = getConfig();
const db = createDatabase({ ...config.database, poolMax: 4 });
const storage = createStorage(config);
const handlers = createImageJobHandlers({ db, storage, limits: config.limits });
const holdMs = Number(process.env.JOB_HOLD_MS || 0);
const worker = await startJobWorker({
  databaseUrl: config.database.url,
  concurrency: config.workerConcurrency ?? 2,
  maintenanceIntervalSeconds: 1,
  handlers: {
    ...handlers,
    [DERIVE_QUEUE]: async (data) => {
      const { imageId } = data as { imageId: string };
      await db.execute(sql`insert into job_runs (image_id, pid) values (${imageId}, ${process.pid})`);
      if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
      await handlers[DERIVE_QUEUE](data);
    },
  },
});
console.log("ready");
process.on("SIGTERM", async () => {
  await worker.stop();
  closeStorage(storage);
  await closeDatabase(db);
  process.exit(0);
});
