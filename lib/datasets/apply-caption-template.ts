import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { datasetImages, images } from "@/db/schema";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { captionFromPrompt, tidyCaption } from "./caption-from-prompt";
import { getDatasetRow } from "./find-dataset";

const PLACEHOLDERS = ["caption", "prompt", "trigger"] as const;
const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * `{caption}` is the current caption, `{prompt}` the cleaned prompt, `{trigger}` the given trigger word:
 * `"{trigger}, {caption}"` prefixes every caption with a trigger word.
 */
export const applyCaptionTemplateSchema = z
  .object({
    template: z
      .string()
      .min(1)
      .max(2000)
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

const UPDATE_BATCH = 1000;

/** Rewrites captions from a template in one transaction; returns how many changed. */
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
  const rows = await db
    .select({ imageId: datasetImages.imageId, caption: datasetImages.caption, prompt: images.prompt })
    .from(datasetImages)
    .innerJoin(images, eq(images.id, datasetImages.imageId))
    .where(
      and(
        eq(datasetImages.datasetId, datasetId),
        input.image_ids ? inArray(datasetImages.imageId, input.image_ids) : undefined,
      ),
    );
  const values: Record<(typeof PLACEHOLDERS)[number], (row: (typeof rows)[number]) => string> = {
    caption: (row) => row.caption ?? "",
    prompt: (row) => captionFromPrompt(row.prompt),
    trigger: () => input.trigger ?? "",
  };
  const changed = rows
    .map((row) => ({
      imageId: row.imageId,
      before: row.caption,
      caption: tidyCaption(
        input.template.replace(PLACEHOLDER, (_, name: keyof typeof values) => values[name](row)),
      ),
    }))
    .filter((row) => row.caption !== row.before);
  await db.transaction(async (tx) => {
    for (let start = 0; start < changed.length; start += UPDATE_BATCH) {
      const batch = changed.slice(start, start + UPDATE_BATCH);
      const list = sql.join(
        batch.map((row) => sql`(${row.imageId}::uuid, ${row.caption})`),
        sql`, `,
      );
      await tx.execute(sql`update ${datasetImages} set caption = v.caption
        from (values ${list}) as v(image_id, caption)
        where ${datasetImages.datasetId} = ${datasetId} and ${datasetImages.imageId} = v.image_id`);
    }
  });
  return ok({ updated: changed.length });
}
