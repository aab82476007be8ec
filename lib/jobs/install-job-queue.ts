import PgBoss from "pg-boss";
import { JOB_QUEUES, QUEUE_SETTINGS } from "./queues";

/**
 * Installs or upgrades pg-boss's schema (`pgboss`, its own migrations under its own transaction-scoped advisory
 * lock) and creates each queue with its settings, updating them when they changed. Part of the migrate step, on
 * the direct (unpooled) URL like the app's migrations. Idempotent.
 */
export async function installJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 1,
    supervise: false,
    schedule: false,
    application_name: "lightbox-migrate",
  });
  await boss.start();
  try {
    for (const name of JOB_QUEUES) {
      // `short`: one waiting job per singleton key (an image id), so queuing twice is a no-op.
      const settings = { name, policy: "short" as const, ...QUEUE_SETTINGS[name] };
      if (await boss.getQueue(name)) await boss.updateQueue(name, settings);
      else await boss.createQueue(name, settings);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
