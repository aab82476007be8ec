import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { err, type Result } from "@/lib/result";
import { type CaptionTemplate, captionTemplateSchema, expandTemplate, usesPrompt } from "./caption-template";
import {
  applyCaptionRewrite,
  type CaptionScope,
  captionScopeShape,
  handEditedSchema,
  planCaptionRewrite,
  type Rewrite,
  type RewriteApplied,
  type RewritePlan,
} from "./captions/rewrite-captions";

export const previewCaptionTemplateSchema = captionTemplateSchema.extend(captionScopeShape).strict();
export type PreviewCaptionTemplateInput = z.output<typeof previewCaptionTemplateSchema>;

export const applyCaptionTemplateSchema = previewCaptionTemplateSchema
  .extend({
    /** Captions a person typed: "skip" (the default) leaves them, "overwrite" rewrites them too. */
    hand_edited: handEditedSchema.optional(),
    /** The preview's revision: the template then refuses (409) if the dataset changed since. */
    expected_revision: z.number().int().min(0).optional(),
  })
  .strict();
export type ApplyCaptionTemplateInput = z.output<typeof applyCaptionTemplateSchema>;

/** What the template would do, without doing it: counts, captions a person typed, and the first diffs. */
export async function previewCaptionTemplate(
  db: Database,
  datasetId: string,
  input: PreviewCaptionTemplateInput,
): Promise<Result<RewritePlan>> {
  const checked = checkTemplate(input);
  if (!checked.ok) return checked;
  return planCaptionRewrite(db, datasetId, scopeOf(input), rewriteWith(input), {
    withPrompt: usesPrompt(input),
  });
}

/**
 * Rewrites captions from a template in one transaction (lib/datasets/captions/rewrite-captions.ts): idempotent
 * (applying it twice is applying it once), captions a person typed left unless asked, one undo for all of it.
 * Every caption it makes is at most MAX_CAPTION_CHARS, however often `{caption}` repeats.
 */
export async function applyCaptionTemplate(
  db: Database,
  datasetId: string,
  input: ApplyCaptionTemplateInput,
  createdBy: string | null = null,
): Promise<Result<RewriteApplied>> {
  const checked = checkTemplate(input);
  if (!checked.ok) return checked;
  return applyCaptionRewrite(db, datasetId, scopeOf(input), rewriteWith(input), {
    withPrompt: usesPrompt(input),
    expectedRevision: input.expected_revision,
    handEdited: input.hand_edited ?? "skip",
    change: { kind: "template", summary: describeTemplate(input), createdBy },
  });
}

function checkTemplate(input: CaptionTemplate): Result<void> {
  if (input.template.includes("{trigger}") && !input.trigger) {
    return err("invalid_request", "template uses {trigger}: send trigger too");
  }
  return { ok: true, value: undefined };
}

const scopeOf = (input: CaptionScope): CaptionScope => ({ image_ids: input.image_ids, filter: input.filter });

function rewriteWith(template: CaptionTemplate): Rewrite {
  return (member) => {
    const expansion = expandTemplate(template, member);
    return expansion.triggerInside ? { after: null, note: "trigger_in_text" } : { after: expansion.caption };
  };
}

const describeTemplate = (template: CaptionTemplate) =>
  `template ${template.template}${template.trigger ? ` (trigger ${template.trigger})` : ""}`;
