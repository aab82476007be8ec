import { emptyGenerationMetadata, type GenerationMetadata } from "../types";
import { toSeed } from "../values";

/** Midjourney's PNG `Description`: `<prompt> --v 6 --ar 3:2 Job ID: <uuid>`. */
const JOB_ID = /\s*Job ID:\s*([0-9a-f-]{36})\s*$/i;
const OPTION = /\s--([a-z]+)(?:\s+([^\s-][^\s]*))?/gi;

export function isMidjourneyDescription(text: string): boolean {
  return JOB_ID.test(text);
}

/**
 * The prompt is the text before the first `--option`; options go to params. `--v` / `--niji` name the
 * model version, the way Midjourney's own site does ("Midjourney v6", "Niji 6"); `--seed` is the seed.
 */
export function parseMidjourney(description: string, author: string | undefined): GenerationMetadata {
  const metadata = emptyGenerationMetadata();
  metadata.generator = "other";
  const jobId = JOB_ID.exec(description)?.[1];
  const body = description.replace(JOB_ID, "");
  const firstOption = body.search(/\s--[a-z]/i);
  metadata.prompt = (firstOption < 0 ? body : body.slice(0, firstOption)).trim();
  const options: Record<string, string> = {};
  for (const match of body.slice(Math.max(firstOption, 0)).matchAll(OPTION))
    options[(match[1] ?? "").toLowerCase()] = match[2] ?? "";
  const version = options.v ?? options.version;
  metadata.model =
    options.niji !== undefined ? `Niji ${options.niji}`.trim() : version ? `Midjourney v${version}` : null;
  metadata.modelVersion = options.niji ?? version ?? null;
  metadata.seed = toSeed(options.seed);
  metadata.params = { software: "Midjourney", ...(jobId ? { jobId } : {}), options };
  if (author) metadata.params.author = author;
  return metadata;
}
