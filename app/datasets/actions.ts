"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionUser } from "@/lib/auth/session";
import { createDataset, createDatasetSchema } from "@/lib/datasets/create-dataset";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";

/** A dataset from a saved filter (e.g. approved + tag X + model Y); reviewers build datasets. */
export async function createDatasetAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  let createdId: string | null = null;
  const result = await runAction("createDataset", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    // Empty fields are filters not set; the filter is the one image selection's (lib/images/selection).
    const values = Object.fromEntries([...asFormData(form)].filter(([, value]) => value !== ""));
    const filter = Object.fromEntries(
      Object.keys(imageFilterSchema.shape).flatMap((field) =>
        field in values ? [[field, values[field]]] : [],
      ),
    );
    const input = createDatasetSchema.parse({ name: values.name, description: values.description, filter });
    const created = await createDataset(getDb(), input, user.value.id);
    if (created.ok) createdId = created.value.id;
    return created.ok ? { ok: true, value: undefined } : created;
  });
  if (createdId) {
    revalidatePath("/datasets");
    redirect(`/datasets/${createdId}`);
  }
  return result;
}
