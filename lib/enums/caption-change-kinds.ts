// Client-safe leaf (imports nothing): the CHECK constraint, zod and the workbench's labels derive from it.

/** What made a caption change: a person's edit, a template, a tag operation, or the undo of another change. */
export const CAPTION_CHANGE_KINDS = ["edit", "template", "tags", "undo"] as const;
export type CaptionChangeKind = (typeof CAPTION_CHANGE_KINDS)[number];
