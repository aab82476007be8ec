import { decodeLatin1 } from "../text-decoding";
import type { Container } from "../types";
import { isPng } from "./png-chunks";
import { isWebp } from "./webp-chunks";

/** AVIF and HEIF are ISO-BMFF: a `ftyp` box whose major or compatible brands name the format. */
const AVIF_BRANDS = /avif|avis|mif1|heic|heix/;

export function detectContainer(bytes: Uint8Array): Container {
  if (isPng(bytes)) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "jpeg";
  if (isWebp(bytes)) return "webp";
  if (
    decodeLatin1(bytes.subarray(4, 8)) === "ftyp" &&
    AVIF_BRANDS.test(decodeLatin1(bytes.subarray(8, 32)))
  ) {
    return "avif";
  }
  return "unknown";
}
