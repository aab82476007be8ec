import { parseComfyUi } from "../parsers/comfyui";
import type { GenerationMetadata } from "../types";

/**
 * Test helper: API-format graphs ("prompt" chunk) written node by node, as ComfyUI serialises them:
 * `{ id: { class_type, inputs } }`, a link being `[source id, output slot]`.
 */
export type ApiGraph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

export function link(id: string, slot = 0): [string, number] {
  return [id, slot];
}

export function node(classType: string, inputs: Record<string, unknown> = {}) {
  return { class_type: classType, inputs };
}

/** The core tail most graphs share: a VAE decode of `sampler` saved to disk. */
export function saved(sampler: string, vae: [string, number]): ApiGraph {
  return {
    decode: node("VAEDecode", { samples: link(sampler), vae }),
    save: node("SaveImage", { filename_prefix: "ComfyUI", images: link("decode") }),
  };
}

export function readGraph(graph: ApiGraph): GenerationMetadata {
  return parseComfyUi({ prompt: JSON.stringify(graph) }, []);
}

/** The fields a pack table checks; `loras` only when the case names them. */
export function pick(metadata: GenerationMetadata, expected: Partial<GenerationMetadata>) {
  return Object.fromEntries(
    Object.keys(expected).map((key) => [key, metadata[key as keyof GenerationMetadata]]),
  );
}
