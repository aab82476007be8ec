import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { archiveBytes, type EntryBody, SizeMismatchError } from "./archive-bytes";
import { readZipEntries } from "./testing/read-zip-entries";
import { createZipStream, type ZipEntry } from "./testing/yazl-archive";
import { entriesEndingBy, planZip } from "./zip-layout";

type File = { name: string; bytes: Buffer; streamed: boolean };

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A streamed body in uneven chunks, as the bucket sends them. */
function chunked(bytes: Buffer): () => AsyncIterable<Uint8Array> {
  return async function* () {
    for (let offset = 0; offset < bytes.length; offset += 997) yield bytes.subarray(offset, offset + 997);
  };
}

function yazlArchive(files: File[], forceZip64: boolean): Promise<Buffer> {
  const entries: ZipEntry[] = files.map((file) => ({
    name: file.name,
    body: file.streamed ? chunked(file.bytes) : file.bytes,
  }));
  return collect(createZipStream(entries, { forceZip64 }));
}

function layoutOf(files: File[], forceZip64: boolean) {
  const plan = planZip(
    files.map((file) => ({ name: file.name, size: file.bytes.length, crcKnownUpFront: !file.streamed })),
    { forceZip64 },
  );
  const bodies = (index: number): EntryBody => {
    const file = files[index] as File;
    return file.streamed ? chunked(file.bytes) : file.bytes;
  };
  return { plan, bodies };
}

function exportLike(images: number): File[] {
  const files: File[] = [];
  for (let index = 0; index < images; index += 1) {
    files.push({
      name: `${index.toString(16).padStart(16, "0")}.png`,
      bytes: randomBytes(index * 37 + 1),
      streamed: true,
    });
    files.push({
      name: `${index.toString(16).padStart(16, "0")}.txt`,
      bytes: Buffer.from(index % 3 ? `a caption ${index}` : ""),
      streamed: false,
    });
  }
  files.push({
    name: "manifest.jsonl",
    bytes: Buffer.from('{"file_name":"ünïcode — ok"}\n'),
    streamed: false,
  });
  return files;
}

describe("the export's ZIP layout", () => {
  for (const forceZip64 of [false, true]) {
    it(`is byte for byte the archive yazl writes for the same entries${forceZip64 ? " (ZIP64 forced)" : ""}`, async () => {
      const files = exportLike(40);
      const { plan, bodies } = layoutOf(files, forceZip64);
      const ours = await collect(archiveBytes(plan, bodies, 0, []));
      const theirs = await yazlArchive(files, forceZip64);
      expect(ours.length).toBe(plan.totalSize);
      expect(ours.equals(theirs)).toBe(true);
      const read = await readZipEntries(ours);
      expect(read.map((entry) => entry.name)).toEqual(files.map((file) => file.name));
    });
  }

  it("switches to ZIP64 end records past 65,534 entries, as yazl does", async () => {
    const files = Array.from({ length: 65_540 }, (_, index) => ({
      name: `${index}.txt`,
      bytes: Buffer.from(String(index)),
      streamed: index % 5000 === 0,
    }));
    const { plan, bodies } = layoutOf(files, false);
    const ours = await collect(archiveBytes(plan, bodies, 0, []));
    expect(ours.equals(await yazlArchive(files, false))).toBe(true);
  });

  it("gives the same bytes from any offset, given the CRCs of the entries that end before it", async () => {
    const files = exportLike(12);
    const { plan, bodies } = layoutOf(files, false);
    const crcs: number[] = [];
    const whole = await collect(archiveBytes(plan, bodies, 0, crcs));
    for (const start of [1, 29, 30, 31, 500, 4096, plan.centralDirectoryOffset - 3, plan.totalSize - 1]) {
      const known = crcs.slice(0, entriesEndingBy(plan, start));
      const rest = await collect(archiveBytes(plan, bodies, start, known));
      expect(rest.equals(whole.subarray(start)), `from ${start}`).toBe(true);
    }
    for (const entry of plan.entries) {
      expect(entriesEndingBy(plan, entry.dataEnd)).toBe(plan.entries.indexOf(entry) + 1);
      expect(entriesEndingBy(plan, entry.dataEnd - 1)).toBe(plan.entries.indexOf(entry));
    }
  });

  it("stops when a streamed entry is not the size the layout was planned with", async () => {
    const files = exportLike(3);
    const { plan } = layoutOf(files, false);
    const short = (index: number): EntryBody => {
      const file = files[index] as File;
      return file.streamed ? chunked(file.bytes.subarray(1)) : file.bytes;
    };
    await expect(collect(archiveBytes(plan, short, 0, []))).rejects.toBeInstanceOf(SizeMismatchError);
  });
});
