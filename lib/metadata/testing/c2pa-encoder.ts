import { concatBytes } from "./png-encoder";

/** Test encoders for C2PA stores: just enough CBOR (RFC 8949) and JUMBF (ISO 19566-5) to build a manifest. */
export type CborValue = string | number | boolean | null | CborValue[] | { [key: string]: CborValue };

function head(major: number, length: number): Uint8Array {
  if (length < 24) return Uint8Array.of((major << 5) | length);
  if (length < 0x100) return Uint8Array.of((major << 5) | 24, length);
  if (length < 0x10000) return Uint8Array.of((major << 5) | 25, length >> 8, length & 0xff);
  const bytes = new Uint8Array(5);
  bytes[0] = (major << 5) | 26;
  new DataView(bytes.buffer).setUint32(1, length);
  return bytes;
}

function encodeCbor(value: CborValue): Uint8Array {
  if (value === null) return Uint8Array.of(0xf6);
  if (typeof value === "boolean") return Uint8Array.of(value ? 0xf5 : 0xf4);
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const text = new TextEncoder().encode(value);
    return concatBytes(head(3, text.length), text);
  }
  if (Array.isArray(value)) return concatBytes(head(4, value.length), ...value.map(encodeCbor));
  const entries = Object.entries(value);
  return concatBytes(
    head(5, entries.length),
    ...entries.flatMap(([key, item]) => [encodeCbor(key), encodeCbor(item)]),
  );
}

function jumbfBox(type: string, payload: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, payload.length + 8);
  header.set(new TextEncoder().encode(type), 4);
  return concatBytes(header, payload);
}

/** A `jumb` superbox: a `jumd` description (zero UUID, label toggle) then the content boxes. */
function labelledSuperbox(label: string, ...contents: Uint8Array[]): Uint8Array {
  const description = concatBytes(
    new Uint8Array(16),
    Uint8Array.of(0x03),
    new TextEncoder().encode(`${label}\0`),
  );
  return jumbfBox("jumb", concatBytes(jumbfBox("jumd", description), ...contents));
}

/** A C2PA store holding one manifest with a claim and an actions assertion. */
export function buildC2paStore(claim: CborValue, actions: CborValue): Uint8Array {
  const manifest = labelledSuperbox(
    "urn:c2pa:test",
    labelledSuperbox(
      "c2pa.assertions",
      labelledSuperbox("c2pa.actions.v2", jumbfBox("cbor", encodeCbor(actions))),
    ),
    labelledSuperbox("c2pa.claim.v2", jumbfBox("cbor", encodeCbor(claim))),
  );
  return labelledSuperbox("c2pa", manifest);
}

/** JPEG APP11 segments carrying a JUMBF store split in two (the box header repeats in the second). */
export function splitIntoApp11(store: Uint8Array): Uint8Array[] {
  const half = Math.floor(store.length / 2);
  const segment = (sequence: number, body: Uint8Array) => {
    const prefix = Uint8Array.of(0x4a, 0x50, 0, 1, 0, 0, 0, sequence);
    const data = concatBytes(prefix, body);
    return concatBytes(Uint8Array.of(0xff, 0xeb, (data.length + 2) >> 8, (data.length + 2) & 0xff), data);
  };
  return [
    segment(1, store.subarray(0, half)),
    segment(2, concatBytes(store.subarray(0, 8), store.subarray(half))),
  ];
}
