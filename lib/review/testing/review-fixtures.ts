import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { images, users } from "@/lib/db/schema";
import { modelKey } from "@/lib/metadata/model-key";

/** A reviewer row (no password: tests call lib functions with the id directly). */
export async function insertTestReviewer(db: Database): Promise<{ id: string }> {
  const [user] = await db
    .insert(users)
    .values({ email: `reviewer-${randomBytes(6).toString("hex")}@example.com`, role: "reviewer" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user row");
  return user;
}

type ImageFields = Partial<
  Pick<
    typeof images.$inferInsert,
    "prompt" | "model" | "loras" | "seed" | "createdAt" | "runId" | "lastPostedAt" | "deletedAt"
  >
>;

/** Image rows without bytes (gallery and review queries never read objects; signing needs only the key). */
export async function insertTestImages(
  db: Database,
  count: number,
  fields: ImageFields = {},
): Promise<string[]> {
  const rows = Array.from({ length: count }, () => {
    const sha256 = randomBytes(32).toString("hex");
    return {
      sha256,
      bucket: "test",
      objectKey: `originals/${sha256.slice(0, 2)}/${sha256}.png`,
      contentType: "image/png",
      byteSize: 100,
      width: 64,
      height: 48,
      source: "api" as const,
      ...fields,
      // The keys ingest derives, so model and LoRA filters find these rows as they find ingested ones.
      modelKey: modelKey(fields.model),
      loras: fields.loras?.map((lora) => ({ ...lora, key: modelKey(lora.name) ?? "" })),
    };
  });
  const inserted = await db.insert(images).values(rows).returning({ id: images.id });
  return inserted.map((row) => row.id);
}

export async function insertTestImage(db: Database, fields: ImageFields = {}): Promise<string> {
  const [id] = await insertTestImages(db, 1, fields);
  if (!id) throw new Error("no image row");
  return id;
}
