import "server-only";
import { and, eq, gte, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { disagreementCondition } from "@/lib/critics/disagreement";
import {
  critiques,
  images,
  imageTags,
  imageTrainedModels,
  reviewReasons,
  reviews,
  runs,
  tags,
  trainedModels,
} from "@/lib/db/schema";
import { samplerKey } from "@/lib/metadata/model-key";
import { err, ok, type Result } from "@/lib/result";
import { tagKey } from "@/lib/tags/tag-key";
import type { ImageFilter } from "./image-filter";
import { containsPattern, parseNameMatch } from "./name-match";
import { promptTsQuery } from "./prompt-tsquery";

const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "Not yet decided by this reviewer": the anti-join served by reviews_reviewer_id_image_id_idx. */
function undecidedBy(reviewerId: string): SQL {
  return sql`not exists (select 1 from ${reviews} where ${reviews.imageId} = ${images.id}
    and ${reviews.reviewerId} = ${reviewerId} and ${reviews.decision} is not null)`;
}

/**
 * A selection asked for without a viewer (an API key, a filter saved with a dataset) cannot mean "not yet
 * decided by me": refused here, before imageConditions, which requires a viewer for it.
 */
export function checkViewerFor(filter: ImageFilter, viewerId: string | null): Result<ImageFilter> {
  return filter.status === "unreviewed_me" && !viewerId
    ? err("invalid_request", "status unreviewed_me needs a signed-in reviewer", [
        { path: "status", message: "unreviewed_me needs a signed-in reviewer" },
      ])
    : ok(filter);
}

type Viewer = { viewerId: string | null; undecidedByViewer?: boolean };

/**
 * The WHERE of a selection (live images only); each filter narrows, with the meanings image-filter.ts documents.
 * `undecidedByViewer` keeps only what the viewer has not decided yet (review mode's "left" and where it starts).
 */
export function imageConditions(filter: ImageFilter, viewer: Viewer): SQL {
  const { rest, search } = splitImageConditions(filter, viewer);
  return and(rest, search) ?? rest;
}

/** A selection's prompt search and everything else it asks, apart (page-conditions.ts plans the two apart). */
export type ImageConditionParts = { rest: SQL; search: SQL | undefined };

/** imageConditions in its two parts: `rest` and `search` together select exactly what imageConditions does. */
export function splitImageConditions(filter: ImageFilter, viewer: Viewer): ImageConditionParts {
  const { viewerId } = viewer;
  if ((filter.status === "unreviewed_me" || viewer.undecidedByViewer) && !viewerId) {
    throw new Error("a selection by what the viewer has not decided needs a viewer (see checkViewerFor)");
  }
  const tsQuery = filter.q ? promptTsQuery(filter.q) : null;
  const conditions: (SQL | undefined)[] = [
    isNull(images.deletedAt),
    viewer.undecidedByViewer && viewerId ? undecidedBy(viewerId) : undefined,
    filter.status === "unreviewed_me" && viewerId
      ? undecidedBy(viewerId)
      : filter.status && filter.status !== "unreviewed_me"
        ? eq(images.reviewStatus, filter.status)
        : undefined,
    filter.run ? runCondition(filter.run) : undefined,
    filter.model ? modelCondition(filter.model) : undefined,
    filter.lora || filter.lora_weight !== undefined ? loraCondition(filter) : undefined,
    filter.sampler ? eq(images.samplerKey, samplerKey(filter.sampler) ?? filter.sampler) : undefined,
    filter.scheduler ? sql`lower(${images.scheduler}) = lower(${filter.scheduler})` : undefined,
    filter.steps !== undefined ? eq(images.steps, filter.steps) : undefined,
    filter.cfg !== undefined ? eq(images.cfgScale, filter.cfg) : undefined,
    filter.generator_version
      ? sql`${images.params}->>'generator_version' = ${filter.generator_version}`
      : undefined,
    filter.tag ? tagCondition(filter.tag) : undefined,
    filter.trained_model ? trainedModelCondition(filter.trained_model) : undefined,
    filter.trained_on ? trainedOnCondition(filter.trained_on) : undefined,
    filter.score_min !== undefined ? gte(images.scoreAvg, filter.score_min) : undefined,
    filter.score_max !== undefined ? lte(images.scoreAvg, filter.score_max) : undefined,
    filter.created_after ? gte(images.createdAt, startOf(filter.created_after)) : undefined,
    filter.created_before
      ? DATE_ONLY.test(filter.created_before)
        ? lt(images.createdAt, new Date(startOf(filter.created_before).getTime() + DAY_MS))
        : lte(images.createdAt, new Date(filter.created_before))
      : undefined,
    filter.disagreement
      ? disagreementCondition({ disagreement: filter.disagreement, critic: filter.critic })
      : undefined,
    filter.missing_critic
      ? sql`not exists (select 1 from ${critiques} where ${critiques.imageId} = ${images.id}
          and ${critiques.critic} = ${filter.missing_critic})`
      : undefined,
  ];
  return {
    rest: and(...conditions) ?? sql`true`,
    search: tsQuery ? sql`${images.promptSearch} @@ to_tsquery('simple', ${tsQuery})` : undefined,
  };
}

/** The whole model name (images_model_key_created_at_idx), or a part of it (images_model_key_trgm_idx). */
function modelCondition(text: string): SQL {
  const name = parseNameMatch(text);
  return name.isExact
    ? eq(images.modelKey, name.key)
    : sql`${images.modelKey} like ${containsPattern(name.key)}`;
}

/**
 * The LoRA keys of an image as one text (`["film_grain", "detail"]`): what images_lora_keys_trgm_idx indexes, so a
 * part of a LoRA name is looked up by trigram before each entry is checked on its own.
 */
export const loraKeysText = sql`(jsonb_path_query_array(${images.loras}, '$[*].key')::text)`;

/**
 * One LoRA entry matching the name (whole, by images_loras_idx, or a part of it) and the weight when both are
 * given. A part is checked per entry after the trigram index narrows, so it never matches across two names.
 */
function loraCondition(filter: ImageFilter): SQL {
  const name = filter.lora ? parseNameMatch(filter.lora) : null;
  const weight = filter.lora_weight;
  if (!name || name.isExact) {
    const entry = { ...(name ? { key: name.key } : {}), ...(weight !== undefined ? { weight } : {}) };
    return sql`${images.loras} @> ${JSON.stringify([entry])}::jsonb`;
  }
  const pattern = containsPattern(name.key);
  return sql`(${loraKeysText} like ${pattern} and exists (select 1 from jsonb_array_elements(${images.loras}) as entry
    where entry->>'key' like ${pattern}
    ${weight !== undefined ? sql`and entry->'weight' = ${JSON.stringify(weight)}::jsonb` : sql``}))`;
}

const startOf = (value: string) => new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);

function runCondition(run: string): SQL {
  return UUID.test(run)
    ? eq(images.runId, run)
    : sql`${images.runId} in (select ${runs.id} from ${runs} where ${runs.name} = ${run})`;
}

/** Labelled with the tag, or given it as a reason by any reviewer: one meaning of "has tag X" everywhere. */
function tagCondition(tag: string): SQL {
  const tagIds = UUID.test(tag)
    ? sql`(${tag}::uuid)`
    : sql`(select ${tags.id} from ${tags} where ${tags.foldedName} = ${tagKey(tag)})`;
  return sql`(exists (select 1 from ${imageTags} where ${imageTags.imageId} = ${images.id} and ${imageTags.tagId} in ${tagIds})
    or exists (select 1 from ${reviewReasons} join ${reviews} on ${reviews.id} = ${reviewReasons.reviewId}
      where ${reviews.imageId} = ${images.id} and ${reviewReasons.tagId} in ${tagIds}))`;
}

/** Linked to the trained model (by id or its exact name); served by image_trained_models_pkey. */
function trainedModelCondition(model: string): SQL {
  const modelIds = UUID.test(model)
    ? sql`(${model}::uuid)`
    : sql`(select ${trainedModels.id} from ${trainedModels} where ${trainedModels.name} = ${model})`;
  return sql`exists (select 1 from ${imageTrainedModels} where ${imageTrainedModels.imageId} = ${images.id}
    and ${imageTrainedModels.trainedModelId} in ${modelIds})`;
}

/** Linked to any model trained on the dataset version. */
function trainedOnCondition(versionId: string): SQL {
  return sql`exists (select 1 from ${imageTrainedModels} join ${trainedModels}
      on ${trainedModels.id} = ${imageTrainedModels.trainedModelId}
    where ${imageTrainedModels.imageId} = ${images.id} and ${trainedModels.datasetVersionId} = ${versionId})`;
}
