import "server-only";
import { asc } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { tags } from "@/lib/db/schema";
import type { TagKind } from "@/lib/enums/tag-kinds";
import type { TagView } from "./tag-input";

/** Every tag, reasons first (reject, approve), then labels, each by name. */
export async function listTags(db: Queryable): Promise<TagView[]> {
  const rows = await db
    .select({ id: tags.id, name: tags.name, kind: tags.kind, color: tags.color, hotkey: tags.hotkey })
    .from(tags)
    .orderBy(asc(tags.name));
  const order: Record<TagKind, number> = { reject_reason: 0, approve_reason: 1, label: 2 };
  return rows.sort((a, b) => order[a.kind] - order[b.kind]);
}
