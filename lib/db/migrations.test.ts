import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { images, reviews, users } from "@/lib/db/schema";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { createTestContext } from "@/lib/testing/test-context";

const context = await createTestContext();
const sha = () => randomBytes(32).toString("hex");
const imageRow = (sha256: string) => ({
  sha256,
  bucket: "b",
  objectKey: `originals/${sha256.slice(0, 2)}/${sha256}.png`,
  contentType: "image/png",
  byteSize: 10,
  width: 1,
  height: 1,
  source: "api" as const,
});

/** Postgres' error for a failed statement, found however drizzle wraps it. */
async function postgresError(work: Promise<unknown>): Promise<{ code?: string; constraint_name?: string }> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, "the statement should have failed").not.toBeNull();
  const cause = (error as { cause?: unknown }).cause ?? error;
  return cause as { code?: string; constraint_name?: string };
}

describe("migrations", () => {
  it("apply on an empty database and are idempotent", async () => {
    const stack = inject("testStack");
    const name = `m_${randomBytes(6).toString("hex")}`;
    const admin = postgres(stack.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(stack.postgresUrl);
    url.pathname = `/${name}`;
    try {
      await migrateDatabase(url.toString());
      await migrateDatabase(url.toString());
      const db = createDatabase({ url: url.toString(), poolMax: 1, preparedStatements: true });
      const tables = await db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      await closeDatabase(db);
      expect(tables.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          "accounts",
          "api_keys",
          "critiques",
          "dataset_images",
          "datasets",
          "image_tags",
          "image_variants",
          "images",
          "review_events",
          "reviews",
          "runs",
          "sessions",
          "tags",
          "users",
          "verification_tokens",
        ]),
      );
    } finally {
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });
});

describe("constraints that encode the storage contract", () => {
  it("reject a second row with the same sha256", async () => {
    const sha256 = sha();
    await context.db.insert(images).values(imageRow(sha256));
    const error = await postgresError(
      context.db.insert(images).values({ ...imageRow(sha256), objectKey: `originals/other/${sha256}.png` }),
    );
    expect(error).toMatchObject({ code: "23505", constraint_name: "images_sha256_key" });
  });

  it("reject a second row naming the same object", async () => {
    const first = imageRow(sha());
    await context.db.insert(images).values(first);
    const error = await postgresError(
      context.db.insert(images).values({ ...imageRow(sha()), objectKey: first.objectKey }),
    );
    expect(error).toMatchObject({ code: "23505", constraint_name: "images_object_key_key" });
  });

  it("reject a sha256 that is not 64 lowercase hex digits", async () => {
    const error = await postgresError(context.db.insert(images).values(imageRow("ABC")));
    expect(error).toMatchObject({ code: "23514", constraint_name: "images_sha256_check" });
  });

  it("reject a review score of 6 and accept 1 to 5", async () => {
    const [image] = await context.db.insert(images).values(imageRow(sha())).returning();
    const [reviewer] = await context.db
      .insert(users)
      .values({ email: `r-${randomBytes(4).toString("hex")}@example.com`, role: "reviewer" })
      .returning();
    if (!image || !reviewer) throw new Error("insert returned nothing");
    const error = await postgresError(
      context.db
        .insert(reviews)
        .values({ imageId: image.id, reviewerId: reviewer.id, decision: "approve", score: 6 }),
    );
    expect(error).toMatchObject({ code: "23514", constraint_name: "reviews_score_check" });
    await context.db
      .insert(reviews)
      .values({ imageId: image.id, reviewerId: reviewer.id, decision: "approve", score: 5 });
  });

  it("reject an unknown review status and keep 2^64-1 seeds exactly", async () => {
    const error = await postgresError(
      context.db.insert(images).values({ ...imageRow(sha()), reviewStatus: "maybe" as "approved" }),
    );
    expect(error).toMatchObject({ code: "23514", constraint_name: "images_review_status_check" });
    const seed = "18446744073709551615";
    const [row] = await context.db
      .insert(images)
      .values({ ...imageRow(sha()), seed })
      .returning();
    const [read] = await context.db
      .select({ seed: images.seed })
      .from(images)
      .where(eq(images.id, row?.id ?? ""));
    expect(read?.seed).toBe(seed);
  });

  it("index prompts for full-text search", async () => {
    const [row] = await context.db
      .insert(images)
      .values({
        ...imageRow(sha()),
        prompt: "a lighthouse at dusk, volumetric fog",
        negativePrompt: "blurry",
      })
      .returning();
    const found = await context.db
      .select({ id: images.id })
      .from(images)
      .where(sql`${images.promptSearch} @@ websearch_to_tsquery('simple', 'lighthouse fog')`);
    expect(found.map((image) => image.id)).toContain(row?.id);
  });
});
