import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { images, imageTrainedModels, trainedModels } from "@/lib/db/schema";

/*
 * Which registered trained models an image's metadata names, decided in SQL only, so registration (every stored
 * image against one new model), ingest (one new image against every model) and reparse mean the same thing.
 *
 * An image names models through references, read from what lib/metadata stored:
 * - the checkpoint: `model_key`, `model_hash` (A1111 `Model hash`, or `Hashes.model` from Civitai);
 * - each LoRA entry: its `key` (model-key.ts form) and `hash` (A1111 `Lora hashes`);
 * - hash-only references: `params.Hashes` (`lora:<name>` and `model`) and `params.loraTags` (prompt tags Civitai's
 *   resource names replaced in `loras`);
 * - Civitai version ids: AIR urns (as the model or a LoRA name, `params.modelAir`, `params.loraAirs`) and
 *   `modelVersionId` in `params["Civitai resources"]` or `params.extraMetadata.resources`.
 * A reference links a model when its hash is one of the model's forms (model-hashes.ts: lengths never overlap), or
 * when its Civitai version id is the model's, or when it is of the model's kind with the model's file-name key and
 * carries no hash the model could contradict: a LoRA written `myface` with AutoV3 abc… is not the registered
 * `myface` whose AutoV3 is def… (v3 and v4 of a LoRA often share a file name).
 */

const TRAINED_MODELS_LOCK = "lightbox:trained-models";

/** normaliseModelHash (model-hashes.ts) in SQL: lowercase hex without `0x`, or null. */
const hex = (text: SQL) => {
  const bare = sql`lower(regexp_replace(btrim(${text}), '^0x', '', 'i'))`;
  return sql`(case when ${bare} ~ '^[0-9a-f]{8,64}$' then ${bare} end)`;
};
const arrayAt = (json: SQL) =>
  sql`(case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end)`;
const objectAt = (json: SQL) =>
  sql`(case when jsonb_typeof(${json}) = 'object' then ${json} else '{}'::jsonb end)`;
const versionOfAir = (air: SQL) =>
  sql`substring(${air} from '^urn:air:[^:]+:[^:]+:civitai:\\d+@(\\d{1,15})$')::bigint`;
const versionId = (text: SQL) => sql`(case when ${text} ~ '^\\d{1,15}$' then (${text})::bigint end)`;

/** One row per reference the current `images` row makes: (kind, key, hash, civitai_version). */
const imageReferences = sql`(
  select 'checkpoint'::text as kind, ${images.modelKey} as key, ${hex(sql`${images.modelHash}`)} as hash,
    ${versionOfAir(sql`${images.model}`)} as civitai_version
  union all
  select 'lora', entry->>'key', ${hex(sql`entry->>'hash'`)}, ${versionOfAir(sql`entry->>'name'`)}
    from jsonb_array_elements(${arrayAt(sql`${images.loras}`)}) as lora(entry)
  union all
  select 'lora', null, ${hex(sql`tag->>'hash'`)}, null
    from jsonb_array_elements(${arrayAt(sql`${images.params}->'loraTags'`)}) as lora_tag(tag)
  union all
  select case when listed.key = 'model' then 'checkpoint' else 'lora' end, null, ${hex(sql`listed.value`)}, null
    from jsonb_each_text(${objectAt(sql`${images.params}->'Hashes'`)}) as listed
    where listed.key = 'model' or listed.key like 'lora:%'
  union all
  select null, null, null, ${versionOfAir(sql`air`)}
    from (select ${images.params}->>'modelAir' as air
      union all select jsonb_array_elements_text(${arrayAt(sql`${images.params}->'loraAirs'`)})) as airs
  union all
  select null, null, null, ${versionId(sql`resource->>'modelVersionId'`)}
    from jsonb_array_elements(${arrayAt(sql`${images.params}->'Civitai resources'`)}
      || ${arrayAt(sql`${images.params}->'extraMetadata'->'resources'`)}) as resources(resource)
)`;

/** 'match', 'mismatch' (the model has this form of hash and it differs) or null (nothing to compare). */
const hashVerdict = sql`case
  when ref.hash is null then null
  when ref.hash in (${trainedModels.sha256}, ${trainedModels.autov2}, ${trainedModels.autov1},
      ${trainedModels.autov3}, left(${trainedModels.sha256}, 12))
    or (length(ref.hash) = 64 and left(ref.hash, 12) = ${trainedModels.autov3}) then 'match'
  when (length(ref.hash) = 8 and ${trainedModels.autov1} is not null)
    or (length(ref.hash) = 10 and ${trainedModels.autov2} is not null)
    or (length(ref.hash) = 12 and ${trainedModels.autov3} is not null)
    or (length(ref.hash) = 64 and ${trainedModels.sha256} is not null) then 'mismatch'
end`;

/**
 * Links the images and models in scope (`images.id = …`, `trained_models.id = …`) whose references match, and
 * returns how many links were made. With `replace`, earlier links in scope go first (a reparse, a changed model).
 */
async function linkInScope(
  tx: Transaction,
  scope: { images?: SQL; models?: SQL; replace: boolean },
): Promise<number> {
  const imageScope = scope.images ?? sql`true`;
  const modelScope = scope.models ?? sql`true`;
  if (scope.replace)
    await tx.execute(sql`delete from ${imageTrainedModels} using ${images}, ${trainedModels}
    where ${imageTrainedModels.imageId} = ${images.id} and ${imageTrainedModels.trainedModelId} = ${trainedModels.id}
      and ${imageScope} and ${modelScope}`);
  const linked =
    await tx.execute(sql`insert into ${imageTrainedModels} (image_id, trained_model_id, matched_by)
    select ${images.id}, ${trainedModels.id},
      case when bool_or(verdict.value = 'match') then 'hash'
        when bool_or(ref.civitai_version = ${trainedModels.civitaiVersionId}) then 'civitai' else 'key' end
    from ${images}
      cross join lateral ${imageReferences} as ref
      join ${trainedModels} on ${modelScope}
      cross join lateral (select ${hashVerdict} as value) as verdict
    where ${imageScope} and (verdict.value = 'match'
      or ref.civitai_version = ${trainedModels.civitaiVersionId}
      or (ref.kind = ${trainedModels.kind} and ref.key = ${trainedModels.matchKey}
        and verdict.value is distinct from 'mismatch'))
    group by ${images.id}, ${trainedModels.id}
    on conflict do nothing`);
  return linked.count;
}

/**
 * At ingest and reparse, in the transaction that writes the image's metadata: links it to the models it names.
 * The shared lock waits for a registration in flight, whose own pass then either saw this image or left it to
 * this statement, which starts after the registration committed (read committed: a new snapshot per statement).
 */
export async function linkImageToTrainedModels(
  tx: Transaction,
  imageId: string,
  options: { replace: boolean },
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext(${TRAINED_MODELS_LOCK}))`);
  await linkInScope(tx, { images: sql`${images.id} = ${imageId}`, replace: options.replace });
}

/**
 * At registration (or a change of a model's identity), in its transaction: links every stored image that names
 * the model. The exclusive lock waits for ingests in flight to commit first, so none is missed (see above).
 */
export async function linkTrainedModelToImages(tx: Transaction, trainedModelId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${TRAINED_MODELS_LOCK}))`);
  return linkInScope(tx, { models: sql`${trainedModels.id} = ${trainedModelId}`, replace: true });
}
