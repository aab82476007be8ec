"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, runAction } from "@/lib/http/action-result";
import { deleteTag } from "@/lib/tags/delete-tag";
import { saveTag } from "@/lib/tags/save-tag";
import { type TagView, tagInputSchema } from "@/lib/tags/tag-input";

const fieldsOf = (form: unknown) => (form instanceof FormData ? Object.fromEntries(form) : {});

/** Creates a tag, or updates it when the form carries its id. */
export async function saveTagAction(_previous: unknown, form: unknown): Promise<ActionResult<TagView>> {
  return runAction("saveTag", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const fields = fieldsOf(form);
    const input = tagInputSchema
      .extend({
        id: z
          .uuid()
          .optional()
          .or(z.literal("").transform(() => undefined)),
      })
      .parse(fields);
    const saved = await saveTag(getDb(), input);
    revalidatePath("/admin/tags");
    return saved;
  });
}

export async function deleteTagAction(
  _previous: unknown,
  form: unknown,
): Promise<ActionResult<{ id: string }>> {
  return runAction("deleteTag", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const { id } = z.object({ id: z.uuid() }).parse(fieldsOf(form));
    const deleted = await deleteTag(getDb(), id);
    revalidatePath("/admin/tags");
    return deleted;
  });
}
