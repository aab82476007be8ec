import "server-only";
import { and, inArray, isNull } from "drizzle-orm";
import type { ApiKeyPrincipal } from "@/lib/auth/keys/api-keys";
import type { Database } from "@/lib/db/client";
import { images } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { batchItemSchema, critiqueBatchSchema, critiqueFieldsSchema } from "./critique-input";
import { type CritiqueRecord, toCritiqueRecord } from "./critique-record";
import { type CritiqueToRecord, recordCritiques } from "./record-critiques";

type ItemProblem = { index: number; path: string; message: string };

const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }, index?: number) =>
  error.issues.map((issue) => ({
    ...(index === undefined ? {} : { index }),
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));

/**
 * POST /api/v1/images/{id}/critiques: the stored (current) critique. `body` is the request's JSON as sent; every
 * problem with it is named in the invalid_request's details.
 */
export async function postImageCritique(
  db: Database,
  principal: ApiKeyPrincipal,
  input: { imageId: string; body: unknown },
): Promise<Result<CritiqueRecord>> {
  const parsed = critiqueFieldsSchema.safeParse(input.body);
  if (!parsed.success) {
    const details = issuesOf(parsed.error);
    const first = details[0];
    const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "Invalid critique";
    return err("invalid_request", message, details);
  }
  const found = await liveImageIds(db, [input.imageId], []);
  if (!found.byId.has(input.imageId)) return err("not_found", `Image ${input.imageId} does not exist`);
  const [row] = await recordCritiques(db, principal.id, [{ ...parsed.data, imageId: input.imageId }]);
  if (!row) throw new Error("critique insert returned no row");
  return ok(toCritiqueRecord(row));
}

/**
 * POST /api/v1/critiques: all or nothing. Every item is checked first (fields, image found, no identity twice);
 * one bad item answers 400 with every problem as `{ index, path, message }` and stores nothing, so a client can
 * fix and resend the same batch. A valid batch is stored in one transaction: the stored critiques.
 */
export async function postCritiqueBatch(
  db: Database,
  principal: ApiKeyPrincipal,
  body: unknown,
): Promise<Result<{ items: CritiqueRecord[] }>> {
  const envelope = critiqueBatchSchema.safeParse(body);
  if (!envelope.success) {
    const details = issuesOf(envelope.error);
    return err("invalid_request", details[0]?.message ?? "The body must be { items: [...] }", details);
  }
  const problems: ItemProblem[] = [];
  const parsed = envelope.data.items.map((item, index) => {
    const result = batchItemSchema.safeParse(item);
    if (!result.success) problems.push(...(issuesOf(result.error, index) as ItemProblem[]));
    return result.success ? result.data : null;
  });
  const valid = parsed.flatMap((item) => (item ? [item] : []));
  const found = await liveImageIds(
    db,
    valid.flatMap((item) => (item.image_id ? [item.image_id] : [])),
    valid.flatMap((item) => (item.sha256 ? [item.sha256] : [])),
  );
  const seen = new Map<string, number>();
  const items: CritiqueToRecord[] = [];
  parsed.forEach((item, index) => {
    if (!item) return;
    const imageId = item.image_id ? found.byId.get(item.image_id) : found.bySha256.get(item.sha256 ?? "");
    if (!imageId) {
      const path = item.image_id ? "image_id" : "sha256";
      problems.push({ index, path, message: `no image with this ${path}` });
      return;
    }
    const identity = `${imageId}\n${item.critic}\n${item.critic_version}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push({ index, path: "", message: `repeats item ${earlier} (same image, critic and version)` });
      return;
    }
    seen.set(identity, index);
    const { image_id: _id, sha256: _sha256, ...fields } = item;
    items.push({ ...fields, imageId });
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    const count = new Set(problems.map((problem) => problem.index)).size;
    return err(
      "invalid_request",
      `${count} of ${parsed.length} items are invalid; nothing was stored`,
      problems,
    );
  }
  const rows = await recordCritiques(db, principal.id, items);
  return ok({ items: rows.map(toCritiqueRecord) });
}

/** Live (not soft-deleted) images among these ids and hashes, in two indexed lookups. */
async function liveImageIds(db: Database, ids: string[], hashes: string[]) {
  const [byId, bySha256] = await Promise.all([
    ids.length > 0
      ? db
          .select({ id: images.id })
          .from(images)
          .where(and(inArray(images.id, ids), isNull(images.deletedAt)))
      : [],
    hashes.length > 0
      ? db
          .select({ id: images.id, sha256: images.sha256 })
          .from(images)
          .where(and(inArray(images.sha256, hashes), isNull(images.deletedAt)))
      : [],
  ]);
  return {
    byId: new Map(byId.map((row) => [row.id, row.id])),
    bySha256: new Map(bySha256.map((row) => [row.sha256, row.id])),
  };
}
