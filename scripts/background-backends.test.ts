import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { isOnThisMachine, lowerBackend, lowerBackgroundBackends } from "./background-backends";
import { BACKGROUND_APPLICATION_NAME, BACKGROUND_NICENESS } from "./background-priority";

const { postgresUrl } = inject("testStack");
const connections: postgres.Sql[] = [];

/** A connection named as a background process's (or another) and the pid of the backend serving it. */
async function backendOf(applicationName: string): Promise<number> {
  const sql = postgres(postgresUrl, { max: 1, connection: { application_name: applicationName } });
  connections.push(sql);
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  return row?.pid ?? 0;
}

const nicenessOf = (pid: number) => os.getPriority(pid);
const autogroupOf = (pid: number) => readFileSync(`/proc/${pid}/autogroup`, "utf8").trim();
// Renicing another user's process needs root; the embedded Postgres of a developer's machine runs as the developer.
const mayRenice = (pid: number) =>
  process.getuid?.() === 0 ||
  readFileSync(`/proc/${pid}/status`, "utf8").match(/^Uid:\s+(\d+)/m)?.[1] === String(process.getuid?.());

afterAll(async () => {
  await Promise.all(connections.map((sql) => sql.end({ timeout: 2 })));
});

describe.runIf(existsSync("/proc/self/stat"))("lowerBackgroundBackends", () => {
  it("lowers the backends of background connections, group included, and no other", async (context) => {
    const [background, other] = [
      await backendOf(BACKGROUND_APPLICATION_NAME),
      await backendOf("lightbox-test"),
    ];
    // TEST_DATABASE_URL on another machine, or a Postgres of another user: reported as skipped, not passed.
    if (!isOnThisMachine(postgresUrl) || !mayRenice(background)) context.skip();
    const [otherNiceness, otherGroup] = [nicenessOf(other), autogroupOf(other)];
    const lowering = lowerBackgroundBackends({ url: postgresUrl, preparedStatements: true });
    try {
      await expect.poll(() => nicenessOf(background), { timeout: 10_000 }).toBe(BACKGROUND_NICENESS);
      // Postgres starts each backend in a session of its own: under autogroup scheduling that is its own group.
      expect(autogroupOf(background)).toMatch(new RegExp(`nice ${BACKGROUND_NICENESS}$`));
      expect(nicenessOf(other)).toBe(otherNiceness);
      expect(autogroupOf(other)).toBe(otherGroup);
    } finally {
      await lowering.stop();
    }
  });

  it("leaves backends alone behind a transaction-mode pooler, where they serve every client in turn", async () => {
    const background = await backendOf(BACKGROUND_APPLICATION_NAME);
    const before = nicenessOf(background);
    const lowering = lowerBackgroundBackends({ url: postgresUrl, preparedStatements: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lowering.stop();
    expect(nicenessOf(background)).toBe(before);
  });

  it("renices only Postgres processes: a pid that is another program's is left alone", () => {
    const before = nicenessOf(process.pid);
    expect(lowerBackend(process.pid, BACKGROUND_NICENESS)).toBe("gone");
    expect(nicenessOf(process.pid)).toBe(before);
    expect(lowerBackend(2 ** 22 + 1, BACKGROUND_NICENESS)).toBe("gone");
  });

  it("acts only on a database on this machine", () => {
    expect(isOnThisMachine("postgres://u:p@127.0.0.1:5432/db")).toBe(true);
    expect(isOnThisMachine("postgres://u:p@localhost/db")).toBe(true);
    expect(isOnThisMachine("postgres://u:p@[::1]:5432/db")).toBe(true);
    expect(isOnThisMachine("postgres:///db?host=/var/run/postgresql")).toBe(true);
    expect(isOnThisMachine("postgres://u:p@db.railway.internal:5432/db")).toBe(false);
    expect(isOnThisMachine("postgres://u:p@10.0.0.5/db")).toBe(false);
    expect(isOnThisMachine("not a url")).toBe(false);
  });
});
