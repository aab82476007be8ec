import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "@/lib/http/responses/errors";
import { buildC2paStore } from "@/lib/metadata/testing/c2pa-encoder";
import { loadSamplePayload } from "@/lib/metadata/testing/fixtures";
import { encodeJpeg, encodeWebp } from "@/lib/metadata/testing/jpeg-webp-encoder";
import { concatBytes, encodePng, type PngChunk } from "@/lib/metadata/testing/png-encoder";
import { createSeededRandom, mutateBytes } from "@/lib/metadata/testing/seeded-random";
import {
  A1111_NASTY,
  COMFY_TWO_SAMPLERS,
  FOOOCUS_PARAMETERS,
} from "@/lib/metadata/testing/synthetic-payloads";
import { encodeTiff, encodeUserComment } from "@/lib/metadata/testing/tiff-encoder";
import { createTestContext } from "@/lib/testing/test-context";
import { ingestImage } from "./ingest-image";

const SEED = 20_261_129;
// The suite's depth (a fixed seed, so a regression stays caught); FUZZ_ITERATIONS=10000 for a deeper run.
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS || 1_000);
const CONCURRENCY = 4;
const context = await createTestContext();
const deps = { db: context.db, storage: context.storage, limits: context.config.limits };

const PAYLOADS = [
  "a1111-sd-webui",
  "comfyui-basic",
  "comfyui-sdxl-refiner",
  "invokeai",
  "novelai-3char",
  "krea2",
  "swarmui",
]
  .flatMap((name) => loadSamplePayload(name).entries.map(({ keyword, text }) => ({ keyword, text })))
  .concat([
    { keyword: "parameters", text: A1111_NASTY },
    { keyword: "prompt", text: COMFY_TWO_SAMPLERS },
    { keyword: "parameters", text: FOOOCUS_PARAMETERS },
  ]);
/** What Postgres refuses or columns cannot hold, spliced into the text as JSON escapes and raw characters. */
const NASTY = [
  "\\u0000",
  "\0",
  "\\ud800",
  "\\udfff",
  "1e309",
  "-7",
  "99999999999999999999999",
  '"',
  "[[[[",
  "{}",
];
const encoder = new TextEncoder();

type Case = { label: string; bytes: Uint8Array };

/** A small image whose metadata chunks (text, EXIF, C2PA) are damaged; a few are damaged files outright. */
async function makeCase(random: () => number, iteration: number): Promise<Case> {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const entry = pick(PAYLOADS);
  let text = entry.text;
  for (let splices = Math.floor(random() * 3); splices > 0; splices -= 1) {
    const at = Math.floor(random() * text.length);
    text = text.slice(0, at) + pick(NASTY) + text.slice(at);
  }
  const body = random() < 0.7 ? mutateBytes(encoder.encode(text), random) : encoder.encode(text);
  // A unique marker keeps every case a new image (a repeated sha256 would be the duplicate path).
  const marker = encoder.encode(`fuzz ${iteration}`);
  const kind = iteration % 8;
  if (kind === 5) {
    const tiff = encodeTiff({
      exif: [{ tag: 0x9286, type: "undefined", value: encodeUserComment(text, "utf16le") }],
    });
    const exif = mutateBytes(concatBytes(tiff, marker), random);
    return { label: `jpeg exif ${entry.keyword}`, bytes: await encodeJpeg({ tiff: exif }) };
  }
  if (kind === 6) {
    const tiff = encodeTiff({
      ifd0: [{ tag: 0x010e, type: "ascii", value: `${text.slice(0, 4000)} ${iteration}` }],
    });
    return {
      label: `webp exif ${entry.keyword}`,
      bytes: await encodeWebp({ exif: mutateBytes(tiff, random) }),
    };
  }
  const type = pick(["tEXt", "iTXt", "zTXt"]);
  const keyword = encoder.encode(entry.keyword);
  const data =
    type === "tEXt"
      ? concatBytes(keyword, Uint8Array.of(0), body)
      : type === "zTXt"
        ? concatBytes(keyword, Uint8Array.of(0, 0), deflateSync(body))
        : concatBytes(keyword, Uint8Array.of(0, 0, 0, 0, 0), body);
  const chunks: PngChunk[] = [
    { type, data },
    { type: "tEXt", data: concatBytes(encoder.encode("Comment"), Uint8Array.of(0), marker) },
  ];
  if (kind === 4) {
    const store = buildC2paStore(
      { claim_generator: text.slice(0, 200) },
      { actions: [{ action: "c2pa.created" }] },
    );
    chunks.push({ type: "caBX", data: mutateBytes(store, random) });
  }
  const png = encodePng({ width: 8, height: 8 }, chunks);
  // One in eight: the whole file damaged (header, IDAT, CRCs), which may rightly be refused.
  return kind === 7
    ? { label: `damaged png ${entry.keyword}`, bytes: concatBytes(mutateBytes(png, random), marker) }
    : { label: `png ${chunks[0]?.type} ${entry.keyword}`, bytes: png };
}

describe("fuzz through the real insert path", () => {
  it(`stores or refuses with a 4xx each of ${ITERATIONS} files with damaged metadata, never an internal error`, async () => {
    const random = createSeededRandom(SEED);
    const cases: Case[] = [];
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1)
      cases.push(await makeCase(random, iteration));
    const outcomes: Record<string, number> = {};
    const serverErrors: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < cases.length; index = next++) {
        const fuzzCase = cases[index] as Case;
        const result = await ingestImage(deps, { bytes: fuzzCase.bytes, source: "api", metadata: {} });
        const outcome = result.ok ? (result.value.duplicate ? "duplicate" : "stored") : result.error.code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (!result.ok && ERROR_STATUS[result.error.code] >= 500)
          serverErrors.push(`#${index} ${fuzzCase.label}: ${result.error.code} ${result.error.message}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(serverErrors).toEqual([]);
    // Most cases reach the insert (metadata damage never refuses a file); only damaged files are refused.
    expect(outcomes.stored ?? 0).toBeGreaterThan(ITERATIONS * 0.8);
    console.info("ingest fuzz outcomes", outcomes);
  }, 120_000);
});
