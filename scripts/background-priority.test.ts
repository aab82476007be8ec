import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BACKGROUND_NICENESS } from "./background-priority";

const tsx = createRequire(import.meta.url).resolve("tsx");
const PROBE = `import { runInBackground } from ${JSON.stringify(path.join(import.meta.dirname, "background-priority.ts"))};
const niceness = runInBackground();
const autogroup = (await import("node:fs")).readFileSync("/proc/self/autogroup", "utf8").trim();
console.log(JSON.stringify({ niceness, autogroup }));`;

/** What a process that calls runInBackground reports, started in a session of its own or in this one. */
function probe(ownSession: boolean): Promise<{ niceness: number; autogroup: string }> {
  const child = spawn(process.execPath, ["--import", tsx, "--input-type=module", "-e", PROBE], {
    detached: ownSession,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`exit ${code}`)),
    ),
  );
}

// Linux with autogroup scheduling only (most servers and desktops); elsewhere the process niceness is all there is.
describe.runIf(existsSync("/proc/self/autogroup"))("runInBackground", () => {
  it("lowers a session leader's group, and never the group of a session it shares (a terminal's)", async () => {
    const ownGroup = readFileSync("/proc/self/autogroup", "utf8").trim();
    const alone = await probe(true);
    expect(alone.niceness).toBe(BACKGROUND_NICENESS);
    expect(alone.autogroup).toMatch(new RegExp(`nice ${BACKGROUND_NICENESS}$`));

    const shared = await probe(false);
    expect(shared.niceness).toBe(BACKGROUND_NICENESS);
    expect(shared.autogroup).toBe(ownGroup);
    expect(readFileSync("/proc/self/autogroup", "utf8").trim()).toBe(ownGroup);
  });
});
