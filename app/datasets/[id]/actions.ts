"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  applyCaptionTemplate,
  applyCaptionTemplateSchema,
  previewCaptionTemplate,
  previewCaptionTemplateSchema,
} from "@/lib/datasets/apply-caption-template";
import { listCaptionHistory } from "@/lib/datasets/captions/list-caption-history";
import { undoCaptionChange, undoCaptionChangeSchema } from "@/lib/datasets/captions/undo-caption-change";
import {
  editCaptionTags,
  editCaptionTagsSchema,
  previewCaptionTags,
  previewCaptionTagsSchema,
} from "@/lib/datasets/edit-caption-tags";
import { freezeDatasetVersion, freezeDatasetVersionSchema } from "@/lib/datasets/freeze-dataset-version";
import { removeDatasetImages, removeDatasetImagesSchema } from "@/lib/datasets/remove-dataset-images";
import { updateDatasetCaption, updateDatasetCaptionSchema } from "@/lib/datasets/update-dataset-caption";
import { action, stateAction } from "@/lib/http/wrappers/server-action";
import { registerTrainedModel, registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";
import { ok } from "@/lib/result";

// The dataset workbench's steps. Each names its dataset (and image or change); the rest is exactly the API's body,
// checked by the lib's own schema. Writes are the reviewer's, recorded under their name.
const datasetId = z.uuid();
const refresh = (id: string) => revalidatePath(`/datasets/${id}`);

export const updateCaptionAction = action(
  {
    name: "updateCaption",
    access: "reviewer",
    input: z.object({ datasetId, imageId: z.uuid(), fields: updateDatasetCaptionSchema }),
  },
  async ({ ctx, user, input: { datasetId, imageId, fields } }) => {
    const result = await updateDatasetCaption(ctx.db, { datasetId, imageId }, fields, user.id);
    refresh(datasetId);
    return result;
  },
);

export const previewCaptionTemplateAction = action(
  {
    name: "previewCaptionTemplate",
    access: "reviewer",
    input: z.object({ datasetId, fields: previewCaptionTemplateSchema }),
  },
  async ({ ctx, input }) => previewCaptionTemplate(ctx.db, input.datasetId, input.fields),
);

export const applyCaptionTemplateAction = action(
  {
    name: "applyCaptionTemplate",
    access: "reviewer",
    input: z.object({ datasetId, fields: applyCaptionTemplateSchema }),
  },
  async ({ ctx, user, input }) => {
    const result = await applyCaptionTemplate(ctx.db, input.datasetId, input.fields, user.id);
    refresh(input.datasetId);
    return result;
  },
);

export const undoCaptionChangeAction = action(
  {
    name: "undoCaptionChange",
    access: "reviewer",
    input: z.object({ datasetId, changeId: z.uuid(), fields: undoCaptionChangeSchema }),
  },
  async ({ ctx, user, input: { datasetId, changeId, fields } }) => {
    const result = await undoCaptionChange(ctx.db, { datasetId, changeId }, fields, user.id);
    refresh(datasetId);
    return result;
  },
);

export const loadCaptionHistoryAction = action(
  { name: "loadCaptionHistory", access: "viewer", input: z.object({ datasetId, imageId: z.uuid() }) },
  async ({ ctx, input }) => listCaptionHistory(ctx.db, input),
);

export const freezeVersionAction = action(
  {
    name: "freezeVersion",
    access: "reviewer",
    input: z.object({ datasetId, fields: freezeDatasetVersionSchema }),
  },
  async ({ ctx, user, input }) => {
    const frozen = await freezeDatasetVersion(ctx.db, input.datasetId, input.fields, user.id);
    refresh(input.datasetId);
    return frozen;
  },
);

export const previewCaptionTagsAction = action(
  {
    name: "previewCaptionTags",
    access: "reviewer",
    input: z.object({ datasetId, fields: previewCaptionTagsSchema }),
  },
  async ({ ctx, input }) => previewCaptionTags(ctx.db, input.datasetId, input.fields),
);

export const editCaptionTagsAction = action(
  {
    name: "editCaptionTags",
    access: "reviewer",
    input: z.object({ datasetId, fields: editCaptionTagsSchema }),
  },
  async ({ ctx, user, input }) => {
    const result = await editCaptionTags(ctx.db, input.datasetId, input.fields, user.id);
    refresh(input.datasetId);
    return result;
  },
);

export const removeDatasetImagesAction = action(
  {
    name: "removeDatasetImages",
    access: "reviewer",
    input: z.object({ datasetId, fields: removeDatasetImagesSchema }),
  },
  async ({ ctx, input }) => {
    const result = await removeDatasetImages(ctx.db, input.datasetId, input.fields);
    refresh(input.datasetId);
    return result;
  },
);

// The register form names its dataset in a hidden `dataset` field: the body is exactly POST /api/v1/models'.
export const registerTrainedModelAction = stateAction(
  { name: "registerTrainedModel", access: "reviewer", input: registerTrainedModelSchema, dropEmpty: true },
  async ({ ctx, user, input }) => {
    const registered = await registerTrainedModel(ctx.db, input, user.id);
    revalidatePath(`/datasets/${registered.ok ? registered.value.dataset.id : input.dataset}`);
    return registered.ok ? ok(registered.value.linked_images) : registered;
  },
);
