// Run by bench:team in a process of its own: what a pause costs any work on this machine, apart from the app. One
// fixed task in memory (a page-like list to JSON and back: no I/O), timed back to back and then after each of a
// number of idle pauses as long as a reviewer's. Prints one JSON line (IdlePenalty).
// On the 2-core VM issue 23 was measured on, the task took 1.6–3× as long at p50 after 1 s of idle as back to back,
// whether other processes kept both cores busy meanwhile or not, and with transparent huge pages or without. What
// the process had warm is cold again after the pause. A page request is mostly such work, so it pays the same.
import { percentile } from "./percentile";

const SAMPLES = Number(process.env.IDLE_PENALTY_SAMPLES || 40);
const PAUSE_MS = Number(process.env.IDLE_PENALTY_PAUSE_MS || 1000);

export type IdlePenalty = {
  pauseMs: number;
  backToBack: { p50: number; p95: number };
  afterPause: { p50: number; p95: number };
};

const page = Array.from({ length: 60 }, (_, index) => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  prompt: `a photo of a lighthouse at dusk, ${index}, `.repeat(6),
  model: `model-${index % 5}`,
  seed: index * 7919,
  loras: [{ name: `lora-${index % 3}`, weight: 0.6 }],
  reviewStatus: "unreviewed",
}));

function task(): number {
  let items = 0;
  for (let round = 0; round < 10; round += 1) items += (JSON.parse(JSON.stringify(page)) as unknown[]).length;
  return items;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(pauseMs: number): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    // Back to back still yields to the event loop between tasks, as a server does between requests.
    await (pauseMs > 0 ? pause(pauseMs) : new Promise((resolve) => setImmediate(resolve)));
    const started = performance.now();
    task();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

// Warm: the task's code optimized and its memory touched before anything is timed.
for (let index = 0; index < 300; index += 1) task();
const backToBack = await timed(0);
const afterPause = await timed(PAUSE_MS);
const result: IdlePenalty = { pauseMs: PAUSE_MS, backToBack, afterPause };
console.log(JSON.stringify(result));
