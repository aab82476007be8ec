import { readFileSync } from "node:fs";
import path from "node:path";
import { encodePng, internationalTextChunk, type PngChunk, textChunk } from "./png-encoder";

/** Text entries extracted byte for byte from the real sample files (see fixtures/SOURCES.md). */
export type SamplePayload = { sample: string; entries: { keyword: string; text: string; chunk?: string }[] };

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");

export function loadSamplePayload(name: string): SamplePayload {
  return JSON.parse(readFileSync(path.join(FIXTURES, "payloads", `${name}.json`), "utf8")) as SamplePayload;
}

export function readFixtureFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

/** The sample's text chunks (same keywords, chunk types and text) around a tiny 8x8 image. */
export function buildSamplePng(name: string): Uint8Array {
  const chunks: PngChunk[] = loadSamplePayload(name).entries.map(({ keyword, text, chunk }) =>
    chunk === "iTXt" ? internationalTextChunk(keyword, text) : textChunk(keyword, text),
  );
  return encodePng({ width: 8, height: 8 }, chunks);
}

export function findSampleText(name: string, keyword: string): string {
  const entry = loadSamplePayload(name).entries.find((candidate) => candidate.keyword === keyword);
  if (!entry) throw new Error(`${name} has no ${keyword}`);
  return entry.text;
}
