import "server-only";
import { sql } from "drizzle-orm";
import { csvLine } from "@/lib/csv/csv-cell";
import type { Queryable } from "@/lib/db/client";
import { critiques, images, reviewReasons, reviews, tags } from "@/lib/db/schema";
import { isTextCut, textPreview } from "@/lib/images/preview/list-preview";
import { PREVIEW_LIMITS } from "@/lib/images/preview/list-preview-limits";
import { criticRows, criticVerdict, humanVerdict } from "./critic-sql";

/** One disagreement as a training signal for the critic: what the image is, what humans said, what the critic said. */
export type DisagreementRow = {
  sha256: string;
  object_key: string;
  /** A preview (lib/images/list-preview.ts); prompt_truncated says when the prompt is longer. */
  prompt: string | null;
  prompt_truncated: boolean;
  model: string | null;
  human_decision: string;
  human_reasons: string[];
  critic: string;
  critic_version: string;
  critic_decision: string;
  score: number | null;
  scale: string | null;
  score_normalized: number | null;
  critic_reasons: string[];
};

const PAGE = 500;

/**
 * Every current critique of the critic version that contradicts the human consensus, page by page (keyset on
 * the critique id), so an export of any size holds one page in memory.
 */
export async function* listDisagreementRows(
  db: Queryable,
  input: { critic: string; version: string },
): AsyncGenerator<DisagreementRow> {
  let after: string | null = null;
  for (;;) {
    const page: (DisagreementRow & { id: string })[] = await db.execute<DisagreementRow & { id: string }>(sql`
      select ${critiques.id} as id, ${images.sha256} as sha256, ${images.objectKey} as object_key,
        ${textPreview(images.prompt, PREVIEW_LIMITS.prompt)} as prompt,
        ${isTextCut(images.prompt, PREVIEW_LIMITS.prompt)} as prompt_truncated,
        ${textPreview(images.model, PREVIEW_LIMITS.name)} as model, ${humanVerdict} as human_decision,
        coalesce((select jsonb_agg(distinct ${tags.name}) from ${reviewReasons}
          join ${reviews} on ${reviews.id} = ${reviewReasons.reviewId} join ${tags} on ${tags.id} = ${reviewReasons.tagId}
          where ${reviews.imageId} = ${images.id}), '[]'::jsonb) as human_reasons,
        ${critiques.critic} as critic, ${critiques.criticVersion} as critic_version,
        ${criticVerdict} as critic_decision, ${critiques.score} as score, ${critiques.scale} as scale,
        ${critiques.scoreNormalized} as score_normalized, ${critiques.reasons} as critic_reasons
      from ${criticRows(input.critic, input.version)}
        and ${humanVerdict} is not null and ${criticVerdict} <> ${humanVerdict}
        ${after ? sql`and ${critiques.id} > ${after}::uuid` : sql``}
      order by ${critiques.id} limit ${PAGE}`);
    for (const { id: _id, ...row } of page) yield row;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = last.id;
  }
}

const CSV_COLUMNS = [
  "sha256",
  "object_key",
  "prompt",
  "prompt_truncated",
  "model",
  "human_decision",
  "human_reasons",
  "critic",
  "critic_version",
  "critic_decision",
  "score",
  "scale",
  "score_normalized",
  "critic_reasons",
] as const satisfies readonly (keyof DisagreementRow)[];

export function disagreementCsvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

export function disagreementCsvLine(row: DisagreementRow): string {
  return csvLine(CSV_COLUMNS.map((column) => row[column]));
}
