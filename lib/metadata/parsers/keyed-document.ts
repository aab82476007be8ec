import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { toInteger, toNumber, toSeed, toText } from "../values";

// Writers whose metadata is one flat document of named values (diffusers apps, Easy Diffusion): a parser is the
// list of keys, in order of preference, that hold each field; this reads them the same way for every writer.
const CONVERTERS = {
  prompt: toText,
  negativePrompt: toText,
  seed: toSeed,
  steps: toInteger,
  cfgScale: toNumber,
  sampler: toText,
  model: toText,
  modelHash: toText,
  width: toInteger,
  height: toInteger,
  clipSkip: toInteger,
  denoise: toNumber,
  generatorVersion: toText,
} satisfies Partial<Record<keyof GenerationMetadata, (value: unknown) => unknown>>;

export type FieldKeys = Partial<Record<keyof typeof CONVERTERS, readonly string[]>>;

/**
 * The fields `keys` names, read from `document`; every key neither `keys` nor `alsoKnown` names goes to params.
 * `read` hands the caller the raw value of its own extra keys.
 */
export function readKeyedDocument(
  document: Record<string, unknown>,
  keys: FieldKeys,
  alsoKnown: Record<string, readonly string[]> = {},
): { metadata: GenerationMetadata; read: (names: readonly string[]) => unknown } {
  const read = (names: readonly string[]) =>
    names.map((name) => document[name]).find((value) => value !== undefined);
  const metadata = emptyGenerationMetadata();
  const fields = metadata as Record<string, unknown>;
  for (const [field, names] of Object.entries(keys) as [keyof typeof CONVERTERS, readonly string[]][]) {
    fields[field] = CONVERTERS[field](read(names));
  }
  const known = new Set<string>([...Object.values(keys), ...Object.values(alsoKnown)].flat());
  for (const [key, value] of Object.entries(document)) if (!known.has(key)) metadata.params[key] = value;
  return { metadata, read };
}
