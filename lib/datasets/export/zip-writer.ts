import { Readable } from "node:stream";
import { ZipFile } from "yazl";

/** One file of an archive: bytes, or a source read only when the archive reaches it. */
export type ZipEntry = { name: string; body: Uint8Array | (() => AsyncIterable<Uint8Array>) };

// yazl writes ZIP64 records by itself once an archive passes 65,535 files or 4 GB (our old hand-written writer
// stopped there). STORE only: images are already compressed. Every entry carries the same DOS time
// (1980-01-01 00:00, local, so no time zone leaks in) so the same entries make the same archive, byte for byte.
const FIXED_TIME = new Date(1980, 0, 1);
const ENTRY_OPTIONS = { compress: false, mtime: FIXED_TIME, forceDosTimestamp: true, mode: 0o100644 };

/**
 * A streaming ZIP of `entries`, read one source at a time as the archive is consumed. A source that fails
 * destroys the stream with its error. `forceZip64` writes ZIP64 records even for a small archive (tests).
 */
export function createZipStream(
  entries: Iterable<ZipEntry>,
  options: { forceZip64?: boolean } = {},
): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // yazl leaves the errors of lazily opened sources to us; without this an error would be uncaught.
  const fail = (error: Error) => output.destroy(error);
  zip.on("error", fail);
  const forceZip64Format = options.forceZip64 ?? false;
  for (const entry of entries) {
    const { body } = entry;
    if (body instanceof Uint8Array) {
      zip.addBuffer(Buffer.from(body.buffer, body.byteOffset, body.byteLength), entry.name, {
        ...ENTRY_OPTIONS,
        forceZip64Format,
      });
    } else {
      zip.addReadStreamLazy(entry.name, { ...ENTRY_OPTIONS, forceZip64Format }, (callback) =>
        callback(null, Readable.from(body()).on("error", fail)),
      );
    }
  }
  zip.end({ forceZip64Format, comment: "" });
  return output;
}
