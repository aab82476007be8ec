import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "./local-stack";
import { findFreePort } from "./ports";

const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-stack-"));
// mkdtemp makes it 0700; as root, the embedded Postgres runs as `postgres`, who must enter it.
await chmod(scratch, 0o755);
afterAll(() => rm(scratch, { recursive: true, force: true }));

// Two `npm start`s in two folders launched at the same moment both find the preferred port free, and the slower
// one used to fail ("Postgres did not start…", "S3 server exited… EADDRINUSE").
describe("two local stacks started at the same moment", () => {
  it.each([
    ["Postgres", { needPostgres: true, needS3: false }],
    ["the S3 server", { needPostgres: false, needS3: true }],
  ])("both start %s, on different ports", async (service, needs) => {
    const preferredPorts = { postgres: await findFreePort(), s3: await findFreePort() };
    const start = (name: string) =>
      startLocalStack({ dataDir: path.join(scratch, `${service}-${name}`), ...needs, preferredPorts });
    // The second starts just after the first checked the port (two checks at the very same instant see each
    // other's probe) and long before the first binds it (initdb, or spawning the S3 process, takes longer).
    const started = await Promise.allSettled([
      start("one"),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => start("two")),
    ]);
    const stacks = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    try {
      const outcomes = started.map((result) =>
        result.status === "rejected" ? String(result.reason).slice(0, 200) : "started",
      );
      expect(outcomes).toEqual(["started", "started"]);
      const portOf = (stack: LocalStack) => stack.postgres?.port ?? stack.s3?.port;
      expect(portOf(stacks[0] as LocalStack)).not.toBe(portOf(stacks[1] as LocalStack));
      for (const stack of needs.needPostgres ? stacks : []) {
        const sql = postgres(stack.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
        expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
        await sql.end();
      }
    } finally {
      await Promise.all(stacks.map((stack) => stack.stop()));
    }
  });
});
