import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/** Hides an image (restorable); bytes stay until a purge. Deleting twice is not an error. */
export async function softDeleteImage(
  db: Database,
  id: string,
): Promise<Result<{ id: string; deleted_at: string }>> {
  const [updated] = await fencedWrite(db, (q) =>
    q
      .update(images)
      .set({ deletedAt: new Date() })
      .where(and(eq(images.id, id), isNull(images.deletedAt)))
      .returning({ id: images.id, deletedAt: images.deletedAt }),
  );
  if (updated?.deletedAt) return ok({ id: updated.id, deleted_at: updated.deletedAt.toISOString() });
  const [existing] = await db.select({ deletedAt: images.deletedAt }).from(images).where(eq(images.id, id));
  if (!existing?.deletedAt) return err("not_found", `Image ${id} does not exist`);
  return ok({ id, deleted_at: existing.deletedAt.toISOString() });
}
