// `cleanup <policy> [--dry-run]`: print a cleanup policy's plan (what goes, what protects the rest), then act on it.
import { parseArgs } from "node:util";
import { closeDatabase, createDatabase } from "@/lib/db/client";
import { cleanupImages } from "@/lib/images/lifecycle/cleanup-images";
import { type CleanupPolicyInput, cleanupPolicySchema } from "@/lib/images/lifecycle/cleanup-policy";
import { planCleanup } from "@/lib/images/lifecycle/plan-cleanup";
import { closeStorage, createStorage } from "@/lib/storage/storage";
import { loadCliConfig } from "./cli-config";

export const CLEANUP_USAGE =
  "cleanup --rejected-older-than 30d | --older-than 30d --model NAME | --keep-newest N --per model|run [--dry-run]   print a policy's plan (what goes, what protects the rest), then purge";

const OPTIONS = {
  "rejected-older-than": { type: "string" },
  "older-than": { type: "string" },
  model: { type: "string" },
  "keep-newest": { type: "string" },
  per: { type: "string" },
  "dry-run": { type: "boolean", default: false },
} as const;
/** The flag that sets each policy field, to name it when its value is refused. */
const FLAGS = { older_than: "--older-than", model: "--model", keep: "--keep-newest", per: "--per" } as const;
// How much of the plan is printed before acting (the totals count everything).
const PLAN_LINES = 100;

export async function runCleanup(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS });
  const policy = policyOf(values);
  if (!policy) {
    console.error(`usage: npm run cli -- ${CLEANUP_USAGE}`);
    return 2;
  }
  const checked = cleanupPolicySchema.safeParse(policy);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = String(issue?.path[0] ?? "") as keyof typeof FLAGS;
    const flag = policy.policy === "rejected" ? "--rejected-older-than" : FLAGS[field];
    const value = field === "older_than" ? ` ${JSON.stringify(policy.older_than)}` : "";
    console.error(`cleanup: ${flag}${value}: ${issue?.message.replace(/^older_than: /, "")}`);
    return 2;
  }
  const config = await loadCliConfig();
  const db = createDatabase({ ...config.database, poolMax: 2 });
  const storage = createStorage(config);
  try {
    const now = new Date();
    const plan = await planCleanup(db, { ...policy, limit: PLAN_LINES }, now);
    console.log(
      `Plan (${plan.policy}${plan.cutoff ? `, cutoff ${plan.cutoff}` : ""}): ${plan.would_remove} to remove, ${plan.protected} protected`,
    );
    for (const item of plan.items) {
      const why = item.would_remove ? `remove (${item.reason})` : `keep: ${item.protected_by.join(", ")}`;
      console.log(`  ${item.id}  ${item.sha256.slice(0, 16)}  ${why}`);
    }
    const dryRun = values["dry-run"];
    const report = await cleanupImages({ db, storage }, { policy, dryRun, now });
    const count = dryRun ? report.candidates.length : report.purged;
    console.log(`${dryRun ? "Would purge" : "Purged"} ${count} image(s) under the ${plan.policy} policy`);
    for (const failure of report.failed) console.error(`  not purged ${failure.id}: ${failure.reason}`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    closeStorage(storage);
    await closeDatabase(db);
  }
}

/** The flags as a policy: exactly one of the three, or null (the usage is printed). */
function policyOf(values: {
  "rejected-older-than"?: string;
  "older-than"?: string;
  model?: string;
  "keep-newest"?: string;
  per?: string;
}): CleanupPolicyInput | null {
  const chosen = [values["rejected-older-than"], values["older-than"], values["keep-newest"]].filter(
    (value) => value !== undefined,
  );
  if (chosen.length !== 1) return null;
  if (values["rejected-older-than"] !== undefined)
    return { policy: "rejected", older_than: values["rejected-older-than"] };
  if (values["older-than"] !== undefined)
    return { policy: "older_than", older_than: values["older-than"], model: values.model };
  return {
    policy: "keep_newest",
    keep: values["keep-newest"],
    per: values.per as "model" | "run" | undefined,
  };
}
