import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { datasets, datasetVersions, images, imageTrainedModels, runs, trainedModels } from "@/lib/db/schema";
import { exactName } from "@/lib/images/selection/name-match";
import type { ExperimentParameter } from "./experiment-input";

type ParameterSql = {
  /** The value as text, as the selection filter of the same name matches it. */
  value: SQL;
  /** The name shown: the most common verbatim spelling among the group's rows. */
  label: SQL;
  join?: SQL;
  /** The selection filter that shows a value's images. */
  filterOf: (value: string) => Record<string, string | number>;
};

const loraEntries = sql`cross join lateral jsonb_array_elements(${images.loras}) as lora(entry)`;
/**
 * The dataset versions an image's trained models were trained on, each once (lib/images/trained-model-links.ts),
 * with the version's name as `Dataset v3`.
 */
export const trainedOnJoin = sql`cross join lateral (
    select distinct ${trainedModels.datasetVersionId} as version_id from ${imageTrainedModels}
      join ${trainedModels} on ${trainedModels.id} = ${imageTrainedModels.trainedModelId}
    where ${imageTrainedModels.imageId} = ${images.id}) as lineage
  join ${datasetVersions} on ${datasetVersions.id} = lineage.version_id
  join ${datasets} on ${datasets.id} = ${datasetVersions.datasetId}`;
export const trainedOnName = sql`min(${datasets.name} || ' v' || ${datasetVersions.version})`;

const spelled = (column: SQL) => sql`mode() within group (order by ${column})`;
const same = (field: string) => (value: string) => ({ [field]: value });
// A model or LoRA row links to that name only: a bare name in the filter would also match longer ones.
const whole = (field: string) => (value: string) => ({ [field]: exactName(value) });

/** How each experiment parameter is read from an image row (a LoRA parameter reads each LoRA entry). */
export const EXPERIMENT_SQL: Record<ExperimentParameter, ParameterSql> = {
  model: { value: sql`${images.modelKey}`, label: spelled(sql`${images.model}`), filterOf: whole("model") },
  lora: {
    value: sql`lora.entry->>'key'`,
    label: spelled(sql`lora.entry->>'name'`),
    join: loraEntries,
    filterOf: whole("lora"),
  },
  lora_weight: {
    // key@weight: the weight is a JSON number, its text form parses back exactly.
    value: sql`case when jsonb_typeof(lora.entry->'weight') = 'number'
      then (lora.entry->>'key') || '@' || (lora.entry->>'weight') end`,
    label: sql`${spelled(sql`lora.entry->>'name'`)} || ' @ ' || min(lora.entry->>'weight')`,
    join: loraEntries,
    filterOf: (value) => {
      const at = value.lastIndexOf("@");
      return { lora: exactName(value.slice(0, at)), lora_weight: Number(value.slice(at + 1)) };
    },
  },
  sampler: {
    value: sql`${images.samplerKey}`,
    label: spelled(sql`${images.sampler}`),
    filterOf: same("sampler"),
  },
  scheduler: {
    value: sql`lower(${images.scheduler})`,
    label: spelled(sql`${images.scheduler}`),
    filterOf: same("scheduler"),
  },
  steps: {
    value: sql`${images.steps}::text`,
    label: sql`min(${images.steps})::text`,
    filterOf: (value) => ({ steps: Number(value) }),
  },
  cfg: {
    value: sql`${images.cfgScale}::text`,
    label: sql`min(${images.cfgScale})::text`,
    filterOf: (value) => ({ cfg: Number(value) }),
  },
  run: {
    value: sql`${images.runId}::text`,
    label: sql`min(${runs.name})`,
    join: sql`left join ${runs} on ${runs.id} = ${images.runId}`,
    filterOf: same("run"),
  },
  generator_version: {
    value: sql`${images.params}->>'generator_version'`,
    label: sql`min(${images.params}->>'generator_version')`,
    filterOf: same("generator_version"),
  },
  trained_on: {
    value: sql`lineage.version_id::text`,
    label: trainedOnName,
    join: trainedOnJoin,
    filterOf: same("trained_on"),
  },
};
