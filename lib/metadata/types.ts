import type { Generator } from "@/lib/enums/generators";

/** One metadata-bearing segment of a file, byte for byte as stored (`type` is e.g. `png:tEXt`, `jpeg:APP1`). */
export type RawChunk = { type: string; data: Uint8Array };

/** A LoRA (or LyCORIS) applied to the model; weight is null when the writer did not record it. */
export type LoraRef = { name: string; weight: number | null; hash?: string };

// Writers we recognise but do not list in GENERATORS: ingest stores them as "other".
type EmbeddedGenerator = Generator | "drawthings" | "easydiffusion";

export type GenerationMetadata = {
  generator: EmbeddedGenerator | null;
  generatorVersion: string | null;
  prompt: string | null;
  negativePrompt: string | null;
  /** Decimal string: seeds exceed 2^53. */
  seed: string | null;
  steps: number | null;
  sampler: string | null;
  scheduler: string | null;
  cfgScale: number | null;
  width: number | null;
  height: number | null;
  model: string | null;
  modelHash: string | null;
  modelVersion: string | null;
  loras: LoraRef[];
  vae: string | null;
  clipSkip: number | null;
  denoise: number | null;
  hires: Record<string, unknown> | null;
  /** Everything the writer recorded that has no field above, keyed as the writer named it. */
  params: Record<string, unknown>;
  /** Raw ComfyUI UI graph (or API graph when no UI graph was saved). */
  workflow: unknown | null;
};

export type Container = "png" | "jpeg" | "webp" | "avif" | "unknown";

export type ParsedMetadata = {
  metadata: GenerationMetadata;
  /** Every text entry found, keyword -> text. */
  raw: Record<string, string>;
  /** The metadata segments byte for byte (views into the input), for lossless storage. */
  rawChunks: RawChunk[];
  warnings: string[];
  container: Container;
};

export function emptyGenerationMetadata(): GenerationMetadata {
  return {
    generator: null,
    generatorVersion: null,
    prompt: null,
    negativePrompt: null,
    seed: null,
    steps: null,
    sampler: null,
    scheduler: null,
    cfgScale: null,
    width: null,
    height: null,
    model: null,
    modelHash: null,
    modelVersion: null,
    loras: [],
    vae: null,
    clipSkip: null,
    denoise: null,
    hires: null,
    params: {},
    workflow: null,
  };
}
