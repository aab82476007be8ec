import { z } from "zod";
import { REVIEW_STATUSES } from "@/lib/enums/image-enums";
import { storableString } from "@/lib/zod/storable";
import { ASPECT_BUCKETS } from "./audit/size-buckets";
import { captionTagSchema } from "./caption-tags";

const MAX_FILTER_IDS = 200;
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

/**
 * Which of a dataset's images the workbench shows and a bulk step acts on; every audit warning links to one.
 * Query-string friendly: `ids` may be one comma-separated value.
 */
export const memberFilterSchema = z
  .object({
    tag: z.preprocess(emptyAsUnset, captionTagSchema.optional()),
    q: z.preprocess(emptyAsUnset, storableString().trim().min(1).max(200).optional()),
    missing: z.preprocess(emptyAsUnset, z.enum(["caption"]).optional()),
    status: z.preprocess(emptyAsUnset, z.enum([...REVIEW_STATUSES, "not_approved"]).optional()),
    hand_edited: z.preprocess(emptyAsUnset, z.enum(["yes", "no"]).optional()),
    aspect: z.preprocess(emptyAsUnset, z.enum(ASPECT_BUCKETS).optional()),
    short_side_below: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(100_000).optional()),
    critic_rejects: z.preprocess(emptyAsUnset, storableString().trim().min(1).max(100).optional()),
    ids: z.preprocess(
      (value) => (typeof value === "string" ? (value === "" ? undefined : value.split(",")) : value),
      z.array(z.uuid()).min(1).max(MAX_FILTER_IDS).optional(),
    ),
  })
  .strict();
export type MemberFilter = z.output<typeof memberFilterSchema>;

/** The filter as a query string (for links from the audit and the workbench's own forms). */
export function memberFilterQuery(filter: MemberFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
