// Hostile image files for the upload fuzz suite: seeded mutations of small real PNG/JPEG/WebP/AVIF files,
// polyglots, decompression bombs (huge declared dimensions), metadata bombs, SVG sent as .png, truncations, and
// files whose embedded metadata holds NUL, lone surrogates and out-of-range numbers.
import sharp from "sharp";
import { encodeJpeg, encodeJpegWithUserComment, encodeWebp } from "@/lib/metadata/testing/jpeg-webp-encoder";
import {
  compressedTextChunk,
  concatBytes,
  encodePng,
  insertPngChunks,
  internationalTextChunk,
  textChunk,
} from "@/lib/metadata/testing/png-encoder";
import { mutateBytes } from "@/lib/metadata/testing/seeded-random";
import { encodeTiff } from "@/lib/metadata/testing/tiff-encoder";
import { exifSegment, jpegDeclaring, loopingTiff, pngDeclaring, rawChunk } from "./hostile-image-parts";
import type { Random } from "./hostile-values";

export type HostileImage = { kind: string; label: string; bytes: Uint8Array; filename: string };

const text = (value: string) => new TextEncoder().encode(value);
const A1111 =
  "a lighthouse\nNegative prompt: blur\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Model: m";

function pixels(random: Random, width: number, height: number): Uint8Array {
  return Uint8Array.from({ length: width * height * 4 }, () => Math.floor(random() * 256));
}

/** The small valid files every mutation starts from, one per accepted format, most with embedded metadata. */
export async function seedImages(random: Random): Promise<HostileImage[]> {
  const png = encodePng({ width: 16, height: 16, rgba: pixels(random, 16, 16) }, [
    textChunk("parameters", A1111),
  ]);
  const avif = await sharp(Buffer.from(pixels(random, 16, 16)), {
    raw: { width: 16, height: 16, channels: 4 },
  })
    .avif({ effort: 0 })
    .toBuffer();
  return [
    { kind: "seed", label: "png with parameters", bytes: png, filename: "seed.png" },
    {
      kind: "seed",
      label: "jpeg with UserComment",
      bytes: await encodeJpegWithUserComment(A1111, "utf16be"),
      filename: "seed.jpg",
    },
    {
      kind: "seed",
      label: "webp with exif",
      bytes: await encodeWebp({
        exif: encodeTiff({ ifd0: [{ tag: 0x010e, type: "ascii", value: A1111 }] }),
        xmp: "<x/>",
      }),
      filename: "seed.webp",
    },
    { kind: "seed", label: "avif", bytes: new Uint8Array(avif), filename: "seed.avif" },
  ];
}

/** `count` seeded mutations of the seeds (flips, overwrites, cuts, splices, truncation). */
export function mutatedImages(seeds: HostileImage[], random: Random, count: number): HostileImage[] {
  return Array.from({ length: count }, (_, index) => {
    const seed = seeds[index % seeds.length] as HostileImage;
    let bytes = mutateBytes(seed.bytes, random);
    if (random() < 0.3) bytes = mutateBytes(bytes, random);
    return { kind: "mutated", label: `mutation #${index} of ${seed.label}`, bytes, filename: seed.filename };
  });
}

/** Polyglots, bombs, SVG-as-PNG, truncations and hostile embedded metadata: the hand-written cases. */
export async function craftedImages(seeds: HostileImage[], random: Random): Promise<HostileImage[]> {
  const [png, jpeg] = seeds as [HostileImage, HostileImage];
  const basePng = () => encodePng({ width: 8, height: 8, rgba: pixels(random, 8, 8) });
  const withChunks = (...chunks: Parameters<typeof insertPngChunks>[1]) => insertPngChunks(basePng(), chunks);
  const zip = concatBytes(text("PK\u0003\u0004"), new Uint8Array(26), text("evil.sh#!/bin/sh\nrm -rf /"));
  const svg = text(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
  );
  const cases: [string, string, Uint8Array, string?][] = [
    ["polyglot", "png + zip appended", concatBytes(basePng(), zip)],
    [
      "polyglot",
      "png + html appended",
      concatBytes(basePng(), text("<html><script>alert(1)</script></html>")),
    ],
    ["polyglot", "jpeg then png", concatBytes(jpeg.bytes, png.bytes), "x.jpg"],
    [
      "polyglot",
      "html with png magic",
      concatBytes(png.bytes.subarray(0, 8), text("<html><script>x</script>")),
    ],
    ["polyglot", "pdf header over png", concatBytes(text("%PDF-1.7\n"), png.bytes)],
    ["polyglot", "php in tEXt", withChunks(textChunk("Comment", "<?php system($_GET['c']); ?>"))],
    ["svg-as-png", "svg named .png", svg],
    ["svg-as-png", "svg with xml prolog named .png", concatBytes(text('<?xml version="1.0"?>'), svg)],
    ["svg-as-png", "gif named .png", text("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;")],
    ["bomb", "png declaring 2^31-1 × 2^31-1", pngDeclaring(2 ** 31 - 1, 2 ** 31 - 1)],
    ["bomb", "png declaring 100000 × 100000", pngDeclaring(100_000, 100_000)],
    ["bomb", "png declaring 1 × 2^31-1", pngDeclaring(1, 2 ** 31 - 1)],
    ["bomb", "png declaring 0 × 0", pngDeclaring(0, 0)],
    ["bomb", "jpeg declaring 65535 × 65535", await jpegDeclaring(65_535, 65_535), "x.jpg"],
    ["bomb", "jpeg declaring 0 × 0", await jpegDeclaring(0, 0), "x.jpg"],
    [
      "metadata-bomb",
      "zTXt inflating to 64 MB",
      withChunks(compressedTextChunk("parameters", new Uint8Array(64 * 2 ** 20))),
    ],
    [
      "metadata-bomb",
      "iTXt compressed 32 MB",
      withChunks(internationalTextChunk("prompt", "{".repeat(32 * 2 ** 20), { compressed: true })),
    ],
    [
      "metadata-bomb",
      "5,000 tEXt chunks",
      withChunks(...Array.from({ length: 5_000 }, (_, i) => textChunk(`k${i}`, "v".repeat(100)))),
    ],
    [
      "metadata-bomb",
      "tEXt declaring 2^31 bytes",
      concatBytes(basePng().subarray(0, 33), rawChunk("tEXt", text("parameters\u0000x"), 2 ** 31)),
    ],
    [
      "metadata-bomb",
      "exif segments 64 KB × 60",
      concatBytes(
        jpeg.bytes.subarray(0, 2),
        ...Array.from({ length: 60 }, () => exifSegment(60_000)),
        jpeg.bytes.subarray(2),
      ),
      "x.jpg",
    ],
    ["metadata-bomb", "exif IFD pointing at itself", await encodeJpeg({ tiff: loopingTiff() }), "x.jpg"],
    [
      "metadata-bomb",
      "ComfyUI prompt 5,000 levels deep",
      withChunks(textChunk("prompt", `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`)),
    ],
    ["embedded", "NUL in parameters", withChunks(textChunk("parameters", "a\u0000b\nSteps: 20, Seed: 1"))],
    [
      "embedded",
      "NUL escape in ComfyUI JSON",
      withChunks(
        textChunk("prompt", '{"1":{"class_type":"KSampler","inputs":{"seed":1,"text":"a\\u0000b"}}}'),
      ),
    ],
    [
      "embedded",
      "lone surrogate escape in workflow JSON",
      withChunks(textChunk("workflow", '{"nodes":[{"title":"\\ud800"}],"x\\udfff":1}')),
    ],
    [
      "embedded",
      "NovelAI Comment with NUL",
      withChunks(
        textChunk("Software", "NovelAI"),
        textChunk("Comment", '{"prompt":"a\\u0000","steps":28,"seed":1}'),
      ),
    ],
    [
      "embedded",
      "Steps: 99999999999",
      withChunks(
        textChunk("parameters", "p\nSteps: 99999999999, Seed: 99999999999999999999999, CFG scale: 1e308"),
      ),
    ],
    [
      "embedded",
      "CESU-8 surrogate bytes in iTXt",
      withChunks({
        type: "iTXt",
        data: concatBytes(text("prompt\u0000\u0000\u0000\u0000\u0000"), Uint8Array.of(0xed, 0xa0, 0x80)),
      }),
    ],
    ["truncated", "empty file", new Uint8Array()],
    ["truncated", "png signature only", png.bytes.subarray(0, 8)],
    ["truncated", "png without IEND", png.bytes.subarray(0, png.bytes.length - 12)],
    ["truncated", "jpeg without EOI", jpeg.bytes.subarray(0, jpeg.bytes.length - 2), "x.jpg"],
  ];
  for (const seed of seeds)
    for (const fraction of [0.1, 0.5, 0.9])
      cases.push([
        "truncated",
        `${seed.label} cut at ${fraction}`,
        seed.bytes.subarray(0, Math.floor(seed.bytes.length * fraction)),
        seed.filename,
      ]);
  return cases.map(([kind, label, bytes, filename]) => ({
    kind,
    label,
    bytes,
    filename: filename ?? "x.png",
  }));
}
