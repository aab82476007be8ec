// `export <dataset name or id> [--version N] <dir>`: a frozen version as a kohya / ai-toolkit folder.
import path from "node:path";
import { parseArgs } from "node:util";
import { exportVersionFolder } from "@/lib/datasets/export/export-version-folder";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const EXPORT_USAGE =
  "export <dataset name or id> [--version N] <dir>   write a frozen dataset version (latest by default) to a folder";

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { version: { type: "string" } },
  });
  const [dataset, dir] = positionals;
  const version = values.version === undefined ? undefined : Number(values.version);
  if (
    !dataset ||
    !dir ||
    positionals.length > 2 ||
    (version !== undefined && !(Number.isInteger(version) && version > 0))
  ) {
    console.error(`usage: npm run cli -- ${EXPORT_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
    const started = performance.now();
    const result = await exportVersionFolder({ db, storage }, { dataset, version, dir: path.resolve(dir) });
    if (!result.ok) {
      console.error(result.error.message);
      return 1;
    }
    const { value } = result;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Exported ${value.dataset} v${value.version}: ${value.images} images (${(value.bytes / 1e6).toFixed(1)} MB, sha256 verified) to ${value.dir} in ${seconds.toFixed(1)} s`,
    );
    return 0;
  } finally {
    closeStorage(storage);
    await closeDatabase(db);
  }
}
