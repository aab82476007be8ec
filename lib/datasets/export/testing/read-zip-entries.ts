import { type Entry, fromBuffer, type ZipFile } from "yauzl";

/** Every entry of an archive, read by yauzl (a maintained reader that checks sizes and reads ZIP64). */
export function readZipEntries(zip: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, file?: ZipFile) => {
      if (error || !file) return reject(error ?? new Error("unreadable archive"));
      const entries: { name: string; data: Buffer }[] = [];
      file.on("error", reject);
      file.on("end", () => resolve(entries));
      file.on("entry", (entry: Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("unreadable entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}
