// Client-safe leaf (imports nothing): the upload API, magic-byte detection, the importer and the upload page
// all accept exactly these formats.

export const IMAGE_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/avif"] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

/** Per type: the extension its original is stored under first, then the other names its files carry. */
export const IMAGE_EXTENSIONS = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "image/avif": ["avif"],
} as const satisfies Record<ImageContentType, readonly [string, ...string[]]>;
export type ImageExtension = (typeof IMAGE_EXTENSIONS)[ImageContentType][0];

const IMAGE_FILE_NAME = new RegExp(`\\.(${Object.values(IMAGE_EXTENSIONS).flat().join("|")})$`, "i");

/** Whether a file name ends in the extension of an accepted type, in any case (`a.PNG`, `b.jpeg`). */
export function hasImageExtension(fileName: string): boolean {
  return IMAGE_FILE_NAME.test(fileName);
}
