import type { Sharp } from "sharp";

// A 64-bit DCT perceptual hash (the classic pHash): 32×32 greyscale, the 8×8 lowest frequencies of its DCT
// without the DC term, each bit = coefficient above the median. Re-encodes and small resizes change few bits.
const SIZE = 32;
const LOW = 8;
const COSINES = Array.from({ length: LOW }, (_, frequency) =>
  Float64Array.from({ length: SIZE }, (_, x) => Math.cos(((2 * x + 1) * frequency * Math.PI) / (2 * SIZE))),
);

/** The hash of an image already decoded (sharp pipeline of its pixels). */
export async function perceptualHash(pixels: Sharp): Promise<bigint> {
  const gray = await pixels.resize({ width: SIZE, height: SIZE, fit: "fill" }).greyscale().raw().toBuffer();
  return hashFromGray(gray);
}

/** From SIZE×SIZE greyscale bytes (one channel). Bit 63 is the first coefficient after DC. */
function hashFromGray(gray: Uint8Array): bigint {
  // Separable DCT, low frequencies only: rows first (SIZE×LOW), then columns (LOW×LOW).
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIZE; x++) sum += (gray[y * SIZE + x] ?? 0) * (COSINES[u]?.[x] ?? 0);
      rows[y * LOW + u] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) sum += (rows[y * LOW + u] ?? 0) * (COSINES[v]?.[y] ?? 0);
      coefficients.push(sum);
    }
  }
  // 63 AC coefficients plus the DC slot (always 0 below), so the hash keeps 64 bits.
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)] ?? 0;
  let hash = 0n;
  for (const coefficient of ac) hash = (hash << 1n) | (coefficient > median ? 1n : 0n);
  return BigInt.asIntN(64, hash << 1n);
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let bits = 0;
  while (x) {
    x &= x - 1n;
    bits++;
  }
  return bits;
}

const BAND_BITS = 16;
const BAND_MASK = (1n << BigInt(BAND_BITS)) - 1n;

/** Two hashes this close are the same picture (re-encoded, resized, lightly edited). */
export const NEAR_DUPLICATE_DISTANCE = 7;

/**
 * The hash cut into four 16-bit bands (the phash_band0..3 columns, each equality-indexed). Any two hashes within
 * distance 7 have a band that differs in at most one bit (pigeonhole over 4 bands), so probing each band's value
 * and its 16 one-bit neighbours (`probeBands`) finds every candidate, about rows / 65536 per probe; the exact
 * distance is then computed on those few rows.
 */
export function hashBands(hash: bigint): [number, number, number, number] {
  const unsigned = BigInt.asUintN(64, hash);
  return [0, 1, 2, 3].map((band) => bandValue(unsigned, band)) as [number, number, number, number];
}

/** For each band, its value and the 16 values one bit away. */
export function probeBands(hash: bigint): number[][] {
  return hashBands(hash).map((value) => [
    value,
    ...Array.from({ length: BAND_BITS }, (_, bit) => value ^ (1 << bit)),
  ]);
}

function bandValue(unsigned: bigint, band: number): number {
  return Number((unsigned >> BigInt(band * BAND_BITS)) & BAND_MASK);
}

/** The band columns of an image row for this hash. */
export function bandColumns(hash: bigint) {
  const [phashBand0, phashBand1, phashBand2, phashBand3] = hashBands(hash);
  return { phash: hash, phashBand0, phashBand1, phashBand2, phashBand3 };
}
