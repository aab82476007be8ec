// Experiments (lib/insights/run-experiment.ts) beside their own SQL, on bench:gallery's rows: the data function
// against the statement it sends, replayed straight to the driver. An experiment reads every image its filter
// selects, so these are full passes over the rows, measured over fewer runs than a page.
import type { Database } from "@/lib/db/client";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";
import { capturedStatements, fmt, loadAverage, medians, replay } from "./timing";

const RUNS = Number(process.env.BENCH_EXPERIMENT_RUNS || 5);

const CASES: [string, Record<string, string>][] = [
  ["model, every image", { parameter: "model" }],
  ["LoRA, every image", { parameter: "lora" }],
  ["model, approved only", { parameter: "model", status: "approved" }],
  ["model, one critic's agreement", { parameter: "model", critic: "aesthetic" }],
  ["LoRA weight, prompt search", { parameter: "lora_weight", q: "lighthouse" }],
];

export async function benchExperiments(db: Database): Promise<void> {
  console.log(
    `experiments, median ms over ${RUNS} runs (load ${loadAverage()})   data fn   bare SQL   data/bare`,
  );
  for (const [name, params] of CASES) {
    const query = experimentQuerySchema.parse(params);
    const statements = await capturedStatements(db, (recording) => runExperiment(recording, query));
    const [data = 0, bare = 1] = await medians(
      [
        async () => {
          const result = await runExperiment(db, query);
          if (!result.ok || result.value.rows.length === 0) throw new Error(`${name}: no rows`);
        },
        () => replay(db, statements),
      ],
      { runs: RUNS, warmups: 1 },
    );
    console.log(`${name.padEnd(46)} ${fmt(data)}    ${fmt(bare)}   ${(data / bare).toFixed(2).padStart(6)}`);
  }
  console.log("(data/bare target ≤ 2)\n");
}
