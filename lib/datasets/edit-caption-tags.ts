import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import {
  applyTagOperation,
  type CaptionTagOperation,
  captionTagOperationSchema,
  describeTagOperation,
} from "./caption-tags";
import {
  applyCaptionRewrite,
  captionScopeShape,
  planCaptionRewrite,
  type Rewrite,
  type RewriteApplied,
  type RewritePlan,
} from "./captions/rewrite-captions";

export const previewCaptionTagsSchema = z
  .object({ operation: captionTagOperationSchema, ...captionScopeShape })
  .strict();
export type PreviewCaptionTagsInput = z.output<typeof previewCaptionTagsSchema>;

export const editCaptionTagsSchema = previewCaptionTagsSchema
  .extend({ expected_revision: z.number().int().min(0).optional() })
  .strict();
export type EditCaptionTagsInput = z.output<typeof editCaptionTagsSchema>;

/** How many captions a tag operation would change (and how many of those a person typed), with the first diffs. */
export function previewCaptionTags(
  db: Database,
  datasetId: string,
  input: PreviewCaptionTagsInput,
): Promise<Result<RewritePlan>> {
  return planCaptionRewrite(db, datasetId, input, rewriteWith(input.operation), { withPrompt: false });
}

/**
 * Adds, removes, renames or replaces a tag in every caption in scope, in one transaction and one undoable change.
 * A tag operation names exactly what it changes, so it also changes captions a person typed (the preview says
 * how many). Idempotent: a second run finds nothing left to change.
 */
export function editCaptionTags(
  db: Database,
  datasetId: string,
  input: EditCaptionTagsInput,
  createdBy: string | null = null,
): Promise<Result<RewriteApplied>> {
  return applyCaptionRewrite(db, datasetId, input, rewriteWith(input.operation), {
    withPrompt: false,
    expectedRevision: input.expected_revision,
    handEdited: "overwrite",
    change: { kind: "tags", summary: describeTagOperation(input.operation), createdBy },
  });
}

function rewriteWith(operation: CaptionTagOperation): Rewrite {
  return (member) => ({ after: applyTagOperation(member.caption, operation) });
}
