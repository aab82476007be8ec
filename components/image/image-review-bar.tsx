"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { ReviewActions } from "@/components/review/review-actions";
import { useReviewHotkeys } from "@/components/review/review-hotkeys";
import { cn } from "@/components/ui/cn";
import { StatusBadge } from "@/components/viewer/status-badge";
import type { ReviewStatus } from "@/lib/enums/image-enums";
import type { ReviewDecision } from "@/lib/enums/review-enums";

const DECISIONS: [ReviewDecision, string, string, string][] = [
  ["approve", "Approve", "A", "bg-emerald-700 text-white hover:bg-emerald-600"],
  ["reject", "Reject", "X", "bg-red-700 text-white hover:bg-red-600"],
  ["skip", "Skip", "S", "bg-neutral-200 text-neutral-900 hover:bg-neutral-300"],
];

/**
 * The reviewer's own decision and score on the image page, as buttons and review mode's keys (A X S 1–5); a
 * pressed decision or score pressed again takes it back. The page's history and status follow after each save.
 */
export function ImageReviewBar({
  imageId,
  initial,
  status: initialStatus,
  record,
  isEnabled,
}: {
  imageId: string;
  initial: { decision: ReviewDecision | null; score: number | null };
  status: ReviewStatus;
  record: ReviewActions["record"];
  isEnabled: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [status, setStatus] = useState(initialStatus);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const save = (
    change: { action: "decide"; decision: ReviewDecision | null } | { action: "score"; score: number | null },
  ) =>
    startTransition(async () => {
      const result = await settled(record)({ ...change, imageId });
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setState({ decision: result.data.state.decision, score: result.data.state.score });
      setStatus(result.data.reviewStatus);
      router.refresh();
    });
  const decide = (decision: ReviewDecision) =>
    save({ action: "decide", decision: state.decision === decision ? null : decision });
  const score = (value: number) => save({ action: "score", score: state.score === value ? null : value });
  useReviewHotkeys(
    {
      a: () => decide("approve"),
      x: () => decide("reject"),
      s: () => decide("skip"),
      ...Object.fromEntries([1, 2, 3, 4, 5].map((value) => [String(value), () => score(value)])),
    },
    isEnabled && !isPending,
  );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="image-review">
      <span className="text-neutral-400">Your review:</span>
      {DECISIONS.map(([decision, label, key, style]) => (
        <button
          key={decision}
          type="button"
          aria-pressed={state.decision === decision}
          disabled={isPending}
          onClick={() => decide(decision)}
          className={cn(
            "min-h-10 rounded-md px-3 font-medium md:min-h-8",
            state.decision === decision ? style : "border border-neutral-700 hover:bg-neutral-800",
          )}
        >
          {label} <kbd className="hidden text-xs opacity-75 md:inline">{key}</kbd>
        </button>
      ))}
      <span className="flex gap-1">
        {[1, 2, 3, 4, 5].map((value) => (
          <button
            key={value}
            type="button"
            aria-label={`Score ${value}`}
            aria-pressed={state.score === value}
            disabled={isPending}
            onClick={() => score(value)}
            className={cn(
              "min-h-10 min-w-10 rounded-md border border-neutral-700 md:min-h-8 md:min-w-8",
              state.score !== null && value <= state.score ? "text-amber-300" : "text-neutral-400",
            )}
          >
            ★{value}
          </button>
        ))}
      </span>
      <span className="flex items-center gap-1 text-xs text-neutral-400" data-testid="image-status">
        consensus: {status === "unreviewed" ? "unreviewed" : <StatusBadge status={status} />}
      </span>
      {error ? (
        <span role="alert" className="text-xs text-red-400">
          {error}
        </span>
      ) : null}
    </div>
  );
}
