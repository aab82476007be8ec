"use client";

import { useState } from "react";
import { Button, FormMessage } from "@/components/ui/form-controls";
import { CaptionDiffView } from "./caption-diff-view";
import type { useBulkStep } from "./use-bulk-step";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The preview of a bulk step (counts and the first diffs) with its confirmation, then its result with one undo.
 * `asksHandEdited`: the step leaves captions a person typed unless told (templates); tag operations name exactly
 * what they change and always apply, and the preview says how many typed captions that touches.
 */
export function BulkStepResult<F>({
  step,
  asksHandEdited,
}: {
  step: ReturnType<typeof useBulkStep<F>>;
  asksHandEdited: boolean;
}) {
  const [overwrite, setOverwrite] = useState(false);
  const { state } = step;
  return (
    <div className="space-y-2 text-sm" aria-live="polite">
      <FormMessage error={step.error} />
      {state.stage === "planned" ? (
        <div className="space-y-2 rounded-md border border-neutral-700 p-3" data-testid="bulk-preview">
          <p>
            {state.plan.changes === 0
              ? `Nothing to change in ${plural(state.plan.in_scope, "caption")}: it is already applied.`
              : `${plural(state.plan.changes, "caption")} of ${state.plan.in_scope} would change` +
                (state.plan.hand_edited > 0 ? `; ${state.plan.hand_edited} of them typed by a person.` : ".")}
            {state.plan.notes.trigger_in_text
              ? ` ${plural(state.plan.notes.trigger_in_text, "caption")} already hold the trigger word and stay as they are.`
              : null}
          </p>
          <ul className="max-h-72 space-y-1 overflow-y-auto">
            {state.plan.samples.map((sample) => (
              <li key={sample.image_id} className="border-t border-neutral-800 pt-1">
                <CaptionDiffView before={sample.before} after={sample.after} />
                {sample.hand_edited ? <span className="ml-2 text-xs text-amber-300">typed</span> : null}
              </li>
            ))}
          </ul>
          {state.plan.samples.length < state.plan.changes ? (
            <p className="text-xs text-neutral-400">
              The first {state.plan.samples.length} changes are shown.
            </p>
          ) : null}
          {asksHandEdited && state.plan.hand_edited > 0 ? (
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={overwrite}
                onChange={(event) => setOverwrite(event.target.checked)}
              />
              Overwrite the {plural(state.plan.hand_edited, "caption")} a person typed too
            </label>
          ) : null}
          <div className="flex gap-2">
            {state.plan.changes > 0 ? (
              <Button type="button" disabled={step.isPending} onClick={() => step.confirm(overwrite)}>
                Confirm
              </Button>
            ) : null}
            <Button type="button" variant="secondary" disabled={step.isPending} onClick={step.cancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {state.stage === "applied" ? (
        <div className="flex flex-wrap items-center gap-2" role="status">
          <span className="text-emerald-400">
            {plural(state.applied.updated, "caption")} changed
            {state.applied.skipped_hand_edited > 0
              ? `, ${plural(state.applied.skipped_hand_edited, "typed caption")} left as they were`
              : ""}
          </span>
          {state.applied.change_id ? (
            <Button
              type="button"
              variant="secondary"
              className="py-1"
              disabled={step.isPending}
              onClick={step.undo}
            >
              Undo
            </Button>
          ) : null}
        </div>
      ) : null}
      {state.stage === "undone" ? (
        <p role="status" className="text-emerald-400">
          Undone: {plural(state.undone.restored, "caption")} restored
          {state.undone.skipped > 0 ? `, ${state.undone.skipped} changed since and left` : ""}
        </p>
      ) : null}
    </div>
  );
}
