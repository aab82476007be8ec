import "server-only";
import { createHash } from "node:crypto";
import { makeVariants } from "@/lib/images/derive/make-variants";
import { upsertVariantRows } from "@/lib/images/derive/upsert-variant-rows";
import { err, ok, type Result } from "@/lib/result";
import { variantKey } from "@/lib/storage/keys";
import { getObjectBytes, putObject } from "@/lib/storage/objects";
import type { OriginalRow } from "./check-originals";
import type { DoctorDeps } from "./doctor-report";

/**
 * Remakes an image's variants from its original (verified against the row's sha256 first, so a corrupt original
 * never spreads), overwrites their objects and upserts their rows.
 */
export async function regenerateVariants(deps: DoctorDeps, image: OriginalRow): Promise<Result<string[]>> {
  const original = await getObjectBytes(deps.storage, image.objectKey);
  if (!original.ok) return original;
  if (createHash("sha256").update(original.value).digest("hex") !== image.sha256) {
    return err("conflict", "the original does not match its sha256");
  }
  const decoded = await makeVariants(original.value, { maxPixels: deps.limits.maxImagePixels });
  if (!decoded.ok) return decoded;
  for (const variant of decoded.value.variants) {
    const key = variantKey(image.sha256, variant.name);
    const put = await putObject(deps.storage, { key, body: variant.bytes, contentType: variant.contentType });
    if (!put.ok) return put;
  }
  await upsertVariantRows(deps.db, image, decoded.value.variants);
  return ok(decoded.value.variants.map((variant) => variant.name));
}
