import { gzipSync } from "node:zlib";

/**
 * Test helper: hides a payload the way A1111's stealth-pnginfo extension does, in the alpha
 * channel's least significant bits, column by column: signature, 32-bit bit count, data.
 */
export function embedStealthAlpha(
  rgba: Uint8Array,
  size: { width: number; height: number },
  text: string,
  mode: "stealth_pnginfo" | "stealth_pngcomp",
): Uint8Array {
  const body = new TextEncoder().encode(text);
  const data = mode === "stealth_pngcomp" ? gzipSync(body) : body;
  const bits: number[] = [];
  const pushByte = (byte: number) => {
    for (let bit = 7; bit >= 0; bit -= 1) bits.push((byte >> bit) & 1);
  };
  for (const char of mode) pushByte(char.charCodeAt(0));
  const bitCount = data.length * 8;
  for (let bit = 31; bit >= 0; bit -= 1) bits.push(Math.floor(bitCount / 2 ** bit) % 2);
  for (const byte of data) pushByte(byte);
  if (bits.length > size.width * size.height) throw new Error("image too small for the stealth payload");
  const output = Uint8Array.from(rgba);
  bits.forEach((bit, index) => {
    const x = Math.floor(index / size.height);
    const y = index % size.height;
    const alpha = (y * size.width + x) * 4 + 3;
    output[alpha] = ((output[alpha] ?? 255) & 0xfe) | bit;
  });
  return output;
}
