// A STORE-only ZIP (images are compressed already) whose every byte offset is known before a byte is written,
// because every entry's size is: the images' from their frozen rows, captions and the manifest from memory. That
// is what makes an export resumable part by part (export-archive-bytes.ts): any part can be produced again
// from the layout alone, and only the CRCs of entries already written have to be remembered between runs.
//
// The records are the ones yazl writes for the same entries (compress: false, forceDosTimestamp, mode 0644,
// mtime 1980-01-01): buffers with CRC and sizes in the local header; streamed images with bit 3 and a data
// descriptor after their bytes; ZIP64 extra fields, descriptors and end records exactly where yazl puts them.
// A test builds the same archive with yazl and compares the bytes (zip-layout.test.ts), so this stays a layout,
// not a second dialect of the format.

export type ZipEntrySpec = { name: string; size: number; crcKnownUpFront: boolean };

export type PlannedEntry = {
  name: Buffer;
  size: number;
  /** Bit 3: the CRC and sizes follow the bytes in a data descriptor (streamed images). */
  describedAfter: boolean;
  zip64: boolean;
  headerOffset: number;
  dataOffset: number;
  dataEnd: number;
  /** Where the next entry's header starts. */
  end: number;
};

export type ZipPlan = {
  entries: PlannedEntry[];
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  forceZip64: boolean;
  totalSize: number;
};

const LOCAL_HEADER = 30;
const CENTRAL_RECORD = 46;
const ZIP64_EXTRA = 28;
const DESCRIPTOR = 16;
const ZIP64_DESCRIPTOR = 24;
const ZIP64_END_RECORD = 56;
const ZIP64_END_LOCATOR = 20;
const END_RECORD = 22;
const MAX_32 = 0xffffffff;
const UTF8_NAMES = 1 << 11;
const DESCRIPTOR_FOLLOWS = 1 << 3;
const VERSION_MADE_BY = (3 << 8) | 63; // unix, spec 6.3
const NEEDS = { plain: 20, zip64: 45 };
// DOS date 1980-01-01, time 00:00: every entry the same, so the same entries make the same archive.
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
const FILE_MODE = (0o100644 << 16) >>> 0;

export function planZip(specs: ZipEntrySpec[], options: { forceZip64?: boolean } = {}): ZipPlan {
  const forceZip64 = options.forceZip64 ?? false;
  let cursor = 0;
  let centralDirectorySize = 0;
  const entries = specs.map((spec) => {
    const name = Buffer.from(spec.name, "utf8");
    const headerOffset = cursor;
    const zip64 = forceZip64 || spec.size > MAX_32 - 1 || headerOffset > MAX_32 - 1;
    const describedAfter = !spec.crcKnownUpFront;
    const dataOffset = headerOffset + LOCAL_HEADER + name.length;
    const dataEnd = dataOffset + spec.size;
    const end = dataEnd + (describedAfter ? (zip64 ? ZIP64_DESCRIPTOR : DESCRIPTOR) : 0);
    cursor = end;
    centralDirectorySize += CENTRAL_RECORD + name.length + (zip64 ? ZIP64_EXTRA : 0);
    return { name, size: spec.size, describedAfter, zip64, headerOffset, dataOffset, dataEnd, end };
  });
  const plan = { entries, centralDirectoryOffset: cursor, centralDirectorySize, forceZip64, totalSize: 0 };
  plan.totalSize = cursor + centralDirectorySize + endRecordsSize(plan);
  return plan;
}

/**
 * How many entries' bytes (`dataEnd`), or whole records with their descriptor (`end`), end at or before
 * `offset`: a binary search, entries being in offset order.
 */
export function entriesEndingBy(plan: ZipPlan, offset: number, edge: "dataEnd" | "end" = "dataEnd"): number {
  let low = 0;
  let high = plan.entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((plan.entries[middle]?.[edge] ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The local header; for an entry whose CRC is known up front it carries the CRC and sizes. */
export function localHeader(entry: PlannedEntry, crc: number | null): Buffer {
  const header = Buffer.alloc(LOCAL_HEADER);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(NEEDS.plain, 4);
  header.writeUInt16LE(flagsOf(entry), 6);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  if (!entry.describedAfter) {
    header.writeUInt32LE(crc ?? 0, 14);
    header.writeUInt32LE(entry.size, 18);
    header.writeUInt32LE(entry.size, 22);
  }
  header.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([header, entry.name]);
}

/** The data descriptor after a streamed entry's bytes (empty for entries described up front). */
export function dataDescriptor(entry: PlannedEntry, crc: number): Buffer {
  if (!entry.describedAfter) return Buffer.alloc(0);
  const descriptor = Buffer.alloc(entry.zip64 ? ZIP64_DESCRIPTOR : DESCRIPTOR);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc, 4);
  if (entry.zip64) {
    descriptor.writeBigUInt64LE(BigInt(entry.size), 8);
    descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
  } else {
    descriptor.writeUInt32LE(entry.size, 8);
    descriptor.writeUInt32LE(entry.size, 12);
  }
  return descriptor;
}

/** The central directory and the end records: everything after the last entry, given every entry's CRC. */
export function archiveTail(plan: ZipPlan, crcs: readonly number[]): Buffer {
  const records = plan.entries.map((entry, index) => centralRecord(entry, crcs[index] ?? 0));
  return Buffer.concat([...records, endRecords(plan)]);
}

function centralRecord(entry: PlannedEntry, crc: number): Buffer {
  const record = Buffer.alloc(CENTRAL_RECORD);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(VERSION_MADE_BY, 4);
  record.writeUInt16LE(entry.zip64 ? NEEDS.zip64 : NEEDS.plain, 6);
  record.writeUInt16LE(flagsOf(entry), 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(DOS_TIME, 12);
  record.writeUInt16LE(DOS_DATE, 14);
  record.writeUInt32LE(crc, 16);
  record.writeUInt32LE(entry.zip64 ? MAX_32 : entry.size, 20);
  record.writeUInt32LE(entry.zip64 ? MAX_32 : entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(entry.zip64 ? ZIP64_EXTRA : 0, 30);
  record.writeUInt32LE(FILE_MODE, 38);
  record.writeUInt32LE(entry.zip64 ? MAX_32 : entry.headerOffset, 42);
  if (!entry.zip64) return Buffer.concat([record, entry.name]);
  const extra = Buffer.alloc(ZIP64_EXTRA);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(ZIP64_EXTRA - 4, 2);
  extra.writeBigUInt64LE(BigInt(entry.size), 4);
  extra.writeBigUInt64LE(BigInt(entry.size), 12);
  extra.writeBigUInt64LE(BigInt(entry.headerOffset), 20);
  return Buffer.concat([record, entry.name, extra]);
}

function needsZip64End(plan: ZipPlan): boolean {
  return (
    plan.forceZip64 ||
    plan.entries.length >= 0xffff ||
    plan.centralDirectorySize >= MAX_32 ||
    plan.centralDirectoryOffset >= MAX_32
  );
}

function endRecordsSize(plan: ZipPlan): number {
  return END_RECORD + (needsZip64End(plan) ? ZIP64_END_RECORD + ZIP64_END_LOCATOR : 0);
}

function endRecords(plan: ZipPlan): Buffer {
  const count = plan.entries.length;
  const zip64 = needsZip64End(plan);
  const end = Buffer.alloc(END_RECORD);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(plan.forceZip64 || count >= 0xffff ? 0xffff : count, 8);
  end.writeUInt16LE(plan.forceZip64 || count >= 0xffff ? 0xffff : count, 10);
  const cdSize = plan.centralDirectorySize;
  const cdOffset = plan.centralDirectoryOffset;
  end.writeUInt32LE(plan.forceZip64 || cdSize >= MAX_32 ? MAX_32 : cdSize, 12);
  end.writeUInt32LE(plan.forceZip64 || cdOffset >= MAX_32 ? MAX_32 : cdOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(ZIP64_END_RECORD);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(BigInt(ZIP64_END_RECORD - 12), 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(NEEDS.zip64, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(ZIP64_END_LOCATOR);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

function flagsOf(entry: PlannedEntry): number {
  return entry.describedAfter ? UTF8_NAMES | DESCRIPTOR_FOLLOWS : UTF8_NAMES;
}
