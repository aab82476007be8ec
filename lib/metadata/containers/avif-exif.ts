const EXIF_MARKERS = ["Exif\0\0II*\0", "Exif\0\0MM\0*"].map((marker) => Buffer.from(marker, "latin1"));

/**
 * The TIFF stream of an AVIF/HEIF Exif item. libheif writes the item as a 4-byte offset, "Exif\0\0"
 * and the TIFF header; exifr 7 reads the offset as if the TIFF header followed it directly and
 * reports "Malformed EXIF data", so we locate the header ourselves.
 */
export function findAvifExifTiff(bytes: Uint8Array): Uint8Array | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const marker of EXIF_MARKERS) {
    const index = buffer.indexOf(marker);
    if (index >= 0) return bytes.subarray(index + 6);
  }
  return null;
}
