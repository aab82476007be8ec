// `models register|list|show|delete|lineage`: trained models and the dataset versions they were trained on.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase, type Database } from "@/lib/db/client";
import { compareDatasetVersions, type DatasetLineage } from "@/lib/lineage/compare-dataset-versions";
import { deleteTrainedModel } from "@/lib/lineage/delete-trained-model";
import { getTrainedModel, listTrainedModels } from "@/lib/lineage/list-trained-models";
import { hashModelFile } from "@/lib/lineage/model-file-hashes";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import type { TrainedModelRecord } from "@/lib/lineage/trained-model-record";
import type { Result } from "@/lib/result";
import { loadCliConfig } from "./cli-config";

export const MODELS_USAGE =
  "models register --name N --dataset D --version V [--kind lora|checkpoint] [--file PATH] [--sha256 H] [--autov1 H] [--autov2 H] [--autov3 H] [--file-name F] [--civitai-version-id ID] [--notes T] | models list [--dataset D] | models show <id|name> | models delete <id|name> | models lineage <dataset> [--json]";

const OPTIONS = {
  json: { type: "boolean", default: false },
  name: { type: "string" },
  dataset: { type: "string" },
  version: { type: "string" },
  kind: { type: "string", default: "lora" },
  file: { type: "string" },
  sha256: { type: "string" },
  autov1: { type: "string" },
  autov2: { type: "string" },
  autov3: { type: "string" },
  "file-name": { type: "string" },
  "civitai-version-id": { type: "string" },
  notes: { type: "string" },
} as const;

const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });
type Values = ReturnType<typeof parse>["values"];

export async function runModels(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action, reference, ...rest] = positionals;
  const needsReference = action === "show" || action === "delete" || action === "lineage";
  const known = action === "register" || action === "list" || needsReference;
  if (!known || rest.length > 0 || (needsReference && !reference) || (!needsReference && reference)) {
    console.error(`usage: npm run cli -- ${MODELS_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  try {
    if (action === "register") return await register(db, values);
    if (action === "list") {
      const models = await listTrainedModels(db, { dataset: values.dataset });
      if (values.json) console.log(JSON.stringify(models, null, 2));
      else for (const model of models) console.log(line(model));
      return 0;
    }
    if (action === "lineage") return report(await compareDatasetVersions(db, reference ?? ""), values.json);
    const model = await getTrainedModel(db, reference ?? "");
    if (!model.ok || action === "show") return report(model, true);
    return report(await deleteTrainedModel(db, model.value.id), true);
  } finally {
    await closeDatabase(db);
  }
}

/** With --file, the hashes are read from the file (sha256, AutoV1, AutoV2, AutoV3); hashes given must agree. */
async function register(db: Database, values: Values): Promise<number> {
  const hashes = values.file ? await hashModelFile(values.file) : null;
  if (hashes) console.error(`${basename(values.file ?? "")}: ${hashes.bytes} bytes, sha256 ${hashes.sha256}`);
  const given = {
    sha256: values.sha256,
    autov1: values.autov1,
    autov2: values.autov2,
    autov3: values.autov3,
  };
  const input = registerTrainedModelSchema.safeParse({
    name: values.name,
    kind: values.kind,
    dataset: values.dataset,
    version: values.version,
    ...Object.fromEntries(Object.entries(hashes ?? {}).filter(([key, hash]) => key !== "bytes" && hash)),
    ...Object.fromEntries(Object.entries(given).filter(([, hash]) => hash !== undefined)),
    file_name: values["file-name"],
    civitai_version_id: values["civitai-version-id"],
    notes: values.notes,
  });
  if (!input.success) {
    console.error(
      input.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("\n"),
    );
    return 2;
  }
  // A hash given beside --file overrides what was read only where the file has no such form (AutoV3 of a .ckpt).
  const contradicted = (Object.keys(given) as (keyof typeof given)[]).find(
    (key) => given[key] !== undefined && hashes?.[key] && input.data[key] !== hashes[key],
  );
  if (contradicted) {
    console.error(`--${contradicted} ${given[contradicted]} is not the ${contradicted} of ${values.file}`);
    return 2;
  }
  return report(await registerTrainedModel(db, input.data), true);
}

function report(
  result: Result<TrainedModelRecord | DatasetLineage | { id: string }>,
  json: boolean | undefined,
): number {
  if (!result.ok) {
    console.error(result.error.message);
    return result.error.code === "not_found" ? 1 : 2;
  }
  if (json || !("versions" in result.value)) console.log(JSON.stringify(result.value, null, 2));
  else printLineage(result.value);
  return 0;
}

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

function line(model: TrainedModelRecord): string {
  const hash = model.sha256 ?? model.autov3 ?? model.autov2 ?? model.autov1 ?? model.match_key ?? "";
  return `${model.id}  ${model.kind.padEnd(10)}  ${`${model.dataset.name} v${model.version}`.padEnd(24)}  ${String(model.linked_images).padStart(6)} images  ${model.name}  ${hash}`;
}

function printLineage(lineage: DatasetLineage): void {
  console.log(`${lineage.dataset.name}: approval of images made with the models trained on each version`);
  for (const version of lineage.versions) {
    const interval = version.approval_interval;
    const bounds = interval ? ` (95%: ${percent(interval.low)}–${percent(interval.high)})` : "";
    console.log(
      `  v${version.version}  ${version.models.length} models  ${version.images} images  ${version.approved} approved  ${version.rejected} rejected  ${percent(version.approval_rate)}${bounds}`,
    );
    for (const model of version.models)
      console.log(`      ${model.name}: ${model.images} images, ${percent(model.approval_rate)} approved`);
  }
}
