import { Readable } from "node:stream";
import { crc32 } from "node:zlib";

/** One file of an archive: bytes, or a source read only when the archive reaches it. */
export type ZipEntry = { name: string; body: Uint8Array | (() => AsyncIterable<Uint8Array>) };

// STORE only: images are already compressed, and stored entries keep the archive a plain byte stream that
// the browser can download while we read from S3. Every entry carries the same DOS time (1980-01-01 00:00)
// so the same entries make the same archive, byte for byte.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
// Bit 3: sizes and CRC follow the data (a data descriptor), so nothing is buffered; bit 11: UTF-8 names.
const FLAGS = 0x0008 | 0x0800;
const VERSION_NEEDED = 20;
const MADE_BY_UNIX = (3 << 8) | 20;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

type Written = { name: Buffer; crc: number; size: number; offset: number };

/** A streaming ZIP (STORE, data descriptors, no ZIP64): throws, ending the stream, past 4 GB or 65,535 files. */
export function createZipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): Readable {
  return Readable.from(zipChunks(entries), { objectMode: false });
}

async function* zipChunks(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    if (written.length === MAX_ENTRIES) throw new ZipTooLargeError("more than 65,535 files");
    const name = Buffer.from(entry.name, "utf8");
    const header = localHeader(name);
    yield header;
    const record: Written = { name, crc: 0, size: 0, offset };
    offset += header.length;
    const chunks = entry.body instanceof Uint8Array ? [entry.body] : entry.body();
    for await (const chunk of chunks) {
      record.crc = crc32(chunk, record.crc);
      record.size += chunk.length;
      offset += chunk.length;
      if (offset > MAX_32) throw new ZipTooLargeError("more than 4 GB");
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    const descriptor = dataDescriptor(record);
    yield descriptor;
    offset += descriptor.length;
    written.push(record);
  }
  const directoryStart = offset;
  for (const record of written) {
    const header = centralHeader(record);
    yield header;
    offset += header.length;
  }
  if (offset > MAX_32) throw new ZipTooLargeError("more than 4 GB");
  yield endOfDirectory(written.length, offset - directoryStart, directoryStart);
}

export class ZipTooLargeError extends Error {
  constructor(what: string) {
    super(`The archive would hold ${what}, which needs ZIP64; export to a folder instead`);
    this.name = "ZipTooLargeError";
  }
}

function localHeader(name: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(0, 8); // method: stored
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes (14..25) stay 0: they come in the data descriptor.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function dataDescriptor(record: Written): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(record.crc >>> 0, 4);
  descriptor.writeUInt32LE(record.size, 8);
  descriptor.writeUInt32LE(record.size, 12);
  return descriptor;
}

function centralHeader(record: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(record.crc >>> 0, 16);
  header.writeUInt32LE(record.size, 20);
  header.writeUInt32LE(record.size, 24);
  header.writeUInt16LE(record.name.length, 28);
  // extra length, comment length, disk number, internal attributes: 0
  header.writeUInt32LE(REGULAR_FILE_0644, 38);
  header.writeUInt32LE(record.offset, 42);
  return Buffer.concat([header, record.name]);
}

function endOfDirectory(count: number, size: number, start: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(start, 16);
  return record;
}
