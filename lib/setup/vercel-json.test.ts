// vercel.json and the README's "Function settings" table say the same thing, line by line, and every
// function it configures exists (a renamed route would otherwise silently fall back to Vercel's defaults).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
type FunctionSettings = { maxDuration?: number; memory?: number };
const vercel = JSON.parse(readFileSync(path.join(ROOT, "vercel.json"), "utf8")) as {
  buildCommand: string;
  functions: Record<string, FunctionSettings>;
};
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("vercel.json", () => {
  it("configures only files that exist", () => {
    for (const file of Object.keys(vercel.functions))
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it("matches the README's function table, row by row", () => {
    const table = readme.slice(readme.indexOf("| Function | `maxDuration`"));
    const documented: Record<string, FunctionSettings> = {};
    for (const row of table.split("\n").slice(2)) {
      if (!row.startsWith("|")) break;
      const [files = "", duration = "", memory = ""] = row
        .split("|")
        .slice(1)
        .map((cell) => cell.trim());
      for (const file of files.matchAll(/`([^`]+)`/g)) {
        documented[file[1] ?? ""] = {
          maxDuration: Number.parseInt(duration, 10),
          ...(memory === "default" ? {} : { memory: Number.parseInt(memory, 10) }),
        };
      }
    }
    expect(documented).toEqual(vercel.functions);
  });

  it("migrates before the build, through the direct URL when there is one", () => {
    // A shell default, not a template: `${…}` is expanded by the build's shell.
    expect(vercel.buildCommand).toBe(
      `DATABASE_URL="\${DATABASE_DIRECT_URL:-$DATABASE_URL}" npm run migrate && next build`,
    );
    expect(readme).toContain("the build command migrates first (through\n   `DATABASE_DIRECT_URL` when set");
  });
});
