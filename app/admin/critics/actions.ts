"use server";

import { revalidatePath } from "next/cache";
import { saveCriticThreshold, saveCriticThresholdSchema } from "@/lib/critics/save-critic-threshold";
import { stateAction } from "@/lib/http/wrappers/server-action";

/** Sets a critic's approve threshold; disagreement and the critic report use it at once. */
export const saveCriticThresholdAction = stateAction(
  { name: "saveCriticThreshold", access: "admin", input: saveCriticThresholdSchema },
  async ({ ctx, user, input }) => {
    const saved = await saveCriticThreshold(ctx.db, user, input);
    revalidatePath("/admin/critics");
    revalidatePath("/critics", "layout");
    return saved;
  },
);
