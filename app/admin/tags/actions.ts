"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { deleteTag } from "@/lib/tags/delete-tag";
import { saveTag } from "@/lib/tags/save-tag";
import { tagInputSchema } from "@/lib/tags/tag-input";

// The form carries the tag's id when it edits one; a new tag's form sends it empty.
const saveTagSchema = tagInputSchema.extend({
  id: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** Creates a tag, or updates it when the form carries its id. */
export const saveTagAction = stateAction(
  { name: "saveTag", access: "admin", input: saveTagSchema },
  async ({ ctx, input }) => {
    const saved = await saveTag(ctx.db, input);
    revalidatePath("/admin/tags");
    return saved;
  },
);

export const deleteTagAction = stateAction(
  { name: "deleteTag", access: "admin", input: z.object({ id: z.uuid() }) },
  async ({ ctx, input }) => {
    const deleted = await deleteTag(ctx.db, input.id);
    revalidatePath("/admin/tags");
    return deleted;
  },
);
