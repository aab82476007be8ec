"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import {
  type SaveCriticThresholdInput,
  saveCriticThreshold,
  saveCriticThresholdSchema,
} from "@/lib/critics/save-critic-threshold";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";

/** Sets a critic's approve threshold; disagreement and the critic report use it at once. */
export async function saveCriticThresholdAction(
  _previous: unknown,
  form: unknown,
): Promise<ActionResult<SaveCriticThresholdInput>> {
  return runAction("saveCriticThreshold", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const fields = form instanceof FormData ? Object.fromEntries(form) : {};
    const saved = await saveCriticThreshold(getDb(), admin.value, saveCriticThresholdSchema.parse(fields));
    revalidatePath("/admin/critics");
    revalidatePath("/critics", "layout");
    return saved;
  });
}
