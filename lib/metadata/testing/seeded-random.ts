/** mulberry32: a tiny seeded PRNG so fuzz runs are reproducible from their seed. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random structural or byte-level damage: flips, overwrites with 0xFF runs, cuts, splices, truncation. */
export function mutateBytes(input: Uint8Array, random: () => number): Uint8Array {
  const pick = (limit: number) => Math.floor(random() * Math.max(1, limit));
  const bytes = Uint8Array.from(input);
  switch (pick(6)) {
    case 0: {
      for (let count = 1 + pick(8); count > 0; count -= 1) bytes[pick(bytes.length)] = pick(256);
      return bytes;
    }
    case 1: {
      const at = pick(bytes.length - 4);
      bytes.set([0xff, 0xff, 0xff, pick(256)], at);
      return bytes;
    }
    case 2:
      return bytes.subarray(0, pick(bytes.length));
    case 3: {
      const start = pick(bytes.length);
      const end = Math.min(bytes.length, start + 1 + pick(64));
      return Uint8Array.from([...bytes.subarray(0, start), ...bytes.subarray(end)]);
    }
    case 4: {
      const at = pick(bytes.length);
      const noise = Uint8Array.from({ length: 1 + pick(32) }, () => pick(256));
      return Uint8Array.from([...bytes.subarray(0, at), ...noise, ...bytes.subarray(at)]);
    }
    default: {
      const from = pick(bytes.length);
      const length = Math.min(1 + pick(128), bytes.length - from);
      bytes.copyWithin(pick(bytes.length), from, from + length);
      return bytes;
    }
  }
}
