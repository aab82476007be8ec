// Client-safe leaf (imports nothing): lib/db/schema CHECK constraints, zod schemas and UI options derive from these.

/** What a registered model file is: a LoRA (any network: LoCon, LyCORIS, DoRA…) or a whole checkpoint. */
export const TRAINED_MODEL_KINDS = ["lora", "checkpoint"] as const;
export type TrainedModelKind = (typeof TRAINED_MODEL_KINDS)[number];

/**
 * How an image came to name a trained model, strongest first: a file hash it carries, a Civitai version id
 * (an AIR or a resources list), or the model's file name alone (lib/images/trained-model-links.ts).
 */
export const LINK_SOURCES = ["hash", "civitai", "key"] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];
