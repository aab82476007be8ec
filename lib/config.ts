import { isIP } from "node:net";
import { z } from "zod";

/**
 * The one place that reads process.env. Parsed once, on first use; `instrumentation.ts` touches it at boot
 * so a bad deployment fails before serving a request, naming every wrong variable at once.
 */

const emptyAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());
const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUnset,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
      .optional()
      .transform((value) => (value === undefined ? fallback : ["true", "1", "yes"].includes(value))),
  );
const positiveInt = (fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().positive().default(fallback));

const postgresUrl = z
  .string({ message: "is required (a postgres:// connection string)" })
  .refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value) && URL.canParse(value), {
    message: "must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/lightbox",
  });

const httpUrl = z.string().refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), {
  message: "must be an http:// or https:// URL",
});

/**
 * none: no proxy; the address is the one `npm start` records from the connection. vercel: Vercel's x-real-ip.
 * A number: that many proxies each append to X-Forwarded-For. A CIDR list: proxies at those addresses.
 */
export type TrustProxy =
  | { kind: "none" }
  | { kind: "vercel" }
  | { kind: "hops"; hops: number }
  | { kind: "cidrs"; cidrs: readonly string[] };

const trustProxySchema = z.string().transform((value, ctx): TrustProxy => {
  const text = value.trim().toLowerCase();
  if (text === "none" || text === "false" || text === "0") return { kind: "none" };
  if (text === "vercel") return { kind: "vercel" };
  if (/^[1-9]\d{0,2}$/.test(text)) return { kind: "hops", hops: Number(text) };
  const cidrs = text.split(",").map((entry) => entry.trim());
  if (cidrs.every(isCidr)) return { kind: "cidrs", cidrs: Object.freeze(cidrs) };
  ctx.addIssue({
    code: "custom",
    message: "must be none, vercel, a proxy count (1) or addresses/CIDRs (10.0.0.0/8,fd00::/8)",
  });
  return z.NEVER;
});

function isCidr(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyAsUnset,
      z.enum(["development", "production", "test"]).default("development"),
    ),
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    APP_URL: z.preprocess(emptyAsUnset, httpUrl),
    AUTH_SECRET: z.preprocess(
      emptyAsUnset,
      z.string({ message: "is required (32+ random characters)" }).min(32, "must be at least 32 characters"),
    ),

    DATABASE_URL: z.preprocess(emptyAsUnset, postgresUrl),
    DATABASE_POOL_MAX: positiveInt(10),
    // Transaction-mode poolers (PgBouncer, Supavisor, Railway's pooler) cannot keep prepared statements.
    DATABASE_PREPARED_STATEMENTS: booleanFlag(true),

    S3_ENDPOINT: z.preprocess(emptyAsUnset, httpUrl.optional()),
    S3_REGION: z.preprocess(emptyAsUnset, z.string().default("us-east-1")),
    S3_BUCKET: z.preprocess(
      emptyAsUnset,
      z
        .string({ message: "is required (the bucket that holds every image's bytes)" })
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name"),
    ),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: booleanFlag(false),
    // Where browsers reach the store, when it differs from where the app does (docker-compose: minio:9000
    // inside, localhost:9000 outside). Presigned URLs are signed for this host.
    S3_PUBLIC_ENDPOINT: z.preprocess(emptyAsUnset, httpUrl.optional()),

    CDN_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
    CDN_KEY_PAIR_ID: optionalString,
    CDN_PRIVATE_KEY: optionalString,
    SIGNED_URL_TTL_SECONDS: positiveInt(3600),

    // Sign-in rate limits: failures counted per account and per IP address over this window.
    LOGIN_RATE_WINDOW_SECONDS: positiveInt(900),
    // Which forwarding headers name the client's address (rate limits, API key "last used from").
    TRUST_PROXY: z.preprocess(emptyAsUnset, trustProxySchema.optional()),
    // Set to "1" by Vercel itself; without TRUST_PROXY the app then trusts Vercel's own header.
    VERCEL: optionalString,
    // Where the app runs; `vercel` refuses request bodies over Vercel's 4.5 MB limit with a pointer to direct
    // upload, instead of letting the platform answer with a bare error. Default: vercel when VERCEL=1, else node.
    DEPLOY_TARGET: z.preprocess(emptyAsUnset, z.enum(["node", "vercel"]).optional()),
    // How long one request works on building a dataset export before it answers "still building" (the next
    // request continues where it stopped). Default: 240 on vercel (its functions stop at 300 s), else no limit.
    EXPORT_SLICE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().positive().optional()),
    GITHUB_CLIENT_ID: optionalString,
    GITHUB_CLIENT_SECRET: optionalString,
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,

    MAX_UPLOAD_BYTES: positiveInt(50 * 1024 * 1024),
    MAX_IMAGE_PIXELS: positiveInt(100_000_000),
    // Images waiting for a worker (variants not made yet) beyond which new posts are answered 503 + Retry-After.
    INGEST_BACKLOG_LIMIT: positiveInt(200),
    // New images one web process stores at once (lib/images/ingest/ingest-gate.ts); the others wait their turn.
    INGEST_CONCURRENCY: positiveInt(2),
    // Under `npm start`: `process` stores the API's image posts in a second server process at a lower CPU priority
    // (lib/http/doors/ingest-lane.ts), so reviewers' requests never wait behind image work; `inline` in the one.
    INGEST_LANE: z.preprocess(emptyAsUnset, z.enum(["process", "inline"]).default("process")),
    // Jobs one worker process runs at once; default: one per CPU (each job decodes on one libvips thread).
    WORKER_CONCURRENCY: z.preprocess(emptyAsUnset, z.coerce.number().int().positive().max(64).optional()),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with its pair" });
    }
    if (Boolean(env.CDN_KEY_PAIR_ID) !== Boolean(env.CDN_PRIVATE_KEY)) {
      const missing = env.CDN_KEY_PAIR_ID ? "CDN_PRIVATE_KEY" : "CDN_KEY_PAIR_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with its pair" });
    }
    if (env.CDN_KEY_PAIR_ID && !env.CDN_URL) {
      ctx.addIssue({ code: "custom", path: ["CDN_URL"], message: "is required when CDN_KEY_PAIR_ID is set" });
    }
    for (const provider of ["GITHUB", "GOOGLE"] as const) {
      if (Boolean(env[`${provider}_CLIENT_ID`]) !== Boolean(env[`${provider}_CLIENT_SECRET`])) {
        const missing = env[`${provider}_CLIENT_ID`] ? `${provider}_CLIENT_SECRET` : `${provider}_CLIENT_ID`;
        ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with its pair" });
      }
    }
    if (env.SIGNED_URL_TTL_SECONDS < 120) {
      ctx.addIssue({ code: "custom", path: ["SIGNED_URL_TTL_SECONDS"], message: "must be at least 120" });
    }
  });

export type Env = z.output<typeof envSchema>;

export type Config = Readonly<{
  nodeEnv: Env["NODE_ENV"];
  logLevel: Env["LOG_LEVEL"];
  appUrl: string;
  authSecret: string;
  database: Readonly<{ url: string; poolMax: number; preparedStatements: boolean }>;
  s3: Readonly<S3Settings>;
  cdn: Readonly<{ url: string; keyPairId?: string; privateKey?: string }> | null;
  signedUrlTtlSeconds: number;
  limits: Readonly<{
    maxUploadBytes: number;
    maxImagePixels: number;
    ingestBacklog: number;
    ingestConcurrency: number;
  }>;
  ingestLane: "process" | "inline";
  /** null: as many jobs at once as the machine has CPUs. */
  workerConcurrency: number | null;
  deployTarget: "node" | "vercel";
  /** null: an export is built in one request, however long it takes. */
  exportSliceMs: number | null;
  trustProxy: Readonly<TrustProxy>;
  auth: Readonly<{
    loginRateWindowSeconds: number;
    github: Readonly<{ clientId: string; clientSecret: string }> | null;
    google: Readonly<{ clientId: string; clientSecret: string }> | null;
  }>;
}>;

export type S3Settings = {
  endpoint?: string;
  publicEndpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws ConfigError naming each missing or bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "env"} ${issue.message}`),
    );
  }
  const env = parsed.data;
  const deployTarget = env.DEPLOY_TARGET ?? (env.VERCEL === "1" ? "vercel" : "node");
  const exportSliceSeconds = env.EXPORT_SLICE_SECONDS ?? (deployTarget === "vercel" ? 240 : null);
  return Object.freeze({
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    appUrl: env.APP_URL.replace(/\/$/, ""),
    authSecret: env.AUTH_SECRET,
    database: Object.freeze({
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    }),
    s3: Object.freeze({
      endpoint: env.S3_ENDPOINT,
      publicEndpoint: env.S3_PUBLIC_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    }),
    cdn: env.CDN_URL
      ? Object.freeze({
          url: env.CDN_URL.replace(/\/$/, ""),
          keyPairId: env.CDN_KEY_PAIR_ID,
          privateKey: env.CDN_PRIVATE_KEY,
        })
      : null,
    signedUrlTtlSeconds: env.SIGNED_URL_TTL_SECONDS,
    limits: Object.freeze({
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxImagePixels: env.MAX_IMAGE_PIXELS,
      ingestBacklog: env.INGEST_BACKLOG_LIMIT,
      ingestConcurrency: env.INGEST_CONCURRENCY,
    }),
    workerConcurrency: env.WORKER_CONCURRENCY ?? null,
    ingestLane: env.INGEST_LANE,
    deployTarget,
    exportSliceMs: exportSliceSeconds === null ? null : exportSliceSeconds * 1000,
    trustProxy: Object.freeze(env.TRUST_PROXY ?? { kind: env.VERCEL === "1" ? "vercel" : "none" }),
    auth: Object.freeze({
      loginRateWindowSeconds: env.LOGIN_RATE_WINDOW_SECONDS,
      github: oauthPair(env.GITHUB_CLIENT_ID, env.GITHUB_CLIENT_SECRET),
      google: oauthPair(env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET),
    }),
  });
}

/**
 * The logger's settings alone, readable before (or without) a valid configuration: the logger must work even
 * then. Lines are JSON (for log shippers) unless this is development, where people read them: pretty then.
 */
export function getLogSettings(): { level: Env["LOG_LEVEL"]; pretty: boolean } {
  const level = envSchema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  const nodeEnv = envSchema.shape.NODE_ENV.safeParse(process.env.NODE_ENV);
  return {
    level: level.success ? level.data : "info",
    pretty: nodeEnv.success && nodeEnv.data === "development",
  };
}

function oauthPair(clientId?: string, clientSecret?: string) {
  return clientId && clientSecret ? Object.freeze({ clientId, clientSecret }) : null;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
