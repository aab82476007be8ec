import path from "node:path";
import { type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { choosePort, findFreePort, isPortFree } from "./ports";
import { type RunningS3, startS3Server } from "./s3-server";

const LOCAL_BUCKET = "lightbox";

export type LocalStack = {
  /** Variables to add to the app's environment for the services that were started here. */
  env: Record<string, string>;
  postgres: RunningPostgres | null;
  s3: RunningS3 | null;
  stop: () => Promise<void>;
};

/**
 * Starts what the environment does not provide: an embedded Postgres unless DATABASE_URL is set, a local
 * S3 server unless S3_BUCKET is set. Data stays under `dataDir`, so a restart keeps everything.
 */
export async function startLocalStack(options: {
  dataDir: string;
  needPostgres: boolean;
  needS3: boolean;
  /** The app's origin: the only web origin the local S3 server answers CORS for (none: no browser at all). */
  appOrigin?: string;
  preferredPorts?: { postgres: number; s3: number };
}): Promise<LocalStack> {
  const ports = options.preferredPorts ?? { postgres: 54_329, s3: 54_330 };
  const env: Record<string, string> = {};
  let postgres: RunningPostgres | null = null;
  let s3: RunningS3 | null = null;
  const stop = async () => {
    await s3?.stop();
    await postgres?.stop();
  };
  try {
    if (options.needPostgres) {
      postgres = await startOnSomePort(ports.postgres, (port) =>
        startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "postgres"), port }),
      );
      env.DATABASE_URL = postgres.url;
    }
    if (options.needS3) {
      s3 = await startOnSomePort(ports.s3, (port) =>
        startS3Server({
          directory: path.join(options.dataDir, "s3"),
          port,
          bucket: LOCAL_BUCKET,
          appOrigin: options.appOrigin,
        }),
      );
      Object.assign(env, {
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: s3.region,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: "true",
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, postgres, s3, stop };
}

const START_ATTEMPTS = 5;

/**
 * Starts a server on `preferred` when it is free (stable URLs across restarts), else on any free port. A port free
 * when checked can be taken before the server binds it (another `npm start` launched at the same moment): when the
 * start fails and its port is no longer free, it starts again on another one.
 */
async function startOnSomePort<T>(preferred: number, start: (port: number) => Promise<T>): Promise<T> {
  let port = await choosePort(preferred);
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(port);
    } catch (error) {
      if (attempt >= START_ATTEMPTS || (await isPortFree(port))) throw error;
      port = await findFreePort();
    }
  }
}
