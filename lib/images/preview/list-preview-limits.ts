// How much of each long value a list record carries (lib/images/list-preview.ts cuts them); client-safe, so the
// API's record schema and its documentation say the same numbers.

/** Characters (text) or bytes of JSON text a list record carries of each long value. */
export const PREVIEW_LIMITS = {
  prompt: 1000,
  negative_prompt: 500,
  /** model, sampler, scheduler and the like: short when a generator writes them, not when a file lies */
  name: 200,
  /** params, loras, workflow, metadata_warnings: whole when their JSON text is at most this, else left out */
  json: 2000,
} as const;

/** A stored value a list record may cut, by its name in the API record. */
export const TRUNCATABLE_FIELDS = [
  "prompt",
  "negative_prompt",
  "model",
  "model_key",
  "model_version",
  "model_hash",
  "sampler",
  "sampler_key",
  "scheduler",
  "loras",
  "params",
  "workflow",
  "metadata_warnings",
] as const;
export type TruncatableField = (typeof TRUNCATABLE_FIELDS)[number];
