import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { tags } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/** Deletes a tag; it disappears from images and from reviewers' reasons (the event trail keeps its id). */
export async function deleteTag(db: Queryable, id: string): Promise<Result<{ id: string }>> {
  const deleted = await fencedWrite(db, (q) =>
    q.delete(tags).where(eq(tags.id, id)).returning({ id: tags.id }),
  );
  return deleted.length > 0 ? ok({ id }) : err("not_found", "That tag no longer exists");
}
