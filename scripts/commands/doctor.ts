// `doctor [--fix] [--verify-checksums] [--json] [--grace 1h]`: compare the database with the bucket.
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { AGE_FORMAT, parseAge } from "@/lib/images/lifecycle/parse-age";
import type { DoctorReport } from "@/lib/maintenance/doctor/doctor-report";
import { type DoctorProgress, runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const DOCTOR_USAGE =
  "doctor [--fix] [--verify-checksums] [--json] [--grace 1h]   check DB rows against bucket objects (exit 1 when broken)";

export async function runDoctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      fix: { type: "boolean", default: false },
      "verify-checksums": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      grace: { type: "string", default: "1h" },
    },
  });
  const graceMs = parseAge(values.grace);
  if (graceMs === null) {
    console.error(`--grace: ${AGE_FORMAT}\nusage: npm run cli -- ${DOCTOR_USAGE}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
    const result = await runDoctor(
      { db, storage, limits: config.limits },
      { fix: values.fix, verifyChecksums: values["verify-checksums"], orphanGraceMs: graceMs },
      printProgress,
    );
    if (process.stderr.isTTY) process.stderr.write("\n");
    if (!result.ok) {
      console.error(result.error.message);
      return 1;
    }
    if (values.json) console.log(JSON.stringify(result.value, null, 2));
    else printReport(result.value);
    return result.value.status === "broken" ? 1 : 0;
  } finally {
    closeStorage(storage);
    await closeDatabase(db);
  }
}

/** On stderr (stdout stays the report, --json included): a live line on a terminal, every 100,000 keys in logs. */
function printProgress({ phase, rows, objects }: DoctorProgress): void {
  const line = `${phase}: ${rows.toLocaleString("en")} rows, ${objects.toLocaleString("en")} objects`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  else if ((rows + objects) % 100_000 === 0) process.stderr.write(`${line}\n`);
}

function printReport(report: DoctorReport): void {
  const { checked } = report;
  console.log(
    `Checked ${checked.images} images, ${checked.variants} variants, ${checked.objects} objects${report.verify_checksums ? " (sha256 of every original)" : " (sizes; --verify-checksums hashes every original)"} in ${(report.duration_ms / 1000).toFixed(1)} s`,
  );
  for (const [prefix, { rows, listed }] of Object.entries(report.bytes ?? {})) {
    const verdict = rows === listed ? "equal" : `differ by ${(listed - rows).toLocaleString("en")}`;
    console.log(
      `${prefix}: ${rows.toLocaleString("en")} bytes in rows, ${listed.toLocaleString("en")} listed (${verdict})`,
    );
  }
  for (const [kind, count] of Object.entries(report.counts)) {
    const fixed = report.fix ? `, fixed ${count.fixed}` : "";
    console.log(`\n${kind}: ${count.found}${fixed}`);
    for (const example of report.examples[kind as keyof DoctorReport["examples"]] ?? []) {
      const parts = [
        example.key,
        example.imageId && `image ${example.imageId}`,
        example.uploadId && `upload ${example.uploadId}`,
        example.detail,
      ];
      console.log(`  ${parts.filter(Boolean).join("  ")}${example.fixed ? "  (fixed)" : ""}`);
    }
  }
  const hasLeftovers = Object.keys(report.counts).length > 0;
  const verdict = {
    clean: hasLeftovers
      ? "Everything is consistent; the upload leftovers above are collectable (--fix, or the bucket's lifecycle rule for staging/, removes them)."
      : "Everything is consistent.",
    fixed: "Everything found was repaired.",
    broken: "Broken.",
  };
  console.log(
    `\n${verdict[report.status]}${report.status === "broken" && !report.fix ? " Run with --fix to repair what can be repaired." : ""}`,
  );
}
