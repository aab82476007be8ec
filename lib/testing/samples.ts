import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hasImageExtension } from "@/lib/images/image-types";

/**
 * The shared real-generator samples live beside the repository (`<repo>/../shared/samples`), in a clean
 * clone as on this machine; they are not copied into the repo. Missing: fail loudly, never skip.
 */
export const SAMPLES_DIR = path.resolve(import.meta.dirname, "../../../shared/samples");

function assertSamplesPresent(): void {
  if (!existsSync(SAMPLES_DIR)) {
    throw new Error(
      `Sample images not found at ${SAMPLES_DIR}: check out the shared folder beside the repository (../shared/samples)`,
    );
  }
}

/** Every sample image file name, sorted. */
export function listSampleNames(): string[] {
  assertSamplesPresent();
  return readdirSync(SAMPLES_DIR).filter(hasImageExtension).sort();
}

export function readSample(name: string): Uint8Array {
  assertSamplesPresent();
  return new Uint8Array(readFileSync(path.join(SAMPLES_DIR, name)));
}
