import "server-only";
import { type Column, sql } from "drizzle-orm";
import { images } from "@/lib/db/schema";
import { captionFromPrompt, MAX_CAPTION_CHARS, tidyCaption } from "./caption-from-prompt";

// A caption is at most MAX_CAPTION_CHARS, so no more of a prompt (which a file can make megabytes long) is read
// than could fill one after network tags and extra whitespace are dropped.
const PROMPT_CHARS_READ = 4 * MAX_CAPTION_CHARS;

/** What a default caption is made of: the head of the prompt, or of an imported sidecar caption. */
export const captionSourceColumns = {
  id: images.id,
  prompt: sql<string | null>`left(${images.prompt}, ${PROMPT_CHARS_READ})`,
  sidecar: sql<string | null>`case when jsonb_typeof(${images.params}->'caption') = 'string'
    then left(${images.params}->>'caption', ${PROMPT_CHARS_READ}) end`,
};
export type CaptionSource = { id: string; prompt: string | null; sidecar: string | null };

/** A new dataset member's caption: its prompt's, else the sidecar caption the importer kept. */
export function defaultCaption(source: CaptionSource): string {
  return captionFromPrompt(source.prompt ?? source.sidecar);
}

/**
 * A stored caption as a freeze or an export takes it ("" for none): no longer than a caption can be (one saved
 * before the cap, or by a template before it could not amplify, is cut), and read no longer than that either.
 */
export function storedCaption(column: Column) {
  return sql<string>`coalesce(left(${column}, ${MAX_CAPTION_CHARS}), '')`.mapWith(tidyCaption);
}
