import type { imageVariants } from "@/lib/db/schema";
import { isOrphan, orphanFinding } from "./check-originals";
import type { Finding } from "./doctor-report";
import type { Paired } from "./merge-by-key";

export type VariantRow = Pick<
  typeof imageVariants.$inferSelect,
  "imageId" | "name" | "objectKey" | "byteSize"
>;

/** Walks the merged variants/ keys: a row whose object is gone or has another size; an object no row names. */
export async function checkVariants(
  pairs: AsyncIterable<Paired<VariantRow>>,
  options: { orphanOlderThan: Date },
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  for await (const { row, object } of pairs) {
    if (!row) {
      if (object && isOrphan(object, options.orphanOlderThan)) await emit(orphanFinding(object));
      continue;
    }
    const base = { imageId: row.imageId, key: row.objectKey, fixed: false };
    if (!object) await emit({ kind: "missing_variant", ...base });
    else if (object.byteSize !== row.byteSize) {
      await emit({
        kind: "broken_variant",
        ...base,
        detail: `size ${object.byteSize}, expected ${row.byteSize}`,
      });
    }
  }
}
