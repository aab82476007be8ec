import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/** Brings a soft-deleted image back. Restoring a live image is not an error (idempotent, like the delete). */
export async function restoreImage(
  db: Database,
  id: string,
): Promise<Result<{ id: string; deleted_at: null }>> {
  const [restored] = await fencedWrite(db, (q) =>
    q
      .update(images)
      .set({ deletedAt: null })
      .where(and(eq(images.id, id), isNotNull(images.deletedAt)))
      .returning({ id: images.id }),
  );
  if (restored) return ok({ id: restored.id, deleted_at: null });
  const [existing] = await db.select({ id: images.id }).from(images).where(eq(images.id, id));
  return existing ? ok({ id, deleted_at: null }) : err("not_found", `Image ${id} does not exist`);
}
