import { z } from "zod";
import { criticNameSchema } from "./critic-name";

/** "critic approved, humans rejected", the reverse, or either (client-safe: the filter UI lists these). */
export const DISAGREEMENTS = ["critic_approved", "critic_rejected", "any"] as const;
export type Disagreement = (typeof DISAGREEMENTS)[number];

export const DISAGREEMENT_LABELS: Record<Disagreement, string> = {
  critic_approved: "Critic approved, humans rejected",
  critic_rejected: "Critic rejected, humans approved",
  any: "Critic and humans disagree",
};

/** The selection fields the critics add: which disagreement, and optionally one critic's. */
export const disagreementFilterShape = {
  disagreement: z
    .enum(DISAGREEMENTS)
    .optional()
    .describe("Where a current critique contradicts the human consensus (approved/rejected)"),
  critic: criticNameSchema.optional().describe("Only this critic's critiques count for disagreement"),
};
