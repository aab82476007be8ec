"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { RewriteApplied, RewritePlan } from "@/lib/datasets/captions/rewrite-captions";
import type { UndoneChange } from "@/lib/datasets/captions/undo-caption-change";
import type { ActionResult } from "@/lib/http/wrappers/action-result";

export type BulkStepState<F> =
  | { stage: "idle" }
  | { stage: "planned"; fields: F; plan: RewritePlan }
  | { stage: "applied"; applied: RewriteApplied }
  | { stage: "undone"; undone: UndoneChange };

type Steps<F> = {
  preview: (fields: F) => Promise<ActionResult<RewritePlan>>;
  /** Sends the plan's revision: a dataset changed since the preview is refused, never acted on blind. */
  apply: (
    fields: F,
    plan: RewritePlan,
    overwriteHandEdited: boolean,
  ) => Promise<ActionResult<RewriteApplied>>;
  undo: (changeId: string) => Promise<ActionResult<UndoneChange>>;
};

/**
 * A bulk caption step as the workbench runs it: preview (nothing written), confirm against the preview's
 * revision, then one undo. A refused confirmation (the dataset changed) previews again, so the person sees what
 * the step would now do before confirming anew.
 */
export function useBulkStep<F>(steps: Steps<F>) {
  const router = useRouter();
  const [state, setState] = useState<BulkStepState<F>>({ stage: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const preview = (fields: F) =>
    startTransition(async () => {
      const plan = await settled(steps.preview)(fields);
      setError(plan.ok ? null : plan.error.message);
      setState(plan.ok ? { stage: "planned", fields, plan: plan.data } : { stage: "idle" });
    });

  const confirm = (overwriteHandEdited: boolean) =>
    startTransition(async () => {
      if (state.stage !== "planned") return;
      const applied = await settled(steps.apply)(state.fields, state.plan, overwriteHandEdited);
      if (applied.ok) {
        setError(null);
        setState({ stage: "applied", applied: applied.data });
        router.refresh();
        return;
      }
      setError(applied.error.message);
      if (applied.error.code === "conflict") {
        const plan = await settled(steps.preview)(state.fields);
        if (plan.ok) setState({ stage: "planned", fields: state.fields, plan: plan.data });
      }
    });

  const undo = () =>
    startTransition(async () => {
      if (state.stage !== "applied" || !state.applied.change_id) return;
      const undone = await settled(steps.undo)(state.applied.change_id);
      setError(undone.ok ? null : undone.error.message);
      if (undone.ok) setState({ stage: "undone", undone: undone.data });
      router.refresh();
    });

  const cancel = () => {
    setError(null);
    setState({ stage: "idle" });
  };

  return { state, error, isPending, preview, confirm, undo, cancel };
}
