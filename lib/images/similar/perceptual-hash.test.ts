import { describe, expect, it } from "vitest";
import { hammingDistance, hashBands, NEAR_DUPLICATE_DISTANCE, probeBands } from "./perceptual-hash";

function randomHash(random: () => number): bigint {
  let hash = 0n;
  for (let bit = 0; bit < 64; bit++) hash = (hash << 1n) | (random() < 0.5 ? 1n : 0n);
  return BigInt.asIntN(64, hash);
}

function flipBits(hash: bigint, count: number, random: () => number): bigint {
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(random() * 64));
  let flipped = BigInt.asUintN(64, hash);
  for (const bit of bits) flipped ^= 1n << BigInt(bit);
  return BigInt.asIntN(64, flipped);
}

describe("perceptual hash bands", () => {
  it("finds every hash within the near-duplicate distance through a shared probe band", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2000; round++) {
      const hash = randomHash(random);
      const near = flipBits(hash, 1 + (round % NEAR_DUPLICATE_DISTANCE), random);
      expect(hammingDistance(hash, near)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
      const stored = hashBands(near);
      expect(probeBands(hash).some((probes, band) => probes.includes(stored[band] ?? -1))).toBe(true);
    }
  });

  it("counts differing bits, sign included", () => {
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(-1n, BigInt.asIntN(64, 0x7fffffffffffffffn))).toBe(1);
    expect(hashBands(-1n)).toEqual([65535, 65535, 65535, 65535]);
    expect(probeBands(0n).flat()).toHaveLength(68);
  });
});
