import "server-only";
import { createHash } from "node:crypto";
import { and, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { images } from "@/db/schema";
import type { ApiKeyPrincipal } from "@/lib/auth/api-keys";
import type { Result } from "@/lib/http/errors";
import { type StoredResponse, withIdempotency } from "@/lib/http/idempotency";
import { batchItemSchema, critiqueBatchSchema, critiqueFieldsSchema } from "./critique-input";
import { toCritiqueRecord } from "./critique-record";
import { type CritiqueToRecord, recordCritiques } from "./record-critiques";

type ItemProblem = { index: number; path: string; message: string };
type Body = { value: unknown; sha256: string };

const invalid = (message: string, details: unknown): StoredResponse => ({
  status: 400,
  body: { error: { code: "invalid_request", message, details } },
});
const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }, index?: number) =>
  error.issues.map((issue) => ({
    ...(index === undefined ? {} : { index }),
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
const requestHash = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");

/** POST /api/v1/images/{id}/critiques behind its Idempotency-Key: 201 with the stored (current) critique. */
export async function postImageCritique(
  db: Database,
  principal: ApiKeyPrincipal,
  input: { imageId: string; body: Body; idempotencyKey: string | null },
): Promise<Result<StoredResponse & { replayed: boolean }>> {
  const scope = { apiKeyId: principal.id, key: input.idempotencyKey };
  return withIdempotency(
    db,
    { ...scope, requestSha256: requestHash(input.imageId, input.body.sha256) },
    async () => {
      const parsed = critiqueFieldsSchema.safeParse(input.body.value);
      if (!parsed.success) {
        const details = issuesOf(parsed.error);
        const first = details[0];
        return invalid(
          first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "Invalid critique",
          details,
        );
      }
      const found = await liveImageIds(db, [input.imageId], []);
      if (!found.byId.has(input.imageId)) {
        return {
          status: 404,
          body: { error: { code: "not_found", message: `Image ${input.imageId} does not exist` } },
        };
      }
      const [row] = await recordCritiques(db, principal.id, [{ ...parsed.data, imageId: input.imageId }]);
      if (!row) throw new Error("critique insert returned no row");
      return { status: 201, body: toCritiqueRecord(row) };
    },
  );
}

/**
 * POST /api/v1/critiques: all or nothing. Every item is checked first (fields, image found, no identity twice);
 * one bad item answers 400 with every problem as `{ index, path, message }` and stores nothing, so a client can
 * fix and resend the same batch. A valid batch is stored in one transaction: 201 with the stored critiques.
 */
export async function postCritiqueBatch(
  db: Database,
  principal: ApiKeyPrincipal,
  input: { body: Body; idempotencyKey: string | null },
): Promise<Result<StoredResponse & { replayed: boolean }>> {
  const scope = { apiKeyId: principal.id, key: input.idempotencyKey };
  return withIdempotency(
    db,
    { ...scope, requestSha256: requestHash("batch", input.body.sha256) },
    async () => {
      const envelope = critiqueBatchSchema.safeParse(input.body.value);
      if (!envelope.success) {
        const details = issuesOf(envelope.error);
        return invalid(details[0]?.message ?? "The body must be { items: [...] }", details);
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
          problems.push({
            index,
            path: "",
            message: `repeats item ${earlier} (same image, critic and version)`,
          });
          return;
        }
        seen.set(identity, index);
        const { image_id: _id, sha256: _sha256, ...fields } = item;
        items.push({ ...fields, imageId });
      });
      if (problems.length > 0) {
        problems.sort((a, b) => a.index - b.index);
        const count = new Set(problems.map((problem) => problem.index)).size;
        return invalid(`${count} of ${parsed.length} items are invalid; nothing was stored`, problems);
      }
      const rows = await recordCritiques(db, principal.id, items);
      return { status: 201, body: { items: rows.map(toCritiqueRecord) } };
    },
  );
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
