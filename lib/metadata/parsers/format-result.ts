import type { GenerationMetadata } from "../types";

/** A recognised format: the normalised fields and the entry keywords they were read from. */
export type FormatResult = { metadata: GenerationMetadata; consumed: string[] };
