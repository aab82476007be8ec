// Runs in the `pooler` project only: proves the API suite beside it really went through PgBouncer in
// transaction mode, with the app's pool settings, and that nothing the app does needs a session.
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage, insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { POOLER_POOL_SIZE } from "./pgbouncer";
import { createTestContext } from "./test-context";

const context = await createTestContext();
const { db, config, stack } = context;
const database = new URL(config.database.url).pathname.slice(1);

describe("the pooler run", () => {
  it("connects through PgBouncer without prepared statements and with a pool of 3", async () => {
    expect(stack.poolerUrl).toBeDefined();
    expect(new URL(config.database.url).port).toBe(new URL(stack.poolerUrl ?? "").port);
    expect(config.database).toMatchObject({ preparedStatements: false, poolMax: 3 });
  });

  it("serves 30 concurrent transactions (advisory xact locks included) on at most 3 server connections", async () => {
    const reviewer = await insertTestReviewer(db);
    const imageIds = await Promise.all(Array.from({ length: 30 }, () => insertTestImage(db)));
    // A burst from more clients than the pool has: several app instances, each with its own small pool.
    const clients = Array.from({ length: 3 }, () =>
      postgres(config.database.url, { max: 3, prepare: false, onnotice: () => {} }),
    );
    try {
      await Promise.all([
        ...imageIds.map((imageId) =>
          recordReview(db, reviewer, { action: "decide", imageId, decision: "approve" }),
        ),
        ...clients.map((sql) => Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.02)`))),
      ]);
    } finally {
      await Promise.all(clients.map((sql) => sql.end()));
    }
    const admin = postgres({ ...adminTarget(), onnotice: () => {} });
    try {
      const pools = await admin.unsafe("show pools").simple();
      const pool = pools.find((row) => row.database === database);
      expect(pool?.pool_mode).toBe("transaction");
      const servers = Number(pool?.sv_active) + Number(pool?.sv_idle) + Number(pool?.sv_used);
      expect(servers).toBeLessThanOrEqual(POOLER_POOL_SIZE);
    } finally {
      await admin.end();
    }
  });
});

function adminTarget() {
  const url = new URL(stack.poolerUrl ?? "");
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: "pgbouncer",
    prepare: false,
    // The admin console answers SHOW commands only, not the type catalogue query postgres.js sends first.
    fetch_types: false,
    max: 1,
  };
}
