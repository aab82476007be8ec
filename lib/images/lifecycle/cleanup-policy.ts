import "server-only";
import { and, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { datasetImages, datasetVersionImages, images, reviews } from "@/lib/db/schema";
import { modelKey } from "@/lib/metadata/model-key";
import { storableString } from "@/lib/zod/storable";
import { AGE_FORMAT, parseAge } from "./parse-age";

const CLEANUP_POLICY_KINDS = ["rejected", "older_than", "keep_newest"] as const;
const GROUPINGS = ["model", "run"] as const;

/**
 * A cleanup policy as the CLI, MCP's plan_cleanup and the admin page take it (one flat shape, so an agent and a
 * form fill the same fields):
 * - `rejected` (the default): images rejected, or in the trash, longer ago than `older_than`;
 * - `older_than`: images of one `model` made longer ago than `older_than`, whatever their review state;
 * - `keep_newest`: all but the newest `keep` live images of each model (or each run, `per`).
 * Every policy spares protected images: approved, approved by any reviewer, in a dataset or a frozen version,
 * posted again since the policy's cutoff (for keep_newest: since the oldest image it keeps in that group).
 */
const cleanupPolicyShape = {
  policy: z.enum(CLEANUP_POLICY_KINDS).default("rejected").describe("rejected, older_than or keep_newest"),
  older_than: z
    .string()
    .max(40)
    .refine((text) => parseAge(text) !== null, `older_than: ${AGE_FORMAT}`)
    .optional()
    .describe("The age for rejected and older_than: 30d, 12h, 2w"),
  model: storableString()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe("older_than only: the model, in any spelling"),
  keep: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe("keep_newest: images kept per group"),
  per: z.enum(GROUPINGS).optional().describe("keep_newest: group by model or by run"),
};
type PolicyFields = z.output<z.ZodObject<typeof cleanupPolicyShape>>;

/** The policy's fields and `extra` ones (a plan's page size), each policy's required fields checked. */
export function cleanupPolicySchemaWith<Extra extends z.ZodRawShape>(extra: Extra) {
  return z
    .object({ ...cleanupPolicyShape, ...extra })
    .strict()
    .superRefine((input, context) => requireFields(input as PolicyFields, context));
}
export const cleanupPolicySchema = cleanupPolicySchemaWith({});
export type CleanupPolicyInput = z.input<typeof cleanupPolicySchema>;

function requireFields(input: PolicyFields, context: z.RefinementCtx) {
  const need = (field: keyof PolicyFields, why: string) => {
    if (input[field] === undefined) context.addIssue({ code: "custom", path: [field], message: why });
  };
  if (input.policy !== "keep_newest") need("older_than", `${input.policy} needs older_than (${AGE_FORMAT})`);
  if (input.policy === "older_than") need("model", "older_than needs model (the policy is per model)");
  if (input.policy === "keep_newest") {
    need("keep", "keep_newest needs keep (how many images each group keeps)");
    need("per", "keep_newest needs per (model or run)");
  }
}

/** A policy made concrete: its cutoff fixed once, so the plan, the selection and every re-check agree. */
export type CleanupPolicy =
  | { kind: "rejected"; cutoff: Date }
  | { kind: "older_than"; cutoff: Date; modelKey: string }
  | { kind: "keep_newest"; keep: number; per: (typeof GROUPINGS)[number] };

export function resolveCleanupPolicy(input: PolicyFields, now: Date): CleanupPolicy {
  const cutoff = new Date(now.getTime() - (parseAge(input.older_than ?? "") ?? 0));
  if (input.policy === "keep_newest")
    return { kind: "keep_newest", keep: input.keep ?? 1, per: input.per ?? "model" };
  if (input.policy === "older_than") {
    const model = input.model ?? "";
    return { kind: "older_than", cutoff, modelKey: modelKey(model) ?? model };
  }
  return { kind: "rejected", cutoff };
}

/** What keeps an image the policy looks at: each reason as it reads in a plan. */
export const PROTECTIONS = {
  approved: "it is approved",
  reviewer_approved: "a reviewer approved it",
  in_dataset: "it is in a dataset",
  in_version: "it is in a frozen dataset version",
  posted_again: "it was posted again after the cutoff",
} as const;
export type Protection = keyof typeof PROTECTIONS;

/**
 * Why the rejected policy looks at an image at `cutoff`: rejected and made before it, or in the trash since before
 * it. The selection, the read-only plan and the purge's re-check under the row lock all use this one condition,
 * so a decision, undo or restore made after the selection takes the image out of the policy where the purge acts.
 */
export function isDueForCleanup(cutoff: Date): SQL {
  return or(
    and(sql`${images.reviewStatus} = 'rejected'`, lt(images.createdAt, cutoff)),
    and(isNotNull(images.deletedAt), lt(images.deletedAt, cutoff)),
  ) as SQL;
}

/** Each protection of the `images` row in scope, as a boolean; `postedAgainSince` is the policy's freshness line. */
export function protectionColumns(postedAgainSince: SQL): Record<Protection, SQL> {
  return {
    approved: sql`${images.reviewStatus} = 'approved'`,
    reviewer_approved: sql`exists (select 1 from ${reviews} where ${reviews.imageId} = ${images.id}
      and ${reviews.decision} = 'approve')`,
    in_dataset: sql`exists (select 1 from ${datasetImages} where ${datasetImages.imageId} = ${images.id})`,
    in_version: sql`exists (select 1 from ${datasetVersionImages}
      where ${datasetVersionImages.imageId} = ${images.id})`,
    posted_again: sql`coalesce(${images.lastPostedAt} >= ${postedAgainSince}, false)`,
  };
}

/** The column a keep_newest policy groups by (a missing model or run is a group of its own). */
export function groupColumn(per: "model" | "run"): SQL {
  return per === "model" ? sql`${images.modelKey}` : sql`${images.runId}`;
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * True when the `images` row (in a statement of its own, read after the row is locked) is still due under the
 * policy and nothing protects it: the compare-and-set of the purge. For keep_newest it counts, among the live
 * images of its group, the `keep` newest that are newer than it (an index range read of at most `keep` rows).
 */
export function isStillDue(policy: CleanupPolicy): SQL {
  const scope = policyScopeOfRow(policy);
  const protections = Object.values(protectionColumns(scope.postedAgainSince));
  return sql`(${scope.inScope}) and not (${sql.join(protections, sql` or `)})`;
}

function policyScopeOfRow(policy: CleanupPolicy): { inScope: SQL; postedAgainSince: SQL } {
  if (policy.kind === "rejected")
    return { inScope: isDueForCleanup(policy.cutoff), postedAgainSince: at(policy.cutoff) };
  if (policy.kind === "older_than") {
    return {
      inScope: sql`${images.modelKey} = ${policy.modelKey} and ${images.createdAt} < ${at(policy.cutoff)}`,
      postedAgainSince: at(policy.cutoff),
    };
  }
  const group = policy.per === "model" ? sql`newer.model_key` : sql`newer.run_id`;
  // The oldest image the policy keeps in this image's group: the keep-th newest live one, newer than this image.
  const oldestKept = sql`(select newer.created_at from ${images} newer
    where ${group} is not distinct from ${groupColumn(policy.per)} and newer.deleted_at is null
      and (newer.created_at, newer.id) > (${images.createdAt}, ${images.id})
    order by newer.created_at desc, newer.id desc offset ${policy.keep - 1} limit 1)`;
  return {
    inScope: sql`${images.deletedAt} is null and ${oldestKept} is not null`,
    postedAgainSince: oldestKept,
  };
}
