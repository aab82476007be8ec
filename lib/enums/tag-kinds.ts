// Client-safe leaf (imports nothing): the tags CHECK constraint, the zod schema and the tag forms derive from it.

export const TAG_KINDS = ["reject_reason", "approve_reason", "label"] as const;
export type TagKind = (typeof TAG_KINDS)[number];
