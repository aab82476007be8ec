// No Docker engine runs here, so the compose file is checked statically: the app service must carry every
// variable the app requires, wired to services that exist, and the result must pass the real config schema.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, parseConfig } from "./config";

type Service = {
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  image?: string;
  build?: unknown;
};
const compose = parse(await readFile(path.resolve(import.meta.dirname, "../docker-compose.yml"), "utf8")) as {
  services: Record<string, Service>;
};

/** Resolves compose interpolation as `docker compose` would with only the user-required variables given. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{(\w+)(?::?([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, word?: string) => {
      if (kind === "-") return word ?? "";
      if (kind === "?") return name === "AUTH_SECRET" ? "a-user-supplied-secret-of-32-characters!" : "x";
      return "";
    },
  );
}

function requiredVariables(): string[] {
  try {
    parseConfig({});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.split(" ")[0] ?? "");
  }
  throw new Error("an empty environment should not be a valid configuration");
}

describe("docker-compose.yml", () => {
  const app = compose.services.app;
  const environment = Object.fromEntries(
    Object.entries(app?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]),
  );

  it("has postgres, minio, a one-shot bucket init, the app and its job worker built from the Dockerfile", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "app",
      "minio",
      "minio-init",
      "postgres",
      "worker",
    ]);
    const worker = compose.services.worker as Service & { command?: string[] };
    expect(worker.build).toBe(".");
    expect(worker.command).toEqual(["node", "worker.mjs"]);
    expect(worker.environment).toEqual(app?.environment);
    expect(Number(compose.services.postgres?.image?.split(":")[1])).toBeGreaterThanOrEqual(16);
    expect(app?.build).toBe(".");
    expect(Object.keys(app?.depends_on ?? {}).sort()).toEqual(["minio-init", "postgres"]);
  });

  it("sets every variable the app requires for the app service", () => {
    const required = requiredVariables();
    expect(required.sort()).toEqual(["APP_URL", "AUTH_SECRET", "DATABASE_URL", "S3_BUCKET"]);
    for (const name of required) expect(environment[name], name).toBeTruthy();
  });

  it("passes the app's own configuration schema, pointing at the compose services", () => {
    const config = parseConfig(environment);
    expect(new URL(config.database.url).hostname).toBe("postgres");
    expect(new URL(config.s3.endpoint ?? "").hostname).toBe("minio");
    expect(config.s3).toMatchObject({ bucket: "lightbox", forcePathStyle: true });
    expect(config.s3.accessKeyId).toBe(
      interpolate(String(compose.services.minio?.environment?.MINIO_ROOT_USER)),
    );
    expect(config.s3.secretAccessKey).toBe(
      interpolate(String(compose.services.minio?.environment?.MINIO_ROOT_PASSWORD)),
    );
  });

  it("creates the bucket the app uses", () => {
    const init = JSON.stringify(compose.services["minio-init"]);
    expect(init).toContain(`local/${environment.S3_BUCKET}`);
  });
});
