import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = createRequire(import.meta.url).resolve("tsx");
const fixture = path.join(ROOT, "lib/metadata/fixtures/a1111-webui-tiny.jpg");

function cli(...args: string[]) {
  return promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", tsx, "scripts/cli.ts", ...args],
    {
      cwd: ROOT,
    },
  ).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("npm run cli -- inspect", () => {
  it("prints the parsed metadata of each file as one JSON array", async () => {
    const { code, stdout } = await cli("inspect", fixture);
    expect(code).toBe(0);
    const [entry] = JSON.parse(stdout) as {
      file: string;
      container: string;
      metadata: Record<string, unknown>;
    }[];
    expect(entry?.file).toBe(fixture);
    expect(entry?.container).toBe("jpeg");
    expect(entry?.metadata.generator).toBe("a1111");
    expect(typeof entry?.metadata.prompt).toBe("string");
  });

  it("reports an unreadable file in the output and exits 1", async () => {
    const { code, stdout } = await cli("inspect", fixture, "no-such-file.png");
    expect(code).toBe(1);
    const entries = JSON.parse(stdout) as { file: string; error?: string }[];
    expect(entries).toHaveLength(2);
    expect(entries[1]).toEqual({ file: "no-such-file.png", error: "cannot read file: ENOENT" });
  });

  it("prints usage and exits 2 without a command or file", async () => {
    expect((await cli()).code).toBe(2);
    const missingFile = await cli("inspect");
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain("inspect needs at least one file");
  });
});
