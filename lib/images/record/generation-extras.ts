// Client-safe and pure: the review panel and the image page show these as fields, not only in the raw JSON.

/** Two settings writers keep in `params`: the refiner pass and the C2PA content credentials, as short text. */
export type GenerationExtras = { refiner: string | null; provenance: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/**
 * The refiner: ComfyUI's second pass (`params.refiner`, lib/metadata/parsers/comfyui.ts) as "model from step N",
 * or A1111/Forge's `Refiner` with its `Refiner switch at`.
 */
function describeRefiner(params: Record<string, unknown>): string | null {
  const comfy = params.refiner;
  if (isRecord(comfy)) {
    const model = text(comfy.model) ?? "a second pass";
    return typeof comfy.startAtStep === "number" ? `${model} from step ${comfy.startAtStep}` : model;
  }
  const model = text(params.Refiner);
  if (!model) return null;
  const switchAt = text(params["Refiner switch at"]);
  return switchAt ? `${model}, switch at ${switchAt}` : model;
}

/** `params.provenance` (lib/metadata/containers/c2pa-manifest.ts): who signed it, what made it, whether AI. */
function describeProvenance(params: Record<string, unknown>): string | null {
  const provenance = params.provenance;
  if (!isRecord(provenance)) return null;
  const tools = Array.isArray(provenance.tools)
    ? provenance.tools.filter((tool) => typeof tool === "string")
    : [];
  const source = text(provenance.digitalSourceType)?.split("/").pop() ?? null;
  return [
    `C2PA${provenance.aiGenerated === true ? ", AI-generated" : ""}`,
    text(provenance.claimGenerator) ? `signed by ${text(provenance.claimGenerator)}` : null,
    tools.length > 0 ? `tools: ${tools.join(", ")}` : null,
    source ? `source: ${source}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function readGenerationExtras(params: Record<string, unknown>): GenerationExtras {
  return { refiner: describeRefiner(params), provenance: describeProvenance(params) };
}
