import { z } from "zod";
import { storableString } from "@/lib/zod/storable";
import { tidyCaption } from "./caption-from-prompt";

// A tag-style caption is its comma-separated parts. One meaning everywhere: split at every comma and trim spaces
// only, exactly as the SQL of the vocabulary and the tag search does (lib/datasets/caption-tag-sql.ts). A stored
// caption is tidy (lib/datasets/caption-from-prompt.ts), so it holds no other whitespace to trim.

/** The caption's tags in order, duplicates kept. */
export function splitTags(caption: string): string[] {
  return caption
    .split(",")
    .map((part) => part.replace(/^ +| +$/g, ""))
    .filter((part) => part !== "");
}

export function joinTags(tags: readonly string[]): string {
  return tidyCaption(tags.join(", "));
}

const MAX_TAG_CHARS = 200;

/** One tag as a client names it: no comma (it would be two tags), no surrounding spaces, storable. */
export const captionTagSchema = storableString()
  .transform((value) => tidyCaption(value))
  .pipe(
    z
      .string()
      .min(1, "a tag must not be empty")
      .max(MAX_TAG_CHARS, `a tag holds at most ${MAX_TAG_CHARS} characters`)
      .refine((value) => !value.includes(","), "a tag must not contain a comma"),
  );

export const captionTagOperationSchema = z.discriminatedUnion("op", [
  z
    .object({
      op: z.literal("add"),
      tag: captionTagSchema,
      position: z.enum(["start", "end"]).default("end"),
    })
    .strict(),
  z.object({ op: z.literal("remove"), tag: captionTagSchema }).strict(),
  z.object({ op: z.literal("rename"), tag: captionTagSchema, to: captionTagSchema }).strict(),
  z
    .object({
      op: z.literal("replace"),
      tag: captionTagSchema,
      with: z.array(captionTagSchema).min(1).max(50),
    })
    .strict(),
]);
export type CaptionTagOperation = z.output<typeof captionTagOperationSchema>;

/**
 * The caption after the operation, or null when it leaves the caption as it is. Idempotent: a tag is never added
 * where it already is (an add, or a rename or replace onto a tag the caption has, keeps the first one).
 */
export function applyTagOperation(caption: string, operation: CaptionTagOperation): string | null {
  const changed = rewriteTags(caption, operation);
  return changed === null || changed === caption ? null : changed;
}

function rewriteTags(caption: string, operation: CaptionTagOperation): string | null {
  const tags = splitTags(caption);
  switch (operation.op) {
    case "add":
      if (tags.includes(operation.tag)) return null;
      return joinTags(operation.position === "start" ? [operation.tag, ...tags] : [...tags, operation.tag]);
    case "remove":
      if (!tags.includes(operation.tag)) return null;
      return joinTags(tags.filter((tag) => tag !== operation.tag));
    case "rename":
      return replaceTag(tags, operation.tag, [operation.to]);
    case "replace":
      return replaceTag(tags, operation.tag, operation.with);
  }
}

/** Each `from` becomes `to`, minus the tags the caption has besides it (a rename onto an existing tag merges). */
function replaceTag(tags: string[], from: string, to: readonly string[]): string | null {
  if (!tags.includes(from)) return null;
  const others = new Set(tags.filter((tag) => tag !== from));
  const inserted = new Set<string>();
  const result = tags.flatMap((tag) => {
    if (tag !== from) return [tag];
    const fresh = to.filter((name) => !others.has(name) && !inserted.has(name));
    for (const name of fresh) inserted.add(name);
    return fresh;
  });
  return joinTags(result);
}

/** "rename tag a → b", for the change list and the confirmation. */
export function describeTagOperation(operation: CaptionTagOperation): string {
  switch (operation.op) {
    case "add":
      return `add tag ${operation.tag} at the ${operation.position}`;
    case "remove":
      return `remove tag ${operation.tag}`;
    case "rename":
      return `rename tag ${operation.tag} → ${operation.to}`;
    case "replace":
      return `replace tag ${operation.tag} with ${operation.with.join(", ")}`;
  }
}
