import v8 from "node:v8";
import vm from "node:vm";

// A full collection before measuring, so a comparison sees what the process retains, not garbage not yet
// collected. The flag can be set at run time; a fresh context then exposes `gc`.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

/** Heap still in use after a full garbage collection, in MB. */
export function retainedHeapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
