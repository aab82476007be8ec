import path from "node:path";
import { type Config, ConfigError, parseConfig } from "@/lib/config";
import { findRunningInstance } from "@/lib/local-stack/instance-lock";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The configuration for operator commands: the environment, completed by the local stack of a running
 * `npm start` (its embedded Postgres and S3) when DATABASE_URL / S3_BUCKET are not set.
 */
export async function loadCliConfig(): Promise<Config> {
  const env = { ...process.env };
  const needsLocalStack = !env.DATABASE_URL?.trim() || !env.S3_BUCKET?.trim();
  if (needsLocalStack) {
    const running = await findRunningInstance(path.resolve(ROOT, env.LIGHTBOX_DATA_DIR || ".data"));
    if (!running?.services) {
      throw new ConfigError([
        "DATABASE_URL / S3_BUCKET are not set and no `npm start` is running from this folder: start Lightbox first, or set them",
      ]);
    }
    for (const [name, value] of Object.entries(running.services)) if (!env[name]?.trim()) env[name] = value;
    env.APP_URL ||= running.url;
    // Commands never sign sessions; a placeholder satisfies the schema without reading the app's secret.
    env.AUTH_SECRET ||= "cli-does-not-sign-sessions-0000000000";
  }
  return parseConfig(env);
}
