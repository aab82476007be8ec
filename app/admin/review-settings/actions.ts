"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";
import { updateReviewRule, updateReviewRuleSchema } from "@/lib/review/update-review-rule";

/** Saves the consensus rule; every reviewed image's status is re-derived under it. */
export async function saveReviewRuleAction(
  _previous: unknown,
  form: unknown,
): Promise<ActionResult<{ approvalsRequired: number; rejectionsRequired: number; changed: number }>> {
  return runAction("saveReviewRule", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const fields = form instanceof FormData ? Object.fromEntries(form) : {};
    const saved = await updateReviewRule(getDb(), admin.value, updateReviewRuleSchema.parse(fields));
    revalidatePath("/admin/review-settings");
    return saved;
  });
}
