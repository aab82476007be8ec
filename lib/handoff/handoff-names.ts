// File names a handoff can be unpacked under anywhere: Windows (reserved device names, no trailing dot or space,
// no <>:"/\|?* or control characters, case-insensitive), macOS (case-insensitive, NFD) and Linux (bytes). Every
// name here is lower-case ASCII from [a-z0-9._-], so no file system reads two of them as one or mangles one.

// A component longer than this risks MAX_PATH on Windows once a handoff is unpacked a few folders deep.
const MAX_SLUG = 48;
// COM¹ is COM1 to Windows too; NFKD below has turned it into "com1" before this is asked.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const UNKNOWN_MODEL = "unknown-model";

/** A model name as a folder: accents dropped, anything else outside [a-z0-9._-] a dash, never a device name. */
export function modelSlug(model: string | null): string {
  const base = (model ?? "")
    .split(/[/\\]/)
    .pop()
    ?.replace(/\.(safetensors|ckpt|pt|pth|bin|gguf|sft|onnx)$/i, "");
  const ascii = (base ?? "")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/[-.]+$/, "");
  if (ascii === "") return UNKNOWN_MODEL;
  // `con` and `con.v2` are both the console device to Windows: the part before the first dot decides.
  return WINDOWS_RESERVED.test(ascii.split(".")[0] ?? "") ? `${ascii}_` : ascii;
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * `generations/YYYY-MM-DD/<model-slug>/YYYYMMDD_HHMMSS_<model-slug>_<shortid>.<ext>`, the date and time the
 * image was made (UTC), `shortid` the first 8 hex digits of its sha256. Names stay unique through `taken`
 * (lower-cased, as a case-insensitive file system compares them): a second image with the same name gets
 * `-2`, `-3`, … before its extension.
 */
export function handoffPath(
  image: { createdAt: Date; model: string | null; sha256: string; ext: string },
  taken: Set<string>,
): string {
  const at = image.createdAt;
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const stamp = `${day.replaceAll("-", "")}_${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  const slug = modelSlug(image.model);
  const stem = `generations/${day}/${slug}/${stamp}_${slug}_${image.sha256.slice(0, 8)}`;
  for (let copy = 1; ; copy += 1) {
    const candidate = `${stem}${copy === 1 ? "" : `-${copy}`}`;
    // The sidecar shares the stem, so the stem is what must be free.
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return `${candidate}.${image.ext}`;
    }
  }
}

/** `…/x.png` → `…/x.json`: the sidecar beside its image. */
export function sidecarPath(imagePath: string): string {
  return imagePath.replace(/\.[^./]+$/, ".json");
}
