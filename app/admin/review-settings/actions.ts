"use server";

import { revalidatePath } from "next/cache";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { updateReviewRule, updateReviewRuleSchema } from "@/lib/review/update-review-rule";

/** Saves the consensus rule; every reviewed image's status is re-derived under it. */
export const saveReviewRuleAction = stateAction(
  { name: "saveReviewRule", access: "admin", input: updateReviewRuleSchema },
  async ({ ctx, user, input }) => {
    const saved = await updateReviewRule(ctx.db, user, input);
    revalidatePath("/admin/review-settings");
    return saved;
  },
);
