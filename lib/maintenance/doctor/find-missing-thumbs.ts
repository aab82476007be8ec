import "server-only";
import { and, asc, eq, gt, notExists } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { images, imageVariants } from "@/lib/db/schema";
import type { Finding } from "./doctor-report";

const PAGE_SIZE = 1000;

/**
 * Image rows with no thumb row at all although their derivation is done, found by the database page by page
 * (keyset on id). Pending and failed derivations are checkDerivations' findings.
 */
export async function findMissingThumbs(
  db: Database,
  emit: (finding: Finding) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const page: { id: string }[] = await db
      .select({ id: images.id })
      .from(images)
      .where(
        and(
          eq(images.objectState, "present"),
          eq(images.deriveState, "done"),
          after === null ? undefined : gt(images.id, after),
          notExists(
            db
              .select({ one: imageVariants.imageId })
              .from(imageVariants)
              .where(and(eq(imageVariants.imageId, images.id), eq(imageVariants.name, "thumb"))),
          ),
        ),
      )
      .orderBy(asc(images.id))
      .limit(PAGE_SIZE);
    for (const row of page) await emit({ kind: "missing_thumb", imageId: row.id, fixed: false });
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return;
    after = last.id;
  }
}
