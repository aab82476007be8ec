import type { GenerationMetadata } from "../types";

/** A checkpoint file name: A1111 writes `Model:` without the extension, ComfyUI saver nodes keep it. */
const MODEL_FILE = /\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i;
/** comfy-image-saver writes this for a prompt input left unconnected. */
const UNCONNECTED = "unknown";

/**
 * A1111-style text written by a ComfyUI saver node is ComfyUI's: comfy-image-saver ends it with
 * `Version: ComfyUI`; SaveImageWithMetaData (nkchocoai) writes `Hashes: {"model": …}` and the model's
 * file name. Labelled `comfyui` with the saver kept in params.saver; anything else is left as A1111.
 */
export function labelComfyUiWriter(metadata: GenerationMetadata): GenerationMetadata {
  const saver =
    metadata.generatorVersion === "ComfyUI"
      ? "comfy-image-saver"
      : MODEL_FILE.test(metadata.model ?? "") && isRecordWithModel(metadata.params.Hashes)
        ? "SaveImageWithMetaData"
        : null;
  if (!saver) return metadata;
  const labelled = { ...metadata, generator: "comfyui" as const, params: { ...metadata.params, saver } };
  if (saver === "comfy-image-saver") {
    if (labelled.prompt === UNCONNECTED) labelled.prompt = null;
    if (labelled.negativePrompt === UNCONNECTED) labelled.negativePrompt = null;
  }
  return labelled;
}

function isRecordWithModel(value: unknown): boolean {
  return typeof value === "object" && value !== null && "model" in value;
}
