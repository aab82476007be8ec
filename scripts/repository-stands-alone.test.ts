// A clone of this repository alone must pass `npm test`: no tracked file may read or point at anything beside it.
// Once, six tests read real samples from a folder next to the clone and failed for every new user.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "./dockerfile";

const TEXT_FILE = /\.(ts|tsx|mjs|js|json|md|yml|yaml|sh|py|css|txt)$|^\.ci\/run$|Dockerfile$/;
// Folders of a developer's machine that a clone does not have (spelt in pieces so this file does not match).
const OUTSIDE_PATHS = [["..", "shared"].join("/"), ["", "work", ""].join("/")];

function trackedTextFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], {
    cwd: REPOSITORY_ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  })
    .split("\0")
    .filter((file) => TEXT_FILE.test(file) && !file.startsWith("lib/db/migrations/meta/"));
}

/** Path literals joined to this file's own folder (path.resolve / path.join) whose target lies outside the repository. */
function escapingDirnamePaths(file: string, text: string): string[] {
  const found: string[] = [];
  const call = /path\.(?:resolve|join)\(\s*import\.meta\.dirname\s*,\s*((?:"[^"]*"\s*,?\s*)+)\)/g;
  for (const match of text.matchAll(call)) {
    const parts = [...(match[1] ?? "").matchAll(/"([^"]*)"/g)].map((part) => part[1] ?? "");
    const target = path.resolve(REPOSITORY_ROOT, path.dirname(file), ...parts);
    if (path.relative(REPOSITORY_ROOT, target).startsWith("..")) found.push(`${file}: ${match[0]}`);
  }
  return found;
}

describe("the repository stands alone", () => {
  const files = trackedTextFiles();

  it("has its text files to check", () => {
    expect(files).toContain("package.json");
    expect(files.length).toBeGreaterThan(100);
  });

  it("names no folder outside the clone", () => {
    const problems = files.flatMap((file) => {
      const text = readFileSync(path.join(REPOSITORY_ROOT, file), "utf8");
      return [
        ...OUTSIDE_PATHS.filter((outside) => text.includes(outside)).map((outside) => `${file}: ${outside}`),
        ...escapingDirnamePaths(file, text),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("finds a path that leaves the repository", () => {
    // Put together here, so this file's own text does not hold the pattern it looks for.
    const text = `const SAMPLES = path.resolve(${["import", "meta", "dirname"].join(".")}, "../../../elsewhere");`;
    expect(escapingDirnamePaths("lib/testing/samples.ts", text)).toHaveLength(1);
    expect(escapingDirnamePaths("lib/testing/samples.ts", text.replace("../../../", "../"))).toEqual([]);
  });
});
