import type { RawChunk } from "../types";
import { isRecord } from "../values";
import { decodeCbor } from "./cbor";

/** What a C2PA manifest says about how the image was made (no generation parameters exist in it). */
export type C2paProvenance = {
  standard: "c2pa";
  /** The claim's `claim_generator` (v1) or `claim_generator_info` names (v2): the signing service. */
  claimGenerator: string | null;
  /** `softwareAgent` of the c2pa.created / edited actions: the tool (e.g. "gpt-image 2.0"). */
  tools: string[];
  digitalSourceType: string | null;
  /** The IPTC digital source type says trained (or other) algorithmic media. */
  aiGenerated: boolean;
};

const MAX_BOXES = 4096;
const AI_SOURCE_PATTERN = /(trainedAlgorithmicMedia|compositeWithTrainedAlgorithmicMedia|algorithmicMedia)$/;

type Box = { type: string; label: string | null; payload: Uint8Array; children: Box[] };

/**
 * Reads the active (last) manifest of a C2PA JUMBF store from a PNG caBX, WebP C2PA or JPEG APP11
 * chunk. Null when there is none or it cannot be read; never throws.
 */
export function readC2paProvenance(chunks: RawChunk[]): C2paProvenance | null {
  try {
    const store = joinStore(chunks);
    if (!store) return null;
    const manifests = parseBoxes(store, { count: 0 }).flatMap((box) => box.children);
    const manifest = manifests.filter((box) => box.type === "jumb").at(-1);
    if (!manifest) return null;
    const labelled = flatten(manifest);
    const claim = readCbor(labelled.find((box) => box.label?.startsWith("c2pa.claim")));
    const actions = readCbor(labelled.find((box) => box.label?.startsWith("c2pa.actions")));
    const actionList =
      isRecord(actions) && Array.isArray(actions.actions) ? actions.actions.filter(isRecord) : [];
    const tools = actionList
      .map((action) => describeAgent(action.softwareAgent))
      .filter((tool) => tool !== null);
    const source = actionList
      .map((action) => action.digitalSourceType)
      .find((type) => typeof type === "string");
    const digitalSourceType = typeof source === "string" ? source : null;
    return {
      standard: "c2pa",
      claimGenerator: isRecord(claim) ? readClaimGenerator(claim) : null,
      tools: [...new Set(tools)],
      digitalSourceType,
      aiGenerated: digitalSourceType !== null && AI_SOURCE_PATTERN.test(digitalSourceType),
    };
  } catch {
    return null;
  }
}

/** JPEG splits the store over APP11 segments ("JP", instance, sequence, then the box, whose 8-byte header repeats). */
function joinStore(chunks: RawChunk[]): Uint8Array | null {
  const whole = chunks.find((chunk) => chunk.type === "png:caBX" || chunk.type === "webp:C2PA");
  if (whole) return whole.data;
  const parts = chunks
    .filter((chunk) => chunk.type === "jpeg:APP11" && chunk.data[0] === 0x4a && chunk.data[1] === 0x50)
    .map((chunk) => ({
      sequence: new DataView(chunk.data.buffer, chunk.data.byteOffset + 4, 4).getUint32(0),
      chunk,
    }))
    .sort((a, b) => a.sequence - b.sequence);
  if (parts.length === 0) return null;
  const pieces = parts.map(({ chunk }, index) => chunk.data.subarray(index === 0 ? 8 : 16));
  const joined = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

function parseBoxes(bytes: Uint8Array, budget: { count: number }): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  for (let offset = 0; offset + 8 <= bytes.length && budget.count < MAX_BOXES; budget.count += 1) {
    let length = view.getUint32(offset);
    let header = 8;
    if (length === 1 && offset + 16 <= bytes.length) {
      length = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (length === 0) length = bytes.length - offset;
    if (length < header || offset + length > bytes.length) break;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const payload = bytes.subarray(offset + header, offset + length);
    const children = type === "jumb" ? parseBoxes(payload, budget) : [];
    const description = children[0]?.type === "jumd" ? children[0].payload : null;
    boxes.push({ type, label: description ? readLabel(description) : null, payload, children });
    offset += length;
  }
  return boxes;
}

/** jumd: 16-byte type UUID, a toggles byte, then (toggle 0x02) a NUL-terminated UTF-8 label. */
function readLabel(description: Uint8Array): string | null {
  if (description.length < 17 || ((description[16] ?? 0) & 0x02) === 0) return null;
  const end = description.indexOf(0, 17);
  return new TextDecoder().decode(description.subarray(17, end === -1 ? description.length : end));
}

function flatten(box: Box): Box[] {
  return [box, ...box.children.flatMap(flatten)];
}

function readCbor(box: Box | undefined): unknown {
  const content = box?.children.find((child) => child.type === "cbor");
  return content ? decodeCbor(content.payload) : null;
}

function readClaimGenerator(claim: Record<string, unknown>): string | null {
  if (typeof claim.claim_generator === "string") return claim.claim_generator;
  const info = claim.claim_generator_info;
  const entries = Array.isArray(info) ? info : [info];
  const names = entries.map(describeAgent).filter((name) => name !== null);
  return names.length > 0 ? names.join(", ") : null;
}

function describeAgent(agent: unknown): string | null {
  if (typeof agent === "string") return agent;
  if (!isRecord(agent) || typeof agent.name !== "string") return null;
  return typeof agent.version === "string" ? `${agent.name} ${agent.version}` : agent.name;
}
