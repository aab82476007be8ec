// Client-safe leaf (imports nothing): lib/db/schema CHECK constraints, zod schemas and the review UI derive from these.

export const REVIEW_DECISIONS = ["approve", "reject", "skip"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

// What a review event did (review_events.action). The constraint also allows "clear", which no code path writes today.
export const REVIEW_EVENT_ACTIONS = ["decide", "score", "note", "tag", "undo", "clear"] as const;
