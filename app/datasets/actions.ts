"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { REVIEW_STATUSES } from "@/db/schema";
import { requireActionUser } from "@/lib/auth/session";
import { createDataset } from "@/lib/datasets/create-dataset";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { storableString } from "@/lib/zod/storable";

const optional = z.preprocess(
  (value) => (value === "" ? undefined : value),
  storableString().trim().max(500).optional(),
);
const createFromFilterSchema = z.object({
  name: storableString().trim().min(1, "Give the dataset a name").max(200),
  description: optional,
  status: z.preprocess((value) => (value === "" ? undefined : value), z.enum(REVIEW_STATUSES).optional()),
  tag: optional,
  model: optional,
  run: optional,
});

/** A dataset from a saved filter (e.g. approved + tag X + model Y); reviewers build datasets. */
export async function createDatasetAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  let createdId: string | null = null;
  const result = await runAction("createDataset", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const { name, description, ...filter } = createFromFilterSchema.parse(
      Object.fromEntries(asFormData(form)),
    );
    const created = await createDataset(getDb(), { name, description, filter }, user.value.id);
    if (created.ok) createdId = created.value.id;
    return created.ok ? { ok: true, value: undefined } : created;
  });
  if (createdId) {
    revalidatePath("/datasets");
    redirect(`/datasets/${createdId}`);
  }
  return result;
}
