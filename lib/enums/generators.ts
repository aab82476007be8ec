// Client-safe leaf (imports nothing): lib/db/schema, zod schemas and the UI all derive from these arrays.

/** The generators an image's `generator` column may name; a writer we parse but do not list here is "other". */
export const GENERATORS = ["comfyui", "a1111", "invokeai", "novelai", "fooocus", "swarmui", "other"] as const;
export type Generator = (typeof GENERATORS)[number];

export function isGenerator(value: string): value is Generator {
  return (GENERATORS as readonly string[]).includes(value);
}
