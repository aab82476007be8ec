// Client-safe leaf (imports nothing): lib/db/schema CHECK constraints and the critic API's zod schemas derive from these.

/** The score scales a critic may declare; each maps linearly onto 0–1 (lib/critics/critique-input.ts). */
export const CRITIC_SCALES = ["0-1", "1-5", "1-10", "0-100"] as const;
export type CriticScale = (typeof CRITIC_SCALES)[number];

export const CRITIC_DECISIONS = ["approve", "reject"] as const;
export type CriticDecision = (typeof CRITIC_DECISIONS)[number];
