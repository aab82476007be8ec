import type { imageVariants } from "@/db/schema";
import type { ListedObject } from "@/lib/storage/objects";
import type { OriginalRow } from "./check-originals";
import type { Finding } from "./doctor-report";

export type VariantRow = Pick<
  typeof imageVariants.$inferSelect,
  "imageId" | "name" | "objectKey" | "byteSize"
>;

/** Variant rows whose object is gone or has another size, and live image rows without a thumb. */
export function checkVariants(
  images: OriginalRow[],
  variants: VariantRow[],
  inventory: Map<string, ListedObject>,
): Finding[] {
  const findings: Finding[] = [];
  const withThumb = new Set<string>();
  for (const variant of variants) {
    if (variant.name === "thumb") withThumb.add(variant.imageId);
    const object = inventory.get(variant.objectKey);
    const base = { imageId: variant.imageId, key: variant.objectKey, fixed: false };
    if (!object) findings.push({ kind: "missing_variant", ...base });
    else if (object.byteSize !== variant.byteSize) {
      findings.push({
        kind: "broken_variant",
        ...base,
        detail: `size ${object.byteSize}, expected ${variant.byteSize}`,
      });
    }
  }
  for (const image of images) {
    if (image.objectState === "present" && !withThumb.has(image.id)) {
      findings.push({ kind: "missing_thumb", imageId: image.id, fixed: false });
    }
  }
  return findings;
}
