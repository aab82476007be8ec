const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
// Encoders may pad a JPEG after its end-of-image marker; a marker this close to the end counts.
const JPEG_TAIL_BYTES = 64;

/**
 * Whether a file ends where its format says it ends: a PNG with its IEND chunk, a JPEG with its end-of-image
 * marker, a WebP as long as its RIFF header says. A generator still writing leaves a file that does not, even
 * when its size held still for a moment. Other formats: true (their size settling is all there is to go on).
 */
export function looksComplete(bytes: Uint8Array): boolean {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return data.subarray(-PNG_END.length).equals(PNG_END);
  }
  if (data[0] === 0xff && data[1] === 0xd8) {
    const tail = data.subarray(-JPEG_TAIL_BYTES);
    return tail.includes(Buffer.from([0xff, 0xd9]));
  }
  if (data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 12) === "WEBP") {
    return data.length >= 12 && data.readUInt32LE(4) + 8 <= data.length;
  }
  return true;
}
