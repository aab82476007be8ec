import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postImageCritique } from "@/lib/critics/post-critiques";
import { addDatasetImages } from "@/lib/datasets/add-dataset-images";
import { createDataset } from "@/lib/datasets/create-dataset";
import { collisionError } from "@/lib/db/database-errors";
import { fenceTransactions, runFenced } from "@/lib/db/request-fence";
import { critiques, datasetImages, images, reviews, runs, uploads, users } from "@/lib/db/schema";
import type { UserRole } from "@/lib/enums/roles";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { createRun } from "@/lib/images/runs/runs";
import { makeTestPng } from "@/lib/images/testing/test-images";
import { createUpload } from "@/lib/images/uploads/direct-uploads";
import { recordBulkReview } from "@/lib/review/record-bulk-review";
import { recordReview } from "@/lib/review/record-review";
import { insertTestImage } from "@/lib/review/testing/review-fixtures";
import { undoLastReview } from "@/lib/review/undo-last-review";
import { createTestContext } from "@/lib/testing/test-context";
import { apiKeyFence, sessionFence } from "./credential-fence";
import { createApiKey } from "./keys/api-keys";
import { revokeApiKey } from "./keys/manage-api-keys";
import { changeUserRole, setUserDisabled, signOutEverywhere } from "./users/manage-users";

// A request authenticated just before its credential was withdrawn must not complete a write after the withdrawal
// committed. Each write below runs under the fence a door sets (lib/db/request-fence.ts), on the app's kind of pool
// (every transaction fenced), after the withdrawal: it is refused and changes nothing.
const context = await createTestContext();
const db = fenceTransactions(context.db);
const deps = { db, storage: context.storage, limits: context.config.limits };
const ROUNDS = 20;

/** What a call answered: a Result's error code, a thrown AppError's code, or "ok". */
async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await call()) as { ok?: boolean; error?: { code: string } } | undefined;
    return result?.ok === false ? (result.error?.code ?? "error") : "ok";
  } catch (error) {
    // As the doors answer them: a withdrawn credential (ThrownAppError), or a deadlock Postgres undid (409).
    const appError = (error as { appError?: { code: string } }).appError ?? collisionError(error);
    if (appError) return appError.code;
    throw error;
  }
}

/** Everything the writes below could change, as one comparable value. */
async function snapshot() {
  const count = async (table: typeof runs | typeof uploads | typeof critiques | typeof datasetImages) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;
  return {
    images: await db
      .select({ id: images.id, deletedAt: images.deletedAt, status: images.reviewStatus })
      .from(images)
      .orderBy(images.id),
    reviews: await db
      .select({ id: reviews.id, decision: reviews.decision })
      .from(reviews)
      .orderBy(reviews.id),
    runs: await count(runs),
    uploads: await count(uploads),
    critiques: await count(critiques),
    members: await count(datasetImages),
  };
}

async function newKey() {
  const key = await createApiKey(db, { name: "fenced", scopes: ["admin"] });
  return {
    id: key.id,
    principal: { kind: "api_key" as const, id: key.id, name: key.name, scopes: key.scopes },
  };
}

async function newUser(role: UserRole) {
  const [user] = await db
    .insert(users)
    .values({ email: `fence-${crypto.randomUUID()}@example.com`, role })
    .returning({ id: users.id, sessionVersion: users.sessionVersion });
  if (!user) throw new Error("no user");
  return user;
}
const admin = await newUser("admin");
const actor = {
  id: admin.id,
  email: "a@example.com",
  name: null,
  role: "admin" as const,
  mustChangePassword: false,
};

describe("a credential withdrawn while a request runs", () => {
  it("refuses every API write made after the key's revocation committed, and changes nothing", async () => {
    const dataset = await createDataset(db, { name: "fenced", image_ids: [await insertTestImage(db)] });
    if (!dataset.ok) throw new Error(dataset.error.message);
    const deleted = await insertTestImage(db);
    await softDeleteImage(db, deleted);
    const live = await insertTestImage(db);
    const duplicateBytes = await makeTestPng();
    const stored = await ingestImage(deps, { bytes: duplicateBytes, metadata: {}, source: "api" });
    if (!stored.ok) throw new Error(stored.error.message);
    await softDeleteImage(db, stored.value.image.id);
    type Principal = Awaited<ReturnType<typeof newKey>>["principal"];
    const writes: Record<string, (principal: Principal) => Promise<unknown>> = {
      "soft delete": () => softDeleteImage(db, live),
      restore: () => restoreImage(db, deleted),
      purge: () => purgeImage(deps, deleted, {}),
      "create run": () => createRun(db, { name: "fenced-run" }),
      "add to dataset": () => addDatasetImages(db, dataset.value.id, { image_ids: [live] }),
      critique: (principal) =>
        postImageCritique(db, principal, {
          imageId: live,
          body: { critic: "fenced", critic_version: "1", score: 0.5, scale: "0-1" },
        }),
      "ingest a new image": async () =>
        ingestImage(deps, { bytes: await makeTestPng(), metadata: {}, source: "api" }),
      "post a trashed image again (restores it)": () =>
        ingestImage(deps, { bytes: duplicateBytes, metadata: {}, source: "api" }),
      "create an upload": () =>
        createUpload(deps, { apiKeyId: null }, { content_type: "image/png", byte_size: 1000 }),
    };
    for (const [name, write] of Object.entries(writes)) {
      const key = await newKey();
      // The door let the request in (its fence is set), then the key was revoked before the request wrote.
      const before = await snapshot();
      expect(await revokeApiKey(db, {}, { id: key.id })).toMatchObject({ ok: true });
      const outcome = await outcomeOf(() => runFenced(apiKeyFence(key.id), () => write(key.principal)));
      expect({ name, outcome }).toEqual({ name, outcome: "unauthorized" });
      expect(await snapshot(), name).toEqual(before);
    }
  });

  it("refuses a reviewer's decisions once demoted, disabled or signed out everywhere", async () => {
    const withdrawals = {
      demoted: (id: string) => changeUserRole(db, actor, id, "viewer"),
      disabled: (id: string) => setUserDisabled(db, actor, id, true),
      "signed out everywhere": (id: string) => signOutEverywhere(db, id),
    };
    for (const [withdrawal, withdraw] of Object.entries(withdrawals)) {
      const reviewer = await newUser("reviewer");
      const imageId = await insertTestImage(db);
      const fence = sessionFence(reviewer, "reviewer");
      await runFenced(fence, () =>
        recordReview(db, reviewer, { action: "decide", imageId, decision: "reject" }),
      );
      const before = await snapshot();
      await withdraw(reviewer.id);
      const writes: Record<string, () => Promise<unknown>> = {
        decide: () => recordReview(db, reviewer, { action: "decide", imageId, decision: "approve" }),
        bulk: () =>
          recordBulkReview(db, reviewer, {
            target: { kind: "picked", imageIds: [imageId] },
            change: { action: "decide", decision: "approve" },
          }),
        undo: () => undoLastReview(db, reviewer),
      };
      for (const [name, write] of Object.entries(writes)) {
        const outcome = await outcomeOf(() => runFenced(fence, write));
        const expected = withdrawal === "demoted" ? "forbidden" : "unauthorized";
        expect({ withdrawal, name, outcome }).toEqual({ withdrawal, name, outcome: expected });
      }
      expect(await snapshot(), withdrawal).toEqual(before);
    }
  });

  it("makes the revocation wait for a write already past its check, which then commits", async () => {
    const key = await newKey();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let checked = () => {};
    const pastCheck = new Promise<void>((resolve) => {
      checked = resolve;
    });
    const writing = runFenced(apiKeyFence(key.id), () =>
      db.transaction(async (tx) => {
        checked();
        await gate;
        await tx.insert(runs).values({ name: `in-flight-${key.id}` });
      }),
    );
    await pastCheck;
    let revoked = false;
    const revoking = revokeApiKey(db, {}, { id: key.id }).then((result) => {
      revoked = true;
      return result;
    });
    // The revocation is blocked on the key's row while the write holds it.
    for (let waited = 0; !(await isWaitingOnLock()) && waited < 200; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await isWaitingOnLock()).toBe(true);
    expect(revoked).toBe(false);
    release();
    await writing;
    expect(await revoking).toMatchObject({ ok: true });
    expect(
      await db
        .select()
        .from(runs)
        .where(eq(runs.name, `in-flight-${key.id}`)),
    ).toHaveLength(1);
  });

  it("answers a write racing the revocation with success or 401, never anything else", async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const key = await newKey();
      const fence = apiKeyFence(key.id);
      const [, outcome] = await Promise.all([
        revokeApiKey(db, {}, { id: key.id }),
        outcomeOf(() => runFenced(fence, () => createRun(db, { name: `race-${key.id}` }))),
      ]);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      const stored = await db
        .select()
        .from(runs)
        .where(eq(runs.name, `race-${key.id}`));
      expect(stored).toHaveLength(outcome === "ok" ? 1 : 0);
      // After the revocation, the request's next write is refused whatever the race did.
      expect(await outcomeOf(() => runFenced(fence, () => createRun(db, { name: `after-${key.id}` })))).toBe(
        "unauthorized",
      );
    }
    expect([...outcomes.keys()].every((outcome) => outcome === "ok" || outcome === "unauthorized")).toBe(
      true,
    );
  });

  it("two admins demoting each other at once: one wins, the other is refused (or undone as a deadlock)", async () => {
    for (let round = 0; round < 5; round++) {
      const [first, second] = [await newUser("admin"), await newUser("admin")];
      const demote = (by: typeof first, target: typeof first) =>
        outcomeOf(() =>
          runFenced(sessionFence(by, "admin"), () =>
            changeUserRole(db, { ...actor, id: by.id }, target.id, "viewer"),
          ),
        );
      const answers = await Promise.all([demote(first, second), demote(second, first)]);
      expect(answers.filter((answer) => answer === "ok")).toHaveLength(1);
      expect(answers.filter((answer) => answer !== "ok")[0]).toMatch(/forbidden|conflict/);
      const roles = await db
        .select({ role: users.role })
        .from(users)
        .where(sql`${users.id} in (${first.id}, ${second.id})`);
      expect(roles.map((row) => row.role).sort()).toEqual(["admin", "viewer"]);
    }
  });
});

/** Whether some backend of this database is waiting for a lock (the revocation, blocked on the key's row). */
async function isWaitingOnLock(): Promise<boolean> {
  const rows = await context.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`);
  return (rows[0]?.n ?? 0) > 0;
}
