"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyCaptionTemplate, applyCaptionTemplateSchema } from "@/lib/datasets/apply-caption-template";
import { freezeDatasetVersion, freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { getDb } from "@/lib/db";
import { stateAction } from "@/lib/http/server-action";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import { ok } from "@/lib/result";

// Each form names its dataset (and image) in hidden fields; the rest of it is exactly what the API's body is,
// checked by the lib's own schema.
const target = { datasetId: z.uuid(), imageId: z.uuid() };
const splitTarget = ({ datasetId, imageId, ...fields }: Record<string, FormDataEntryValue>) => ({
  datasetId,
  imageId,
  fields,
});

export const updateCaptionAction = stateAction(
  {
    name: "updateCaption",
    access: "reviewer",
    input: z.object({ ...target, fields: updateDatasetCaptionSchema }),
    fields: splitTarget,
  },
  async ({ input: { datasetId, imageId, fields } }) => {
    const result = await updateDatasetCaption(getDb(), { datasetId, imageId }, fields);
    revalidatePath(`/datasets/${datasetId}`);
    return result.ok ? ok(undefined) : result;
  },
);

export const applyCaptionTemplateAction = stateAction(
  {
    name: "applyCaptionTemplate",
    access: "reviewer",
    input: z.object({ datasetId: target.datasetId, fields: applyCaptionTemplateSchema }),
    dropEmpty: true,
    fields: splitTarget,
  },
  async ({ input: { datasetId, fields } }) => {
    const result = await applyCaptionTemplate(getDb(), datasetId, fields);
    revalidatePath(`/datasets/${datasetId}`);
    return result.ok ? ok(result.value.updated) : result;
  },
);

export const freezeVersionAction = stateAction(
  {
    name: "freezeVersion",
    access: "reviewer",
    input: z.object({ datasetId: target.datasetId, fields: freezeDatasetVersionSchema }),
    dropEmpty: true,
    fields: splitTarget,
  },
  async ({ user, input: { datasetId, fields } }) => {
    const frozen = await freezeDatasetVersion(getDb(), datasetId, fields, user.id);
    revalidatePath(`/datasets/${datasetId}`);
    return frozen.ok ? ok(frozen.value.version) : frozen;
  },
);

// The register form names its dataset in a hidden `dataset` field: the body is exactly POST /api/v1/models'.
export const registerTrainedModelAction = stateAction(
  { name: "registerTrainedModel", access: "reviewer", input: registerTrainedModelSchema, dropEmpty: true },
  async ({ user, input }) => {
    const registered = await registerTrainedModel(getDb(), input, user.id);
    revalidatePath(`/datasets/${registered.ok ? registered.value.dataset.id : input.dataset}`);
    return registered.ok ? ok(registered.value.linked_images) : registered;
  },
);
