import type { ReviewDecision } from "@/lib/enums/review-enums";

/** One reviewer's current judgement of one image; every review event stores the state it left behind. */
export type ReviewState = {
  decision: ReviewDecision | null;
  score: number | null;
  note: string | null;
  tagIds: string[];
};

export const EMPTY_REVIEW_STATE: ReviewState = { decision: null, score: null, note: null, tagIds: [] };

export function isEmptyReviewState(state: ReviewState): boolean {
  return state.decision === null && state.score === null && state.note === null && state.tagIds.length === 0;
}

export function isSameReviewState(a: ReviewState, b: ReviewState): boolean {
  return (
    a.decision === b.decision && a.score === b.score && a.note === b.note && isSameTagSet(a.tagIds, b.tagIds)
  );
}

export function isSameTagSet(a: string[], b: string[]): boolean {
  return [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
}
