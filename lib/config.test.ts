import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

const valid = {
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "x".repeat(32),
  DATABASE_URL: "postgres://u:p@localhost:5432/lightbox",
  S3_BUCKET: "lightbox",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseConfig", () => {
  it("accepts the minimal configuration and fills defaults", () => {
    const config = parseConfig(valid);
    expect(config.database).toEqual({ url: valid.DATABASE_URL, poolMax: 10, preparedStatements: true });
    expect(config.s3).toMatchObject({ bucket: "lightbox", region: "us-east-1", forcePathStyle: false });
    expect(config.limits).toEqual({
      maxUploadBytes: 50 * 1024 * 1024,
      maxImagePixels: 100_000_000,
      ingestBacklog: 200,
      ingestConcurrency: 2,
    });
    expect(config.cdn).toBeNull();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("names DATABASE_URL when it is not a postgres URL", () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: "nope" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL must be a postgres:\/\//);
  });

  it("names every missing variable at once and treats empty strings as unset", () => {
    const problems = problemsOf({ APP_URL: "", S3_REGION: "" });
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual([
      "APP_URL",
      "AUTH_SECRET",
      "DATABASE_URL",
      "S3_BUCKET",
    ]);
  });

  it("turns off prepared statements for transaction-mode poolers", () => {
    expect(parseConfig({ ...valid, DATABASE_PREPARED_STATEMENTS: "false" }).database.preparedStatements).toBe(
      false,
    );
    expect(problemsOf({ ...valid, DATABASE_PREPARED_STATEMENTS: "maybe" })).toEqual([
      "DATABASE_PREPARED_STATEMENTS must be true or false",
    ]);
  });

  it("requires credential and CDN key pairs to come together", () => {
    expect(problemsOf({ ...valid, S3_ACCESS_KEY_ID: "id" })).toEqual([
      "S3_SECRET_ACCESS_KEY must be set together with its pair",
    ]);
    expect(problemsOf({ ...valid, CDN_KEY_PAIR_ID: "K1", CDN_PRIVATE_KEY: "pem" })).toEqual([
      "CDN_URL is required when CDN_KEY_PAIR_ID is set",
    ]);
    const cdn = parseConfig({
      ...valid,
      CDN_URL: "https://cdn.example.com/",
      CDN_KEY_PAIR_ID: "K1",
      CDN_PRIVATE_KEY: "pem",
    }).cdn;
    expect(cdn).toEqual({ url: "https://cdn.example.com", keyPairId: "K1", privateKey: "pem" });
  });

  it("rejects a short AUTH_SECRET and a bad bucket name", () => {
    expect(problemsOf({ ...valid, AUTH_SECRET: "short", S3_BUCKET: "Bad_Bucket" })).toEqual([
      "AUTH_SECRET must be at least 32 characters",
      "S3_BUCKET must be a valid S3 bucket name",
    ]);
  });
});

describe("TRUST_PROXY", () => {
  it("trusts no forwarding header by default, and Vercel's own when Vercel says it runs the app", () => {
    expect(parseConfig(valid).trustProxy).toEqual({ kind: "none" });
    expect(parseConfig({ ...valid, VERCEL: "1" }).trustProxy).toEqual({ kind: "vercel" });
    expect(parseConfig({ ...valid, VERCEL: "1", TRUST_PROXY: "none" }).trustProxy).toEqual({ kind: "none" });
  });

  it("reads a proxy count or a list of proxy addresses and CIDRs", () => {
    expect(parseConfig({ ...valid, TRUST_PROXY: "2" }).trustProxy).toEqual({ kind: "hops", hops: 2 });
    expect(parseConfig({ ...valid, TRUST_PROXY: "10.0.0.0/8, 192.168.1.7,fd00::/8" }).trustProxy).toEqual({
      kind: "cidrs",
      cidrs: ["10.0.0.0/8", "192.168.1.7", "fd00::/8"],
    });
  });

  it.each(["yes", "10.0.0.0/33", "10.0.0/8", "fd00::/129", "10.0.0.1/8/8", "*"])("refuses %j", (value) => {
    expect(problemsOf({ ...valid, TRUST_PROXY: value })).toEqual([
      "TRUST_PROXY must be none, vercel, a proxy count (1) or addresses/CIDRs (10.0.0.0/8,fd00::/8)",
    ]);
  });
});

describe("DEPLOY_TARGET", () => {
  it("is node by default, vercel when Vercel runs the app, and refuses anything else", () => {
    expect(parseConfig(valid).deployTarget).toBe("node");
    expect(parseConfig({ ...valid, VERCEL: "1" }).deployTarget).toBe("vercel");
    expect(parseConfig({ ...valid, DEPLOY_TARGET: "vercel" }).deployTarget).toBe("vercel");
    expect(problemsOf({ ...valid, DEPLOY_TARGET: "lambda" })[0]).toMatch(/^DEPLOY_TARGET /);
  });
});

describe(".env.example", () => {
  it("lists every variable the schema reads", async () => {
    const { readFile } = await import("node:fs/promises");
    const { envSchema } = await import("./config");
    const example = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    // NODE_ENV and VERCEL are set by the platform, not by people.
    const read = Object.keys(envSchema.shape).filter((name) => name !== "NODE_ENV" && name !== "VERCEL");
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });
});
