"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createDataset, createDatasetSchema } from "@/lib/datasets/create-dataset";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";

const FILTER_FIELDS = Object.keys(imageFilterSchema.shape);

/** A dataset from a saved filter (e.g. approved + tag X + model Y); reviewers build datasets. */
export const createDatasetAction = stateAction(
  {
    name: "createDataset",
    access: "reviewer",
    input: createDatasetSchema,
    // Empty fields are filters not set; the filter is the one image selection's (lib/images/selection).
    dropEmpty: true,
    fields: ({ name, description, ...rest }) => ({
      name,
      description,
      filter: Object.fromEntries(Object.entries(rest).filter(([field]) => FILTER_FIELDS.includes(field))),
    }),
  },
  async ({ ctx, user, input }) => {
    const created = await createDataset(ctx.db, input, user.id);
    if (!created.ok) return created;
    revalidatePath("/datasets");
    redirect(`/datasets/${created.value.id}`);
  },
);
