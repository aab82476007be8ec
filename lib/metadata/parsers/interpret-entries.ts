import { looksLikeJson, parseLenientJson } from "../lenient-json";
import { emptyGenerationMetadata } from "../types";
import { isRecord } from "../values";
import { parseA1111 } from "./a1111";
import { isComfyApiGraph, isComfyWorkflow, parseComfyUi } from "./comfyui";
import { labelComfyUiWriter } from "./comfyui-a1111-text";
import { isDiffusersDocument, parseDiffusers } from "./diffusers";
import { parseDrawThings } from "./drawthings";
import { isEasyDiffusionDocument, parseEasyDiffusion } from "./easydiffusion";
import { fillMissingFields, preferFields } from "./fill-missing-fields";
import { isFooocusDocument, parseFooocus } from "./fooocus";
import type { FormatResult } from "./format-result";
import { parseInvokeAiDream, parseInvokeAiLegacy, parseInvokeAiMetadata } from "./invokeai";
import { isMidjourneyDescription, parseMidjourney } from "./midjourney";
import { parseNovelAi } from "./novelai";
import { isRuinedFooocusDocument, parseRuinedFooocus } from "./ruinedfooocus";
import { parseSwarmUi } from "./swarmui";
import { parseTensorArtData } from "./tensorart";
import { readXmpProperty } from "./xmp";

/** Entries that hold a generator's whole record as text or JSON, most specific first. */
const CARRIERS = ["parameters", "UserComment", "XPComment", "Comment", "ImageDescription", "Description"];
/** Carriers that are often plain captions: only read as A1111 when they have a settings line. */
const CAPTION_CARRIERS = new Set(["Comment", "ImageDescription", "Description"]);
const NOVELAI_KEYS = ["Comment", "Description", "Software", "Source", "Title", "Generation time"];

type Entries = Map<string, string>;
type JsonDocument = { key: string; document: Record<string, unknown> };

/** Picks the generator format from the entries present and parses it; the first matching rule wins. */
export function interpretEntries(entries: Entries, warnings: string[]): FormatResult {
  const documents = parseCarrierDocuments(entries);
  const result =
    readSwarmUi(entries, documents) ??
    readInvokeAi(entries, warnings) ??
    readNovelAi(entries, warnings) ??
    readJsonDocument(documents) ??
    readEasyDiffusionEntries(entries) ??
    readDrawThingsXmp(entries) ??
    readComfyUi(entries, documents, warnings) ??
    readA1111(entries) ??
    readTensorArtAlone(entries) ??
    readMidjourney(entries);
  if (result) return result;
  if (entries.has("parameters") && looksLikeJson(entries.get("parameters") ?? "")) {
    warnings.push("parameters holds JSON of no known generator; kept raw");
  }
  return { metadata: emptyGenerationMetadata(), consumed: [] };
}

function parseCarrierDocuments(entries: Entries): JsonDocument[] {
  const documents: JsonDocument[] = [];
  for (const key of [...CARRIERS, "sui_image_params"]) {
    const text = entries.get(key);
    if (!text || !looksLikeJson(text)) continue;
    const parsed = parseLenientJson(text);
    if (parsed.ok && isRecord(parsed.value)) documents.push({ key, document: parsed.value });
  }
  return documents;
}

function readSwarmUi(entries: Entries, documents: JsonDocument[]): FormatResult | null {
  const found = documents.find(
    ({ key, document }) => key === "sui_image_params" || "sui_image_params" in document,
  );
  if (!found) return null;
  const document = found.key === "sui_image_params" ? { sui_image_params: found.document } : found.document;
  const consumed = [found.key, ...["sui_extra_data", "sui_models"].filter((key) => entries.has(key))];
  return { metadata: parseSwarmUi(document), consumed };
}

function readInvokeAi(entries: Entries, warnings: string[]): FormatResult | null {
  const current = entries.get("invokeai_metadata");
  if (current !== undefined) {
    const metadata = parseInvokeAiMetadata(parseLenientJson(current), warnings);
    const graph = entries.get("invokeai_graph") ?? entries.get("invokeai_workflow");
    if (graph !== undefined) {
      const parsed = parseLenientJson(graph);
      if (parsed.ok) metadata.workflow = parsed.value;
    }
    return { metadata, consumed: ["invokeai_metadata", "invokeai_graph", "invokeai_workflow"] };
  }
  const legacy = entries.get("sd-metadata");
  if (legacy !== undefined) {
    return {
      metadata: parseInvokeAiLegacy(parseLenientJson(legacy), warnings),
      consumed: ["sd-metadata", "Dream"],
    };
  }
  const dream = entries.get("Dream");
  return dream === undefined ? null : { metadata: parseInvokeAiDream(dream), consumed: ["Dream"] };
}

/** NovelAI request JSON keys no other writer uses. */
const NOVELAI_COMMENT = /"(uncond_scale|noise_schedule|v4_prompt|request_type|req_type|sm_dyn|cfg_rescale)"/;

function readNovelAi(entries: Entries, warnings: string[]): FormatResult | null {
  const source = entries.get("Source") ?? "";
  const isNovelAi =
    entries.get("Software")?.startsWith("NovelAI") ||
    /NovelAI/.test(source) ||
    NOVELAI_COMMENT.test(entries.get("Comment") ?? "");
  if (!isNovelAi) return null;
  const metadata = parseNovelAi(
    {
      comment: entries.get("Comment"),
      description: entries.get("Description"),
      source: entries.get("Source"),
      software: entries.get("Software"),
    },
    warnings,
  );
  const generationTime = entries.get("Generation time");
  if (generationTime !== undefined) metadata.params.generationTime = generationTime;
  return { metadata, consumed: NOVELAI_KEYS };
}

function readJsonDocument(documents: JsonDocument[]): FormatResult | null {
  for (const { key, document } of documents) {
    if (isRuinedFooocusDocument(document)) return { metadata: parseRuinedFooocus(document), consumed: [key] };
    if (isFooocusDocument(document))
      return { metadata: parseFooocus(document), consumed: [key, "fooocus_scheme"] };
    if (isEasyDiffusionDocument(document)) return { metadata: parseEasyDiffusion(document), consumed: [key] };
    if (isDiffusersDocument(document)) return { metadata: parseDiffusers(document), consumed: [key] };
    if (typeof document.c === "string" && ("sampler" in document || "seed" in document)) {
      return { metadata: parseDrawThings(document, null), consumed: [key] };
    }
  }
  return null;
}

/** Easy Diffusion's PNG writer puts every setting in its own text chunk. */
function readEasyDiffusionEntries(entries: Entries): FormatResult | null {
  const document = Object.fromEntries(entries);
  if (!isEasyDiffusionDocument(document)) return null;
  return { metadata: parseEasyDiffusion(document), consumed: [...entries.keys()] };
}

function readDrawThingsXmp(entries: Entries): FormatResult | null {
  const xmp = entries.get("XMP") ?? entries.get("XML:com.adobe.xmp");
  if (!xmp || !/Draw Things/.test(readXmpProperty(xmp, "xmp:CreatorTool") ?? "")) return null;
  const comment = readXmpProperty(xmp, "exif:UserComment") ?? "";
  const parsed = looksLikeJson(comment) ? parseLenientJson(comment) : null;
  const document = parsed?.ok && isRecord(parsed.value) ? parsed.value : {};
  const metadata = parseDrawThings(document, readXmpProperty(xmp, "dc:description"));
  return { metadata, consumed: ["XMP", "XML:com.adobe.xmp"] };
}

function readComfyUi(entries: Entries, documents: JsonDocument[], warnings: string[]): FormatResult | null {
  const carried = documents.find(({ document }) => isComfyApiGraph(document) || isComfyWorkflow(document));
  const prompt =
    entries.get("prompt") ??
    (carried && isComfyApiGraph(carried.document) ? entries.get(carried.key) : undefined);
  const workflow =
    entries.get("workflow") ??
    (carried && isComfyWorkflow(carried.document) ? entries.get(carried.key) : undefined);
  const isGraph = (text: string | undefined) => text !== undefined && looksLikeJson(text);
  if (!isGraph(prompt) && !isGraph(workflow)) return null;
  let metadata = parseComfyUi({ prompt: isGraph(prompt) ? prompt : undefined, workflow }, warnings);
  const consumed = ["prompt", "workflow", ...(carried ? [carried.key] : [])];
  const record = readTensorArt(entries);
  if (record) {
    // The site's record names the prompts and model as chosen; its graph holds opaque EMS model ids.
    metadata = fillMissingFields(
      preferFields(metadata, record.metadata, ["prompt", "negativePrompt", "model"]),
      record.metadata,
    );
    consumed.push(...record.consumed);
  }
  const companion = readA1111(entries);
  if (companion) {
    // A saver writes its text at run time: it holds what a wildcard or random node chose.
    const runTime = Array.isArray(metadata.params.runTimeText) ? metadata.params.runTimeText : [];
    const fields = runTime.filter((field) => field === "prompt" || field === "negativePrompt");
    metadata = fillMissingFields(preferFields(metadata, companion.metadata, fields), companion.metadata);
    const left = runTime.filter(
      (field) => !fields.includes(field) || companion.metadata[field as "prompt"] === null,
    );
    if (left.length > 0) metadata.params.runTimeText = left;
    else delete metadata.params.runTimeText;
    consumed.push(...companion.consumed);
  }
  return { metadata, consumed };
}

function readTensorArt(entries: Entries): FormatResult | null {
  const text = entries.get("generation_data");
  const metadata = text === undefined ? null : parseTensorArtData(text);
  return metadata ? { metadata, consumed: ["generation_data"] } : null;
}

/** Tensor.Art's record without a graph beside it. */
function readTensorArtAlone(entries: Entries): FormatResult | null {
  const record = readTensorArt(entries);
  if (record) record.metadata.generator = "other";
  return record;
}

function readMidjourney(entries: Entries): FormatResult | null {
  const description = entries.get("Description") ?? entries.get("ImageDescription");
  if (!description || !isMidjourneyDescription(description)) return null;
  return {
    metadata: parseMidjourney(description, entries.get("Author") ?? entries.get("Artist")),
    consumed: ["Description", "ImageDescription", "Author", "Artist", "Creation Time"],
  };
}

function readA1111(entries: Entries): FormatResult | null {
  for (const key of CARRIERS) {
    const text = entries.get(key);
    if (!text?.trim() || looksLikeJson(text)) continue;
    if (CAPTION_CARRIERS.has(key) && !/(^|\n)Steps: \d/.test(text)) continue;
    const metadata = labelComfyUiWriter(parseA1111(text));
    // Fooocus' A1111 scheme says so in its scheme entry and ends with "Version: Fooocus v2.5.5".
    const isFooocus =
      entries.get("fooocus_scheme") === "a1111" || /^Fooocus/i.test(metadata.generatorVersion ?? "");
    if (isFooocus) metadata.generator = "fooocus";
    return { metadata, consumed: [key, "fooocus_scheme"] };
  }
  const xmp = entries.get("XMP") ?? entries.get("XML:com.adobe.xmp");
  const xmpText = xmp
    ? (readXmpProperty(xmp, "exif:UserComment") ?? readXmpProperty(xmp, "dc:description"))
    : null;
  if (xmpText && /(^|\n)Steps: \d/.test(xmpText)) {
    return { metadata: parseA1111(xmpText), consumed: ["XMP", "XML:com.adobe.xmp"] };
  }
  return null;
}
