import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import {
  type ImageRecord,
  type ImageUrls,
  loadImageRecords,
  signImageUrls,
} from "@/lib/images/record/image-record";
import { err, ok, type Result } from "@/lib/result";
import type { Storage } from "@/lib/storage/storage";

/** `?ids=a,b,c`: two to four distinct image ids, in the order given. */
export const compareIdsSchema = z
  .string()
  .transform((value) => [
    ...new Set(
      value
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.uuid("ids must be image ids"))
      .min(2, "compare needs at least two images")
      .max(4, "compare shows at most four images"),
  );

/** The images to compare with their signed URLs, in the order asked for; unknown ids are not_found. */
export async function listCompareImages(
  deps: { db: Database; storage: Storage },
  ids: string[],
): Promise<Result<(ImageRecord & { urls: ImageUrls })[]>> {
  const rows = await deps.db.select().from(images).where(inArray(images.id, ids));
  const records = await loadImageRecords(deps.db, rows);
  const byId = new Map(records.map((record) => [record.id, record]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) return err("not_found", `No image ${missing.join(", ")}`);
  return ok(
    await Promise.all(
      ids.map(async (id) => {
        const record = byId.get(id) as ImageRecord;
        return { ...record, urls: await signImageUrls(deps.storage, record) };
      }),
    ),
  );
}
