import { z } from "zod";

/*
 * The hashes generators write for a model file, and how each is told apart (by length, which never overlaps):
 * - sha256 (64 hex): the whole file. Civitai lists it; ComfyUI savers sometimes write it whole.
 * - AutoV2 (10 hex): sha256[0:10], A1111's `Model hash` since 1.0 and Civitai's "AutoV2".
 * - AutoV1 (8 hex): A1111's legacy "model hash", the sha256 of the 64 KiB at offset 1 MiB (not derivable from the
 *   sha256, so it is registered as written).
 * - AutoV3 (12 hex): the sha256 of a safetensors file's tensors (the bytes after its JSON header; kohya writes it
 *   as `sshs_model_hash`), first 12: what A1111 writes as `Lora hashes` and Civitai lists as "AutoV3". A 12-hex
 *   hash may also be a sha256[0:12] some savers write; either matches.
 */
const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);

/** A hash as a file or a person wrote it, compared lowercase without a `0x` prefix; null when it is not hex. */
function normaliseModelHash(text: string | null | undefined): string | null {
  if (!text) return null;
  const hash = text.trim().toLowerCase().replace(/^0x/, "");
  return /^[0-9a-f]{8,64}$/.test(hash) ? hash : null;
}

const hashField = (name: string, lengths: number[], hint: string) =>
  z
    .string()
    .max(80)
    .transform((text) => normaliseModelHash(text) ?? text)
    .refine((hash) => lengths.some((length) => HEX(length).test(hash)), `${name} must be ${hint}`);

/** The hash fields a registration takes; AutoV2 follows from sha256 and must agree with it when both are sent. */
export const modelHashesShape = {
  sha256: hashField("sha256", [64], "the file's sha256: 64 hex characters")
    .optional()
    .describe("sha256 of the whole file (64 hex)"),
  autov1: hashField("autov1", [8], "8 hex characters (A1111's legacy model hash)")
    .optional()
    .describe("A1111's legacy model hash (8 hex)"),
  autov2: hashField("autov2", [10], "10 hex characters (sha256[0:10])")
    .optional()
    .describe("AutoV2: sha256[0:10], A1111's Model hash (10 hex); implied by sha256"),
  autov3: hashField("autov3", [12, 64], "12 hex characters, or the 64 of the tensors' sha256")
    .transform((hash) => hash.slice(0, 12))
    .optional()
    .describe("AutoV3: sha256 of a safetensors file's tensors, first 12 hex (A1111's Lora hashes)"),
};

export type ModelHashes = {
  sha256: string | null;
  autov1: string | null;
  autov2: string | null;
  autov3: string | null;
};
