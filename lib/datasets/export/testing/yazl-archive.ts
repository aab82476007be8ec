import { Readable } from "node:stream";
import { ZipFile } from "yazl";

/** One file of an archive: bytes, or a source read only when the archive reaches it. */
export type ZipEntry = { name: string; body: Uint8Array | (() => AsyncIterable<Uint8Array>) };

// The oracle for zip-layout.ts: yazl (a maintained writer, ZIP64 included) building the archive the export
// builds, with the same options: STORE only, one fixed DOS time (1980-01-01 00:00, local, so no time zone leaks
// in), mode 0644, buffers for captions and the manifest, streams for images.
const FIXED_TIME = new Date(1980, 0, 1);
const ENTRY_OPTIONS = { compress: false, mtime: FIXED_TIME, forceDosTimestamp: true, mode: 0o100644 };

/** yazl's archive of `entries`, as a stream; `forceZip64` writes ZIP64 records even for a small archive. */
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
