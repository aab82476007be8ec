// `handoff <dir> [--model X --status approved …] [--ids a,b,…]`: a selection's originals, sidecars and manifest.
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { exportHandoffFolder } from "@/lib/handoff/export-handoff-folder";
import { type HandoffSelection, handoffSelectionSchema } from "@/lib/handoff/handoff-selection";
import { imageFilterSchema } from "@/lib/images/selection/image-filter";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const HANDOFF_USAGE =
  "handoff <dir> [--model X] [--status approved] [--run R] [--created-after 2026-01-01] [… any image filter] | [--ids a,b,…]   originals under generations/YYYY-MM-DD/<model>/, a JSON sidecar each, manifest.jsonl with sha256s";

// Every field of the image filter is a flag: created_after is --created-after.
const FILTER_FIELDS = Object.keys(imageFilterSchema.shape);
const flagOf = (field: string) => field.replaceAll("_", "-");
const OPTIONS = Object.fromEntries([
  ...FILTER_FIELDS.map((field) => [flagOf(field), { type: "string" as const }]),
  ["ids", { type: "string" as const }],
]);

export async function runHandoff(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) {
    console.error(`usage: npm run cli -- ${HANDOFF_USAGE}`);
    return 2;
  }
  const selection = selectionOf(values as Record<string, string | undefined>);
  if (!selection.ok) {
    console.error(`handoff: ${selection.message}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
    const started = performance.now();
    const target = path.resolve(dir);
    const result = await exportHandoffFolder({ db, storage }, { selection: selection.value, dir: target });
    if (!result.ok) {
      console.error(result.error.message);
      return 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Handed off ${result.value.images} images (${(result.value.bytes / 1e6).toFixed(1)} MB, sha256 verified) to ${target} in ${seconds.toFixed(1)} s`,
    );
    return 0;
  } finally {
    closeStorage(storage);
    await closeDatabase(db);
  }
}

function selectionOf(
  values: Record<string, string | undefined>,
): { ok: true; value: HandoffSelection } | { ok: false; message: string } {
  const filter = Object.fromEntries(
    FILTER_FIELDS.flatMap((field) => {
      const value = values[flagOf(field)];
      return value === undefined ? [] : [[field, value]];
    }),
  );
  if (values.ids && Object.keys(filter).length > 0)
    return { ok: false, message: "--ids or filter flags, not both" };
  const parsed = handoffSelectionSchema.safeParse(
    values.ids ? { image_ids: values.ids.split(",").filter((id) => id !== "") } : { filter },
  );
  if (parsed.success) return { ok: true, value: parsed.data };
  // The union reports each branch's issues; the branch asked for is the one whose key was given.
  const asked = values.ids ? "image_ids" : "filter";
  const issues = parsed.error.issues.flatMap((item) => ("errors" in item ? item.errors.flat() : [item]));
  const issue = issues.find((item) => item.path[0] === asked) ?? issues[0];
  const field = asked === "filter" ? issue?.path[1] : undefined;
  const name = field === undefined ? "--ids" : `--${flagOf(String(field))}`;
  return { ok: false, message: `${name}: ${issue?.message ?? "invalid"}` };
}
