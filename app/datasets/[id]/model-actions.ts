"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { stateAction } from "@/lib/http/server-action";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import { ok } from "@/lib/result";

// The form names its dataset in a hidden `dataset` field: the body is exactly POST /api/v1/models'.
export const registerTrainedModelAction = stateAction(
  { name: "registerTrainedModel", access: "reviewer", input: registerTrainedModelSchema, dropEmpty: true },
  async ({ user, input }) => {
    const registered = await registerTrainedModel(getDb(), input, user.id);
    revalidatePath(`/datasets/${registered.ok ? registered.value.dataset.id : input.dataset}`);
    return registered.ok ? ok(registered.value.linked_images) : registered;
  },
);
