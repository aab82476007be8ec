// `npm run worker`: runs queued jobs (image derivations, backfill slices) until stopped, at a lower CPU priority
// than the web server. `npm start` runs one beside the app; in production run as many as the load needs, on this
// machine or others (docker-compose `worker` service, a Railway service): they share the queue in Postgres.
import os from "node:os";
import sharp from "sharp";
import { ConfigError, getConfig } from "@/lib/config";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { createImageJobHandlers } from "@/lib/images/derive/image-jobs";
import { type JobWorker, startJobWorker } from "@/lib/jobs/job-worker";
import { surviveLostConnections } from "@/lib/jobs/survive-lost-connections";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { lowerBackgroundBackends } from "./background-backends";
import { BACKGROUND_APPLICATION_NAME, runInBackground } from "./background-priority";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
runInBackground();
surviveLostConnections();
// One libvips thread per job: `concurrency` jobs at once then use `concurrency` cores, no more, and a job's
// decode does not fan out over the cores the web server needs.
sharp.concurrency(1);

let config: ReturnType<typeof getConfig>;
try {
  config = getConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(2);
}
const concurrency = config.workerConcurrency ?? os.availableParallelism();
const db = createDatabase({ ...config.database, poolMax: concurrency + 1 });
const storage = createStorage(config);
const worker = await startWhenReady();
const backends = lowerBackgroundBackends(config.database);
console.log(`[lightbox] worker running ${concurrency} jobs at a time (niceness ${os.getPriority()})`);

let stopping = false;
const stop = () => {
  // A second signal does not wait: the jobs in hand run again elsewhere after their expiry.
  if (stopping) process.exit(1);
  stopping = true;
  void (async () => {
    await worker.stop();
    await backends.stop();
    closeStorage(storage);
    await closeDatabase(db);
    process.exit(0);
  })();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Under `npm start` the launcher names itself: a launcher killed outright (SIGKILL) leaves no worker behind.
const launcherPid = Number(process.env.LIGHTBOX_LAUNCHER_PID);
if (launcherPid > 0) {
  setInterval(() => {
    try {
      process.kill(launcherPid, 0);
    } catch {
      stop();
    }
  }, 2000).unref();
}

/** Waits for the database and the queue schema (a worker may start before the app has migrated). */
async function startWhenReady(): Promise<JobWorker> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startJobWorker({
        databaseUrl: config.database.url,
        concurrency,
        applicationName: BACKGROUND_APPLICATION_NAME,
        handlers: createImageJobHandlers({ db, storage, limits: config.limits }),
      });
    } catch (error) {
      console.error(`[lightbox] worker cannot start yet (${String(error)}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * attempt)));
    }
  }
}
