import sharp, { type Metadata } from "sharp";
import { err, ok, type Result } from "@/lib/result";
import type { ImageFormat } from "./image-format";
import { findStructureProblem } from "./image-structure";

export type ImageHeader = { width: number; height: number };

/**
 * What ingest checks before it answers, without decoding pixels (the worker decodes, lib/images/derive): the
 * header's dimensions (EXIF orientation applied) within the pixel limit, and a file that is whole (every PNG chunk
 * present with its CRC, a JPEG's last scan ended, a WebP or AVIF as long as its boxes say). A file that passes and
 * still does not decode is found by the worker and marked failed on its row, where the image page and the doctor
 * show it.
 */
export async function readImageHeader(
  bytes: Uint8Array,
  format: ImageFormat,
  options: { maxPixels: number },
): Promise<Result<ImageHeader>> {
  let header: Metadata;
  try {
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return err("invalid_image", "The file is not a decodable image");
  }
  const width = header.autoOrient?.width ?? header.width;
  const height = header.autoOrient?.height ?? header.height;
  if (!width || !height) return err("invalid_image", "The image has no dimensions");
  if (width * height > options.maxPixels) {
    const megapixels = (width * height) / 1e6;
    return err(
      "payload_too_large",
      `The image is ${width}×${height} (${megapixels.toFixed(1)} MP); the limit is ${(options.maxPixels / 1e6).toFixed(0)} MP`,
    );
  }
  const problem = findStructureProblem(bytes, format);
  if (problem) return err("invalid_image", `The image is damaged or cut short: ${problem}`);
  return ok({ width, height });
}
