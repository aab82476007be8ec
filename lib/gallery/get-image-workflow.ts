import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

export type ImageWorkflow = { fileName: string; json: string };

/** The stored workflow graph as pretty JSON, named after the image; not_found when the image has none. */
export async function getImageWorkflow(db: Queryable, imageId: string): Promise<Result<ImageWorkflow>> {
  const [row] = await db
    .select({ workflow: images.workflow, sha256: images.sha256 })
    .from(images)
    .where(eq(images.id, imageId));
  if (!row) return err("not_found", `Image ${imageId} does not exist`);
  if (row.workflow === null || row.workflow === undefined)
    return err("not_found", "This image has no workflow");
  return ok({
    fileName: `workflow-${row.sha256.slice(0, 12)}.json`,
    json: JSON.stringify(row.workflow, null, 2),
  });
}
