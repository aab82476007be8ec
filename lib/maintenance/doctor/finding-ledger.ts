import "server-only";
import { createFindingTally, type DoctorDeps, type DoctorReport, type Finding } from "./doctor-report";
import { regenerateImageVariants, repairFindings } from "./repair-findings";

const VARIANT_KINDS = new Set(["missing_variant", "broken_variant", "missing_thumb"]);
const REPAIR_BATCH = 500;

type FindingLedger = {
  emit: (finding: Finding) => Promise<void>;
  /** Repairs what is still pending (variants last) and returns the tally. */
  finish: () => Promise<Pick<DoctorReport, "status" | "counts" | "examples">>;
};

/**
 * Where the checks send their findings: tallied at once, or with `fix` repaired in batches of REPAIR_BATCH first.
 * Only variant findings wait for the end (see regenerateImageVariants), grouped by image; memory grows with what
 * is broken, never with what is checked.
 */
export function createFindingLedger(
  deps: DoctorDeps,
  options: { fix: boolean; examplesPerKind: number },
): FindingLedger {
  const tally = createFindingTally(options.examplesPerKind);
  let batch: Finding[] = [];
  const variantsByImage = new Map<string, Finding[]>();
  const flush = async () => {
    const repairing = batch;
    batch = [];
    await repairFindings(deps, repairing);
    for (const finding of repairing) tally.add(finding);
  };
  return {
    async emit(finding) {
      if (!options.fix) return tally.add(finding);
      if (VARIANT_KINDS.has(finding.kind) && finding.imageId) {
        const list = variantsByImage.get(finding.imageId) ?? [];
        list.push(finding);
        variantsByImage.set(finding.imageId, list);
        return;
      }
      batch.push(finding);
      if (batch.length >= REPAIR_BATCH) await flush();
    },
    async finish() {
      if (options.fix) {
        await flush();
        await regenerateImageVariants(deps, variantsByImage);
        for (const findings of variantsByImage.values()) for (const finding of findings) tally.add(finding);
      }
      return tally.result();
    },
  };
}
