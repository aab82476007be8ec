"use client";

import { settled } from "@/components/actions/settle-actions";
import { ReasonPicker } from "@/components/review/reason-picker";
import type { ReviewActions } from "@/components/review/review-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BulkChange } from "@/lib/enums/bulk-rule";
import type { TagView } from "@/lib/tags/tag-input";
import { CriticsRuleDialog } from "./critics-rule-dialog";
import type { GalleryActions } from "./gallery-actions";
import { type BulkTargetInput, describeDone } from "./use-bulk-review";

/** The one dialog open over the grid: a whole-view change to confirm, the critics' rule, or reasons (T). */
export type GridDialog =
  | { kind: "confirm"; change: BulkChange; target: BulkTargetInput; count: number }
  | { kind: "critics" }
  | { kind: "reasons"; index: number };

type Confirmed = {
  input: { target: BulkTargetInput; change: BulkChange; expectedCount: number };
  sayDone: (count: number) => string;
};

const VERB = { approve: "Approve", reject: "Reject", skip: "Skip" } as const;

function questionOf(change: BulkChange, count: number, tags: TagView[]): { title: string; label: string } {
  const all = `all ${count.toLocaleString("en-US")} images in this view`;
  if (change.action === "decide")
    return { title: `${VERB[change.decision]} ${all}?`, label: `${VERB[change.decision]} ${count}` };
  if (change.action === "score") return { title: `Score ${all} ★${change.score}?`, label: `Score ${count}` };
  const name = tags.find((tag) => tag.id === change.tagId)?.name ?? "this reason";
  return { title: `Give ${all} the reason “${name}”?`, label: `Give ${count} the reason` };
}

export function GridDialogs({
  dialog,
  view,
  loadedCount,
  critics,
  tags,
  actions,
  createLabel,
  isPending,
  onReason,
  onConfirm,
  onClose,
}: {
  dialog: GridDialog | null;
  view: string;
  loadedCount: number;
  critics: string[];
  tags: TagView[];
  actions: GalleryActions;
  createLabel: ReviewActions["createLabel"];
  isPending: boolean;
  onReason: (tagId: string, index: number) => void;
  onConfirm: (confirmed: Confirmed) => void;
  /** Closes the dialog of this kind (a reason chosen for a whole view opens its confirmation instead). */
  onClose: (kind: GridDialog["kind"]) => void;
}) {
  if (!dialog) return null;
  if (dialog.kind === "confirm") {
    const { title, label } = questionOf(dialog.change, dialog.count, tags);
    const change = dialog.change;
    const reason = change.action === "reason" ? tags.find((tag) => tag.id === change.tagId)?.name : undefined;
    return (
      <ConfirmDialog
        title={title}
        confirmLabel={label}
        variant={change.action === "decide" && change.decision === "reject" ? "danger" : "primary"}
        isBusy={isPending}
        onConfirm={() =>
          onConfirm({
            input: { target: dialog.target, change, expectedCount: dialog.count },
            sayDone: (count) => describeDone(change, count, reason),
          })
        }
        onCancel={() => onClose("confirm")}
      >
        <p>
          Every image the filter matches, not only the {loadedCount} loaded. It is recorded as your decision
          on each, with this view as the rule; Undo takes it all back.
        </p>
      </ConfirmDialog>
    );
  }
  if (dialog.kind === "critics") {
    return (
      <CriticsRuleDialog
        view={view}
        critics={critics}
        previewBulk={actions.previewBulk}
        isBusy={isPending}
        onConfirm={(target, count) =>
          onConfirm({
            input: { target, change: { action: "decide", decision: target.verdict }, expectedCount: count },
            sayDone: (done) =>
              `${target.verdict === "approve" ? "Approved" : "Rejected"} ${done} by the critics' rule`,
          })
        }
        onCancel={() => onClose("critics")}
      />
    );
  }
  return (
    <div className="fixed inset-0 z-50 bg-black/40">
      <ReasonPicker
        tags={tags}
        chosen={[]}
        onToggle={(tagId) => onReason(tagId, dialog.index)}
        onCreateLabel={async (name) => {
          const created = await settled(createLabel)({ name });
          if (created.ok) onReason(created.data.id, dialog.index);
        }}
        onClose={() => onClose("reasons")}
      />
    </div>
  );
}
