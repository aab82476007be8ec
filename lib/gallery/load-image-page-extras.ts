import "server-only";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/client";
import { critiques, datasetImages, datasets, images, reviewReasons, reviews, tags } from "@/lib/db/schema";

export type ImagePageExtras = {
  critiques: {
    critic: string;
    version: string;
    score: number | null;
    scale: string | null;
    scoreNormalized: number | null;
    decision: string | null;
    reasons: string[];
    createdAt: string;
  }[];
  datasets: { id: string; name: string }[];
  reasons: { name: string; kind: string; color: string | null; count: number }[];
  sameSeedIds: string[];
  samePromptIds: string[];
};

const SIMILAR_LIMIT = 3;

/** What the image page shows beside the metadata: current critic scores, datasets, reviewers' reasons, look-alikes to compare. */
export async function loadImagePageExtras(
  db: Queryable,
  image: { id: string; seed: string | null; prompt: string | null },
): Promise<ImagePageExtras> {
  const others = (match: ReturnType<typeof eq>) =>
    db
      .select({ id: images.id })
      .from(images)
      .where(and(match, ne(images.id, image.id), isNull(images.deletedAt)))
      .orderBy(desc(images.createdAt))
      .limit(SIMILAR_LIMIT);
  const [critiqueRows, datasetRows, reasonRows, sameSeed, samePrompt] = await Promise.all([
    db
      .select()
      .from(critiques)
      .where(and(eq(critiques.imageId, image.id), eq(critiques.isCurrent, true)))
      .orderBy(asc(critiques.critic), desc(critiques.createdAt)),
    db
      .select({ id: datasets.id, name: datasets.name })
      .from(datasetImages)
      .innerJoin(datasets, eq(datasets.id, datasetImages.datasetId))
      .where(eq(datasetImages.imageId, image.id))
      .orderBy(asc(datasets.name)),
    db
      .select({ name: tags.name, kind: tags.kind, color: tags.color, count: sql<number>`count(*)::int` })
      .from(reviewReasons)
      .innerJoin(reviews, eq(reviews.id, reviewReasons.reviewId))
      .innerJoin(tags, eq(tags.id, reviewReasons.tagId))
      .where(eq(reviews.imageId, image.id))
      .groupBy(tags.id)
      .orderBy(asc(tags.name)),
    image.seed ? others(eq(images.seed, image.seed)) : [],
    image.prompt ? others(eq(images.prompt, image.prompt)) : [],
  ]);
  return {
    critiques: critiqueRows.map((row) => ({
      critic: row.critic,
      version: row.criticVersion,
      score: row.score,
      scale: row.scale,
      scoreNormalized: row.scoreNormalized,
      decision: row.decision,
      reasons: row.reasons,
      createdAt: row.createdAt.toISOString(),
    })),
    datasets: datasetRows,
    reasons: reasonRows,
    sameSeedIds: sameSeed.map((row) => row.id),
    samePromptIds: samePrompt.map((row) => row.id),
  };
}
