import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMANDS, runCli } from "./run-cli";

// Every command, the same way: --help is its usage and exit 0; an option it does not know is one line and exit 2;
// no user's mistake prints a stack (`cleanup --help` printed ERR_PARSE_ARGS_UNKNOWN_OPTION with one).
const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = createRequire(import.meta.url).resolve("tsx");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  return { out, err };
}
afterEach(() => vi.restoreAllMocks());

describe("npm run cli", () => {
  it.each(Object.keys(COMMANDS))("%s --help prints its usage and exits 0", async (name) => {
    const { out, err } = capture();
    expect(await runCli([name, "--help"])).toBe(0);
    expect(out).toEqual([`usage: npm run cli -- ${COMMANDS[name]?.usage}`]);
    expect(err).toEqual([]);
  });

  it.each(Object.keys(COMMANDS))("%s refuses an unknown option in one line, exit 2", async (name) => {
    const { out, err } = capture();
    expect(await runCli([name, "--no-such-option"])).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`${name}: Unknown option '--no-such-option' (npm run cli -- ${name} --help)`]);
  });

  it("lists the commands for --help, and names an unknown command", async () => {
    let streams = capture();
    expect(await runCli(["--help"])).toBe(0);
    expect(streams.out.join("\n")).toContain(COMMANDS.cleanup?.usage);
    streams = capture();
    expect(await runCli(["clean"])).toBe(2);
    expect(streams.err).toEqual(["unknown command: clean (npm run cli -- --help lists them)"]);
  });

  it("names an option given without its value in one line", async () => {
    const { err } = capture();
    expect(await runCli(["doctor", "--grace"])).toBe(2);
    expect(err).toEqual(["doctor: Option '--grace <value>' argument missing (npm run cli -- doctor --help)"]);
  });

  it("refuses an age no date can hold in one line (it was a RangeError's stack)", async () => {
    const { err } = capture();
    expect(await runCli(["cleanup", "--rejected-older-than", "99999999999999d"])).toBe(2);
    expect(err).toEqual([
      'cleanup: --rejected-older-than "99999999999999d": an age looks like 30d, 12h, 90m, 2w or 45s, at most 100 years',
    ]);
  });

  it("as a process: no stack for a mistake, whatever the command", async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ["--conditions=react-server", "--import", tsx, "scripts/cli.ts", ...args],
        {
          cwd: ROOT,
        },
      ).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const help = await cli("cleanup", "--help");
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("usage: npm run cli -- cleanup --rejected-older-than");
    for (const args of [
      ["cleanup", "--bogus"],
      ["cleanup", "--rejected-older-than", "99999999999999d"],
    ]) {
      const answer = await cli(...args);
      expect(answer.code, args.join(" ")).toBe(2);
      expect(answer.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(answer.stderr, args.join(" ")).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
    }
  });
});
