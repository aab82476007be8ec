import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { findDataset } from "@/lib/datasets/find-dataset";
import type { Database } from "@/lib/db/client";
import { uniqueViolationOf } from "@/lib/db/database-errors";
import { datasetVersions, trainedModels } from "@/lib/db/schema";
import { TRAINED_MODEL_KINDS } from "@/lib/enums/lineage-enums";
import { linkTrainedModelToImages } from "@/lib/images/trained-model-links";
import { modelKey } from "@/lib/metadata/model-key";
import { err, ok, type Result } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";
import { modelHashesShape } from "./model-hashes";
import { selectTrainedModels, type TrainedModelRecord } from "./trained-model-record";

export const registerTrainedModelSchema = z
  .object({
    name: storableString()
      .trim()
      .min(1, "name is required")
      .max(200)
      // Models are addressed by name or id; a name that looks like a uuid would be ambiguous.
      .refine((name) => !z.uuid().safeParse(name).success, "name must not be a UUID")
      .describe("What the team calls the model, e.g. portrait-lora v4 (unique)"),
    kind: z.enum(TRAINED_MODEL_KINDS).describe("lora or checkpoint"),
    dataset: storableString().trim().min(1).max(200).describe("The dataset it was trained on: id or name"),
    version: z.coerce
      .number()
      .int("version must be a whole number")
      .positive("version must be positive")
      .max(2_147_483_647)
      .describe("The frozen version of that dataset it was trained on"),
    ...modelHashesShape,
    file_name: storableString()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe("The file name generators write (portrait_v4.safetensors): images without a hash link by it"),
    civitai_version_id: z.coerce
      .number()
      .int()
      .positive()
      .max(999_999_999_999_999)
      .optional()
      .describe("Civitai's model version id (the number after @ in an AIR urn)"),
    notes: storableString().max(10_000).optional().describe("Training notes: steps, rank, learning rate…"),
  })
  .strict()
  .refine(
    (input) =>
      [input.sha256, input.autov1, input.autov2, input.autov3, input.civitai_version_id].some(
        (value) => value !== undefined,
      ) || modelKey(input.file_name) !== null,
    "give at least one of sha256, autov1, autov2, autov3, file_name or civitai_version_id: it is how images name the model",
  )
  .refine((input) => !input.sha256 || !input.autov2 || input.sha256.startsWith(input.autov2), {
    message: "autov2 must be the first 10 characters of sha256",
    path: ["autov2"],
  });
export type RegisterTrainedModelInput = z.output<typeof registerTrainedModelSchema>;

const TAKEN: Record<string, (input: RegisterTrainedModelInput) => string> = {
  trained_models_name_key: (input) => `A model named "${input.name}" is already registered`,
  trained_models_sha256_key: () => "A model with this sha256 is already registered",
  trained_models_autov2_key: () =>
    "A model with this AutoV2 hash (the sha256's first 10) is already registered",
  trained_models_autov3_key: () => "A model with this AutoV3 hash is already registered",
  trained_models_kind_match_key_key: (input) =>
    `A ${input.kind} with the file name "${input.file_name}" is already registered: images carrying no hash could not tell them apart. Register this one by its hashes only (leave out file_name), or rename the file`,
  trained_models_civitai_version_id_key: () => "A model with this Civitai version id is already registered",
};

/**
 * Registers a model trained on a frozen dataset version and links, in the same transaction, every stored image
 * whose metadata names it (lib/images/trained-model-links.ts); images posted later are linked as they are stored.
 */
export async function registerTrainedModel(
  db: Database,
  input: RegisterTrainedModelInput,
  createdBy: string | null = null,
): Promise<Result<TrainedModelRecord>> {
  const dataset = await findDataset(db, input.dataset);
  if (!dataset) return err("not_found", `Dataset ${input.dataset} does not exist`);
  try {
    const id = await db.transaction(async (tx) => {
      const [version] = await tx
        .select({ id: datasetVersions.id })
        .from(datasetVersions)
        .where(and(eq(datasetVersions.datasetId, dataset.id), eq(datasetVersions.version, input.version)));
      if (!version) return null;
      const [row] = await tx
        .insert(trainedModels)
        .values({
          name: input.name,
          kind: input.kind,
          datasetVersionId: version.id,
          sha256: input.sha256 ?? null,
          autov1: input.autov1 ?? null,
          autov2: input.sha256?.slice(0, 10) ?? input.autov2 ?? null,
          autov3: input.autov3 ?? null,
          matchKey: modelKey(input.file_name),
          civitaiVersionId: input.civitai_version_id ?? null,
          notes: input.notes ?? null,
          createdBy,
        })
        .returning({ id: trainedModels.id });
      if (!row) throw new Error("trained model insert returned no row");
      await linkTrainedModelToImages(tx, row.id);
      return row.id;
    });
    if (!id) return err("not_found", `Dataset ${dataset.name} has no version ${input.version}`);
    const [record] = await selectTrainedModels(db, eq(trainedModels.id, id));
    return record ? ok(record) : err("not_found", "The model was removed while it was being registered");
  } catch (error) {
    const taken = TAKEN[uniqueViolationOf(error) ?? ""];
    if (taken) return err("conflict", taken(input));
    throw error;
  }
}
