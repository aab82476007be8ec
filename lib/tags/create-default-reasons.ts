import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { tags } from "@/lib/db/schema";
import { saveTag } from "./save-tag";
import type { TagInput } from "./tag-input";

/**
 * The reject reasons a new library starts with, each on a key review mode leaves free (the first letter where it
 * can be: review mode owns a x s t n u j k z 1–5 ?). Admins rename, recolour, re-key or delete them at /admin/tags.
 */
export const DEFAULT_REJECT_REASONS: TagInput[] = [
  { name: "blur", kind: "reject_reason", color: "#64748b", hotkey: "b" },
  { name: "hands", kind: "reject_reason", color: "#ef4444", hotkey: "h" },
  { name: "anatomy", kind: "reject_reason", color: "#f97316", hotkey: "m" },
  { name: "text / watermark", kind: "reject_reason", color: "#eab308", hotkey: "w" },
  { name: "composition", kind: "reject_reason", color: "#22c55e", hotkey: "c" },
  { name: "artifacts", kind: "reject_reason", color: "#a855f7", hotkey: "r" },
  { name: "off-prompt", kind: "reject_reason", color: "#3b82f6", hotkey: "o" },
  { name: "duplicate", kind: "reject_reason", color: "#14b8a6", hotkey: "d" },
];

/**
 * Gives a library without any tag the default reject reasons, through saveTag (so they are stored as an admin's
 * would be). A library that already has tags, or whose admins deleted the defaults, is left alone. Returns how
 * many it created.
 */
export async function createDefaultReasons(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts, as createFirstAdmin does, so the reasons are created once.
    await tx.execute(sql`select pg_advisory_xact_lock(7140003)`);
    const [existing] = await tx.select({ id: tags.id }).from(tags).limit(1);
    if (existing) return 0;
    for (const reason of DEFAULT_REJECT_REASONS) {
      const saved = await saveTag(tx, reason);
      if (!saved.ok) throw new Error(`default reason ${reason.name}: ${saved.error.message}`);
    }
    return DEFAULT_REJECT_REASONS.length;
  });
}
