import { cn } from "@/components/ui/cn";
import {
  diffReviewDetails,
  formatReviewDetail,
  OPTIONAL_DETAIL_FIELDS,
  REVIEW_DETAIL_FIELDS,
  type ReviewDetails,
} from "@/lib/review/review-details";

/**
 * Every generation setting of the image, with the ones that changed since the previous image marked (what a
 * sweep varied), and the critics' latest scores.
 */
export function ReviewSettingsList({
  details,
  previous,
}: {
  details: ReviewDetails | undefined;
  previous: ReviewDetails | null;
}) {
  if (!details) return <p className="text-xs text-neutral-500">Loading settings…</p>;
  const changed = new Set(diffReviewDetails(previous, details));
  return (
    <div className="space-y-2">
      {changed.size > 0 ? (
        <p className="text-xs text-amber-300" data-testid="review-diff">
          Changed since the previous image:{" "}
          {REVIEW_DETAIL_FIELDS.filter(([field]) => changed.has(field))
            .map(([, label]) => label)
            .join(", ")}
        </p>
      ) : null}
      {/* minmax(0, …) and overflow-wrap: a long model name or an unbroken prompt wraps inside the panel. */}
      <dl
        className="grid grid-cols-[5rem_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs [overflow-wrap:anywhere]"
        data-testid="review-settings"
      >
        {REVIEW_DETAIL_FIELDS.filter(
          ([field]) => !OPTIONAL_DETAIL_FIELDS.has(field) || formatReviewDetail(details, field) !== "—",
        ).map(([field, label]) => (
          <div
            key={field}
            className="contents"
            data-field={field}
            data-changed={changed.has(field) || undefined}
          >
            <dt className="text-neutral-500">{label}</dt>
            <dd
              className={cn(
                "min-w-0 whitespace-pre-wrap",
                field === "prompt" && "text-neutral-300",
                changed.has(field) && "rounded bg-amber-950 px-1 text-amber-300",
              )}
              data-testid={field === "prompt" ? "review-prompt" : undefined}
            >
              {formatReviewDetail(details, field)}
            </dd>
          </div>
        ))}
        <dt className="text-neutral-500">Critics</dt>
        <dd data-testid="review-critics">
          {details.critiques.length > 0
            ? details.critiques
                .map((critique) => `${critique.critic} ${critique.score ?? critique.decision ?? "—"}`)
                .join(", ")
            : "none yet"}
        </dd>
      </dl>
    </div>
  );
}
