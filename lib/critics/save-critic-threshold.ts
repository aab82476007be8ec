import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/db/client";
import { fencedWrite } from "@/lib/db/request-fence";
import { criticSettings } from "@/lib/db/schema";
import { ok, type Result } from "@/lib/result";
import { criticNameSchema } from "./critic-name";

export const saveCriticThresholdSchema = z.object({
  critic: criticNameSchema,
  approveThreshold: z.coerce
    .number("the threshold must be a number")
    .min(0, "the threshold is between 0 and 1")
    .max(1, "the threshold is between 0 and 1"),
});
export type SaveCriticThresholdInput = z.output<typeof saveCriticThresholdSchema>;

/**
 * Sets the normalised score from which a critic without a decision counts as approving; the disagreement
 * filter and the critic report read it at query time, so it applies at once.
 */
export async function saveCriticThreshold(
  db: Queryable,
  actor: { id: string },
  input: SaveCriticThresholdInput,
): Promise<Result<SaveCriticThresholdInput>> {
  await fencedWrite(db, (q) =>
    q
      .insert(criticSettings)
      .values({ critic: input.critic, approveThreshold: input.approveThreshold, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: criticSettings.critic,
        set: { approveThreshold: input.approveThreshold, updatedBy: actor.id },
      }),
  );
  return ok(input);
}
