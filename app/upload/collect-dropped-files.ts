// Browser-side: the files of a drop, walking into dropped folders (the File System API of <input webkitdirectory>).

type Entry = { isFile: boolean; isDirectory: boolean; name: string };
type FileEntry = Entry & { file: (resolve: (file: File) => void, reject: (error: unknown) => void) => void };
type DirectoryEntry = Entry & {
  createReader: () => {
    readEntries: (resolve: (entries: Entry[]) => void, reject: (error: unknown) => void) => void;
  };
};

export async function collectDroppedFiles(items: DataTransferItemList): Promise<File[]> {
  const entries = [...items]
    .map((item) => (item.webkitGetAsEntry?.() as Entry | null) ?? null)
    .filter((entry): entry is Entry => entry !== null);
  const files = await Promise.all(entries.map(walk));
  return files.flat();
}

async function walk(entry: Entry): Promise<File[]> {
  if (entry.isFile)
    return [await new Promise<File>((resolve, reject) => (entry as FileEntry).file(resolve, reject))];
  if (!entry.isDirectory) return [];
  const reader = (entry as DirectoryEntry).createReader();
  const children: Entry[] = [];
  // readEntries answers in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map(walk))).flat();
}
