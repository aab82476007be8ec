/**
 * `inspect <file...>`: prints what readGenerationMetadata finds in each file as one JSON array,
 * so users can see why a field is empty (which chunks exist, what was parsed, the warnings).
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { readGenerationMetadata } from "@/lib/metadata/read-generation-metadata";

const MAX_RAW_CHARS = 2_000;

type InspectEntry =
  | { file: string; container: string; metadata: unknown; warnings: string[]; raw: Record<string, string> }
  | { file: string; error: string };

export const INSPECT_USAGE =
  "inspect <file...>          print the generation metadata embedded in image files, as JSON";

export async function runInspect(args: string[]): Promise<number> {
  const { positionals: files } = parseArgs({ args, allowPositionals: true, options: {} });
  if (files.length === 0) {
    console.error(`inspect needs at least one file; usage: npm run cli -- ${INSPECT_USAGE}`);
    return 2;
  }
  const report: InspectEntry[] = [];
  let exitCode = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      report.push({
        file,
        error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      exitCode = 1;
      continue;
    }
    const { container, metadata, warnings, raw } = await readGenerationMetadata(bytes);
    const workflowChars = metadata.workflow === null ? 0 : JSON.stringify(metadata.workflow).length;
    const shownWorkflow =
      workflowChars > MAX_RAW_CHARS ? `[graph of ${workflowChars} chars; see raw]` : metadata.workflow;
    report.push({
      file,
      container,
      metadata: { ...metadata, workflow: shownWorkflow },
      warnings,
      raw: truncateValues(raw),
    });
  }
  console.log(JSON.stringify(report, null, 2));
  return exitCode;
}

/** Workflows run to megabytes; the parsed fields already hold what matters. */
function truncateValues(raw: Record<string, string>): Record<string, string> {
  const truncated: Record<string, string> = {};
  for (const [keyword, text] of Object.entries(raw)) {
    truncated[keyword] =
      text.length > MAX_RAW_CHARS
        ? `${text.slice(0, MAX_RAW_CHARS)}… [truncated: ${text.length} chars, first ${MAX_RAW_CHARS} shown]`
        : text;
  }
  return truncated;
}
