import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { uniqueViolationOf } from "@/lib/db/database-errors";
import { fencedWrite } from "@/lib/db/request-fence";
import { tags } from "@/lib/db/schema";
import { err, ok, type Result } from "@/lib/result";
import type { TagInput, TagView } from "./tag-input";
import { storedTagName, tagKey } from "./tag-key";

const selection = { id: tags.id, name: tags.name, kind: tags.kind, color: tags.color, hotkey: tags.hotkey };

/**
 * Creates a tag, or updates the one with `id`; a name already taken (by its folded form, lib/tags/tag-key.ts) or a
 * hotkey already taken is a conflict, not an exception.
 */
export async function saveTag(db: Queryable, input: TagInput & { id?: string }): Promise<Result<TagView>> {
  const { id, ...fields } = input;
  const values = { ...fields, name: storedTagName(fields.name), foldedName: tagKey(fields.name) };
  try {
    const [row] = await fencedWrite(db, (q) =>
      id
        ? q.update(tags).set(values).where(eq(tags.id, id)).returning(selection)
        : q.insert(tags).values(values).returning(selection),
    );
    return row ? ok(row) : err("not_found", "That tag no longer exists");
  } catch (error) {
    const constraint = uniqueViolationOf(error);
    if (constraint === "tags_folded_name_key")
      return err("conflict", `A tag named “${input.name}” already exists`);
    if (constraint === "tags_hotkey_key")
      return err("conflict", `Hotkey ${input.hotkey} is already used by a tag`);
    throw error;
  }
}
