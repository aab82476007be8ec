import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { datasetImages, images } from "@/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { captionFromPrompt, MAX_CAPTION_CHARS, tidyCaption } from "./caption-from-prompt";
import { captionSourceColumns } from "./caption-source";
import { getDatasetRow } from "./find-dataset";

const PLACEHOLDERS = ["caption", "prompt", "trigger"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{([a-z_]+)\}/g;
const MAX_TEMPLATE_CHARS = 2000;

/**
 * `{caption}` is the current caption, `{prompt}` the cleaned prompt, `{trigger}` the given trigger word:
 * `"{trigger}, {caption}"` prefixes every caption with a trigger word.
 */
export const applyCaptionTemplateSchema = z
  .object({
    template: z
      .string()
      .min(1)
      .max(MAX_TEMPLATE_CHARS)
      .refine(
        (template) =>
          [...template.matchAll(PLACEHOLDER)].every((match) =>
            (PLACEHOLDERS as readonly string[]).includes(match[1] ?? ""),
          ),
        `template may use only ${PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}`,
      ),
    trigger: storableString().trim().min(1).max(200).optional(),
    /** Only these images; default every image of the dataset. */
    image_ids: z.array(z.uuid()).min(1).max(10_000).optional(),
  })
  .strict();
export type ApplyCaptionTemplateInput = z.output<typeof applyCaptionTemplateSchema>;

const BATCH = 500;

/**
 * Rewrites captions from a template in one transaction; returns how many changed. Each batch of members is locked
 * before it is read, so a caption edited meanwhile is either in the template's input (the edit committed first)
 * or refused as stale (the edit's expected_caption no longer matches): a template never writes over an edit it
 * did not see. Every caption it makes is at most MAX_CAPTION_CHARS, however often `{caption}` repeats.
 */
export async function applyCaptionTemplate(
  db: Database,
  datasetId: string,
  input: ApplyCaptionTemplateInput,
): Promise<Result<{ updated: number }>> {
  if (input.template.includes("{trigger}") && !input.trigger) {
    return err("invalid_request", "template uses {trigger}: send trigger too");
  }
  const dataset = await getDatasetRow(db, datasetId);
  if (!dataset.ok) return dataset;
  const updated = await db.transaction(async (tx) => {
    let changed = 0;
    let after: string | null = null;
    for (;;) {
      const rows = await lockedMembers(tx, datasetId, input.image_ids, after);
      const captions = rows
        .map((row) => ({ imageId: row.imageId, before: row.caption, caption: expand(input, row) }))
        .filter((row) => row.caption !== row.before);
      await writeCaptions(tx, datasetId, captions);
      changed += captions.length;
      after = rows.at(-1)?.imageId ?? null;
      if (!after || rows.length < BATCH) return changed;
    }
  });
  return ok({ updated });
}

type Member = { imageId: string; caption: string | null; prompt: string | null };

/** The next batch of members after `after` (by image id), locked for this transaction before they are read. */
function lockedMembers(
  tx: Transaction,
  datasetId: string,
  imageIds: string[] | undefined,
  after: string | null,
): Promise<Member[]> {
  return tx
    .select({
      imageId: datasetImages.imageId,
      caption: datasetImages.caption,
      prompt: captionSourceColumns.prompt,
    })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(
      and(
        eq(datasetImages.datasetId, datasetId),
        imageIds ? inArray(datasetImages.imageId, imageIds) : undefined,
        after ? gt(datasetImages.imageId, after) : undefined,
      ),
    )
    .orderBy(asc(datasetImages.imageId))
    .limit(BATCH)
    .for("update", { of: datasetImages });
}

/**
 * The template with its placeholders filled, made into a caption. Filling stops once the text is longer than any
 * caption can be (plus what tidying may remove), so `{caption}` × 222 costs what one caption does.
 */
function expand(input: ApplyCaptionTemplateInput, member: Member): string {
  const value: Record<Placeholder, () => string> = {
    caption: () => tidyCaption(member.caption ?? ""),
    prompt: () => captionFromPrompt(member.prompt),
    trigger: () => input.trigger ?? "",
  };
  const budget = 2 * MAX_CAPTION_CHARS + MAX_TEMPLATE_CHARS;
  let text = "";
  let rest = 0;
  for (const match of input.template.matchAll(PLACEHOLDER)) {
    text += input.template.slice(rest, match.index) + value[match[1] as Placeholder]();
    rest = match.index + match[0].length;
    if (text.length > budget) return tidyCaption(text);
  }
  return tidyCaption(text + input.template.slice(rest));
}

async function writeCaptions(
  tx: Transaction,
  datasetId: string,
  captions: { imageId: string; caption: string }[],
): Promise<void> {
  if (captions.length === 0) return;
  const list = sql.join(
    captions.map((row) => sql`(${row.imageId}::uuid, ${row.caption})`),
    sql`, `,
  );
  await tx.execute(sql`update ${datasetImages} set caption = v.caption
    from (values ${list}) as v(image_id, caption)
    where ${datasetImages.datasetId} = ${datasetId} and ${datasetImages.imageId} = v.image_id`);
}
