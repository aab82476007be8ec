// Serverless readiness: a Vercel Function may write only under /tmp, and nothing written survives the
// request anyway. Rather than trust a review, walk the import graph of everything a request can run
// (routes, pages, layouts, server actions, proxy.ts, instrumentation.ts) and require that no reachable
// module of ours touches the filesystem module at all. The operator CLIs (import, export, backup) and the
// local launcher do write files; this proves requests never reach them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ENTRY = /^(route|page|layout|actions|not-found|error|loading|template|default)\.tsx?$/;
const IMPORT = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const FILESYSTEM = /^(node:)?fs(\/promises)?$/;

describe("what a request can run", () => {
  it("reaches no module of ours that imports the filesystem", () => {
    const entries = [
      ...listFiles(path.join(ROOT, "app")).filter((file) => ENTRY.test(path.basename(file))),
      path.join(ROOT, "proxy.ts"),
      path.join(ROOT, "instrumentation.ts"),
    ];
    const reachable = walk(entries);
    const writers = [...reachable].filter((file) =>
      importsOf(file).some((specifier) => FILESYSTEM.test(specifier)),
    );
    // A sanity check that the walk follows the app into lib: the ingest pipeline must be reachable.
    expect(reachable.has(path.join(ROOT, "lib/images/ingest/ingest-image.ts"))).toBe(true);
    expect(reachable.size).toBeGreaterThan(100);
    expect(writers.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});

function walk(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      const resolved = resolve(file, specifier);
      if (resolved && !seen.has(resolved)) stack.push(resolved);
    }
  }
  return seen;
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? "");
}

/** Our own modules only (`@/…` and relative paths); packages are not ours to walk. */
function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
