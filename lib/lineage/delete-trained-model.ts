import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { trainedModels } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";

/** Forgets a registration made by mistake; its image links go with it, the images and the dataset stay. */
export async function deleteTrainedModel(db: Queryable, id: string): Promise<Result<{ id: string }>> {
  const [deleted] = await fencedWrite(db, (q) =>
    q.delete(trainedModels).where(eq(trainedModels.id, id)).returning({ id: trainedModels.id }),
  );
  return deleted ? ok(deleted) : err("not_found", `No trained model ${id} is registered`);
}
