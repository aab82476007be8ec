import { crc32 } from "node:zlib";
import { archiveTail, dataDescriptor, entriesEndingBy, localHeader, type ZipPlan } from "./zip-layout";

/** A stored image is not as long as its frozen version says: its bytes are not the ones frozen. */
export class SizeMismatchError extends Error {
  constructor(name: string, expected: number) {
    super(
      `${name} is not the ${expected} bytes its version froze; the stored object is corrupt (run the doctor)`,
    );
    this.name = "SizeMismatchError";
  }
}

/** An entry made from the database is no longer what the archive was planned with: what it describes changed. */
export class EntryChangedError extends Error {
  constructor(name: string) {
    super(
      `${name} changed while the archive was built (a review, tag or score); ask again for the new state`,
    );
    this.name = "EntryChangedError";
  }
}

/** One entry's bytes: in memory (captions, the manifest), or a source read when the archive reaches it. */
export type EntryBody = Buffer | (() => AsyncIterable<Uint8Array>);

/**
 * The planned archive's bytes from offset `start` to its end. `crcs` holds the CRC of every entry whose bytes
 * ended at or before `start` (remembered from an earlier run) and receives the rest as they are read. An entry
 * cut by `start` is read again from its first byte (its CRC and checksum need all of it) and only its bytes
 * from `start` on are given out. The last chunk of a streamed entry is given out only after its source has
 * ended without an error (a sha256 mismatch throws then) and its CRC is recorded, so whoever stores the part
 * holding that chunk may also store the CRC: no entry counts as written before it was verified whole.
 */
export async function* archiveBytes(
  plan: ZipPlan,
  bodies: (index: number) => EntryBody,
  start: number,
  crcs: number[],
): AsyncGenerator<Buffer> {
  const from = (bytes: Buffer, offset: number) => bytes.subarray(Math.max(0, start - offset));
  for (let index = entriesEndingBy(plan, start, "end"); index < plan.entries.length; index += 1) {
    const entry = plan.entries[index] as ZipPlan["entries"][number];
    const body = bodies(index);
    if (Buffer.isBuffer(body)) crcs[index] = crc32(body);
    if (start < entry.dataOffset) yield from(localHeader(entry, crcs[index] ?? null), entry.headerOffset);
    if (start < entry.dataEnd) {
      if (Buffer.isBuffer(body)) yield from(body, entry.dataOffset);
      else
        yield* streamedEntry(body(), entry, start, (crc) => {
          crcs[index] = crc;
        });
    }
    const descriptor = dataDescriptor(entry, crcs[index] ?? 0);
    if (descriptor.length > 0 && start < entry.end) yield from(descriptor, entry.dataEnd);
  }
  yield from(archiveTail(plan, crcs), plan.centralDirectoryOffset);
}

async function* streamedEntry(
  source: AsyncIterable<Uint8Array>,
  entry: ZipPlan["entries"][number],
  start: number,
  recordCrc: (crc: number) => void,
): AsyncGenerator<Buffer> {
  let position = entry.dataOffset;
  let crc = 0;
  let held: Buffer | null = null;
  for await (const chunk of source) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    crc = crc32(bytes, crc);
    if (held) yield held;
    held = position + bytes.length > start ? bytes.subarray(Math.max(0, start - position)) : null;
    position += bytes.length;
    if (position > entry.dataEnd) break;
  }
  if (position !== entry.dataEnd) throw new SizeMismatchError(entry.name.toString("utf8"), entry.size);
  recordCrc(crc);
  if (held) yield held;
}
