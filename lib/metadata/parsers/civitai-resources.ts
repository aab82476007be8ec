import type { GenerationMetadata } from "../types";
import { isRecord, toNumber } from "../values";

/** Civitai's resource ids: `urn:air:<ecosystem>:<type>:civitai:<modelId>@<versionId>`. */
const AIR_PATTERN = /^urn:air:[^:]+:([^:]+):civitai:(\d+)@(\d+)$/;

const LORA_TYPES = new Set(["lora", "locon", "lycoris", "dora"]);

type Resource = { type: string | null; name: string | null; versionId: number | null; weight: number | null };

/**
 * Civitai's generator names models by AIR id (in graphs) and by name in `Civitai resources` (A1111 text)
 * or the graph's `extraMetadata.resources`. Names are what a user filters by: the checkpoint and LoRAs
 * take the resource names, and every AIR id is kept in params (`modelAir`, `loraAirs`). An AIR id with
 * no name in the file stays the name: it is what the file says the model is, and it is unique.
 */
export function applyCivitaiResources(metadata: GenerationMetadata): void {
  const extra = metadata.params.extraMetadata;
  const resources = [
    ...readResources(metadata.params["Civitai resources"]),
    ...readResources(isRecord(extra) ? extra.resources : undefined),
  ];
  const nameOf = (air: RegExpExecArray) =>
    resources.find((resource) => resource.versionId === Number(air[3]) && resource.name)?.name ?? null;
  const modelAir = metadata.model ? AIR_PATTERN.exec(metadata.model) : null;
  if (modelAir) {
    metadata.params.modelAir = metadata.model;
    metadata.model = nameOf(modelAir) ?? metadata.model;
  }
  const checkpoint = resources.find((resource) => resource.type === "checkpoint");
  if (metadata.model === null && checkpoint?.name) metadata.model = checkpoint.name;

  const loraAirs = metadata.loras.filter((lora) => AIR_PATTERN.test(lora.name)).map((lora) => lora.name);
  if (loraAirs.length > 0) metadata.params.loraAirs = loraAirs;
  const named = resources.filter((resource) => LORA_TYPES.has(resource.type ?? "") && resource.name);
  if (named.length > 0) {
    // Prompt tags name LoRA files; Civitai's list names the same LoRAs as users know them.
    if (metadata.loras.length > 0) metadata.params.loraTags = metadata.loras;
    metadata.loras = named.map((resource) => ({ name: resource.name ?? "", weight: resource.weight }));
  } else {
    metadata.loras = metadata.loras.map((lora) => {
      const air = AIR_PATTERN.exec(lora.name);
      const name = air ? nameOf(air) : null;
      return name ? { ...lora, name } : lora;
    });
  }
}

function readResources(value: unknown): Resource[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((resource) => ({
    type: typeof resource.type === "string" ? resource.type.toLowerCase() : null,
    name: readName(resource.modelName ?? resource.name),
    versionId: toNumber(resource.modelVersionId),
    weight: toNumber(resource.weight ?? resource.strength),
  }));
}

function readName(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
