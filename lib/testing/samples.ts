import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hasImageExtension } from "@/lib/images/file-format/image-types";

/**
 * Real generator files, byte for byte, with their origins and licences in `SOURCES.md` beside them. They are
 * part of the repository, so a clone alone runs every test that reads them.
 */
export const SAMPLES_DIR = path.resolve(import.meta.dirname, "../metadata/fixtures/samples");

/** Every sample image file name, sorted. */
export function listSampleNames(): string[] {
  return readdirSync(SAMPLES_DIR).filter(hasImageExtension).sort();
}

export function readSample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SAMPLES_DIR, name)));
}
