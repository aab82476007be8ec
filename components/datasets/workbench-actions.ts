import type { CaptionHistoryEntry } from "@/lib/datasets/captions/list-caption-history";
import type { RewriteApplied, RewritePlan } from "@/lib/datasets/captions/rewrite-captions";
import type { UndoneChange } from "@/lib/datasets/captions/undo-caption-change";
import type { ActionResult } from "@/lib/http/wrappers/action-result";

/** The server actions the dataset workbench calls, handed down by the page (components never import app/). */
export type WorkbenchActions = {
  updateCaption: (input: unknown) => Promise<ActionResult<{ caption: string; change_id: string | null }>>;
  previewTemplate: (input: unknown) => Promise<ActionResult<RewritePlan>>;
  applyTemplate: (input: unknown) => Promise<ActionResult<RewriteApplied>>;
  previewTags: (input: unknown) => Promise<ActionResult<RewritePlan>>;
  editTags: (input: unknown) => Promise<ActionResult<RewriteApplied>>;
  undoChange: (input: unknown) => Promise<ActionResult<UndoneChange>>;
  loadHistory: (input: unknown) => Promise<ActionResult<{ items: CaptionHistoryEntry[] }>>;
  removeImages: (input: unknown) => Promise<ActionResult<{ removed: number; revision: number }>>;
};

/** Which captions a bulk step acts on: every member, the members this view's filter shows, or the ones ticked. */
export type BulkScope = "all" | "view" | "selection";
