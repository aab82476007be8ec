import sharp from "sharp";
import type { CriticDecision } from "@/lib/enums/critic-enums";

// The measure is taken at one size, so a large original and its preview score alike.
const MEASURE_EDGE = 768;
// Laplacian variance at which the score reaches 1 − 1/e; about where a focused 768 px photo lands.
const SHARPNESS_SCALE = 300;
const CLIP_DARK = 3;
const CLIP_BRIGHT = 252;

export type SharpnessMeasure = {
  score: number;
  decision: CriticDecision;
  reasons: string[];
  raw: { laplacian_variance: number; clipped_dark: number; clipped_bright: number };
};

/**
 * A model-free quality score in 0–1: Laplacian-variance sharpness (blur flattens the second derivative), lowered
 * by exposure clipping (the share of pixels crushed to black or blown to white).
 */
export async function measureSharpness(bytes: Uint8Array): Promise<SharpnessMeasure> {
  const grey = sharp(bytes, { failOn: "error" })
    .flatten({ background: "#808080" })
    .greyscale()
    .resize(MEASURE_EDGE, MEASURE_EDGE, { fit: "inside", withoutEnlargement: true });
  const pixels = await grey.clone().raw().toBuffer();
  // offset 128 keeps the Laplacian's negative half; values are read back relative to it.
  const laplacian = await grey
    .clone()
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 })
    .raw()
    .toBuffer();
  let sum = 0;
  let squares = 0;
  for (const value of laplacian) {
    const centred = value - 128;
    sum += centred;
    squares += centred * centred;
  }
  const mean = sum / laplacian.length;
  const variance = squares / laplacian.length - mean * mean;
  let dark = 0;
  let bright = 0;
  for (const value of pixels) {
    if (value <= CLIP_DARK) dark += 1;
    else if (value >= CLIP_BRIGHT) bright += 1;
  }
  const clippedDark = dark / pixels.length;
  const clippedBright = bright / pixels.length;
  const sharpness = 1 - Math.exp(-variance / SHARPNESS_SCALE);
  const score = Math.min(1, Math.max(0, sharpness * (1 - clippedDark - clippedBright)));
  const reasons = [
    sharpness < 0.3 ? "blurry" : sharpness > 0.8 ? "sharp" : null,
    clippedDark > 0.1 ? "underexposed" : null,
    clippedBright > 0.1 ? "overexposed" : null,
  ].filter((reason): reason is string => reason !== null);
  return {
    score,
    decision: score >= 0.5 ? "approve" : "reject",
    reasons,
    raw: {
      laplacian_variance: Math.round(variance * 100) / 100,
      clipped_dark: Math.round(clippedDark * 10_000) / 10_000,
      clipped_bright: Math.round(clippedBright * 10_000) / 10_000,
    },
  };
}
