import { answer, body, errors, queryOf, secured } from "@/lib/http/openapi/parts";
import { listTrainedModelsQuerySchema } from "@/lib/lineage/list-trained-models";
import { registerTrainedModelSchema } from "@/lib/lineage/register-trained-model";

export const operations = {
  get: {
    ...secured,
    summary:
      "Registered trained models (LoRAs, checkpoints) with the dataset version each was trained on (scope: read)",
    parameters: queryOf(listTrainedModelsQuerySchema.shape),
    responses: { "200": answer("Models"), ...errors(400, 401, 403) },
  },
  post: {
    ...secured,
    summary:
      "Register a model trained on a frozen dataset version, by its hashes (sha256; AutoV2 = sha256[0:10]; AutoV3 for LoRAs), file name or Civitai version id; stored images that name it are linked before the answer, later ones as they are stored. 409 when its name, sha256, file name or Civitai id is registered already (scope: admin)",
    requestBody: body(registerTrainedModelSchema),
    responses: { "201": answer("Registered"), ...errors(400, 401, 403, 404, 409) },
  },
};
