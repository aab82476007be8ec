// Reads the repository's Dockerfile into its stages and steps, and its .dockerignore into a filter, so that
// `scripts/check-docker-image.ts` can carry out the same steps without a Docker engine and a test can check
// every COPY source. Only the instructions this Dockerfile uses are understood; anything else is refused
// loudly, so a new instruction cannot be skipped by accident.
import { readFileSync } from "node:fs";
import path from "node:path";

export type DockerStep =
  | { kind: "workdir"; dir: string }
  | { kind: "env"; values: Record<string, string> }
  | { kind: "copy"; from: string | null; sources: string[]; destination: string }
  | { kind: "run"; command: string }
  | { kind: "user"; user: string }
  | { kind: "expose"; port: string }
  | { kind: "cmd"; argv: string[] };

export type DockerStage = { name: string | null; base: string; steps: DockerStep[] };

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, "..");

/** The Dockerfile's instructions, one per logical line (continuations joined, comments dropped). */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (current === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(current + line);
    current = "";
  }
  if (current) lines.push(current.trim());
  return lines;
}

/** `KEY=value KEY2=value2` (the form this Dockerfile uses; values without spaces or quotes). */
function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of text.split(/\s+/)) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`Dockerfile: ENV needs KEY=value pairs, got "${pair}"`);
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}

function parseStep(keyword: string, rest: string): DockerStep {
  switch (keyword) {
    case "WORKDIR":
      return { kind: "workdir", dir: rest };
    case "ENV":
      return { kind: "env", values: parseEnv(rest) };
    case "RUN":
      return { kind: "run", command: rest };
    case "USER":
      return { kind: "user", user: rest };
    case "EXPOSE":
      return { kind: "expose", port: rest };
    case "CMD": {
      const argv: unknown = JSON.parse(rest);
      if (!Array.isArray(argv) || !argv.every((part) => typeof part === "string")) {
        throw new Error("Dockerfile: CMD must be the exec (JSON array) form");
      }
      return { kind: "cmd", argv };
    }
    case "COPY": {
      const words = rest.split(/\s+/);
      const fromFlag = words[0]?.startsWith("--from=") ? words.shift() : undefined;
      if (words.some((word) => word.startsWith("--")) || words.length < 2) {
        throw new Error(`Dockerfile: unsupported COPY form "${rest}"`);
      }
      const destination = words.pop() as string;
      return {
        kind: "copy",
        from: fromFlag ? fromFlag.slice("--from=".length) : null,
        sources: words,
        destination,
      };
    }
    default:
      throw new Error(`Dockerfile: instruction ${keyword} is not understood by scripts/dockerfile.ts`);
  }
}

export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const line of logicalLines(text)) {
    const [keyword = "", ...restWords] = line.split(" ");
    const rest = restWords.join(" ").trim();
    if (keyword.toUpperCase() === "FROM") {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!match) throw new Error(`Dockerfile: unsupported FROM "${rest}"`);
      stages.push({ base: match[1] as string, name: match[2] ?? null, steps: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error("Dockerfile: an instruction before the first FROM");
    stage.steps.push(parseStep(keyword.toUpperCase(), rest));
  }
  return stages;
}

export function readDockerfile(): DockerStage[] {
  return parseDockerfile(readFileSync(path.join(REPOSITORY_ROOT, "Dockerfile"), "utf8"));
}

/**
 * The .dockerignore entries. This repository keeps them to plain paths (no globs, no `!`), which is what makes
 * the prefix test in `isDockerIgnored` exactly what Docker does; `readDockerIgnore` refuses anything else.
 */
export function readDockerIgnore(): string[] {
  const entries = readFileSync(path.join(REPOSITORY_ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  for (const entry of entries) {
    if (/[*?[\]!]/.test(entry)) throw new Error(`.dockerignore: "${entry}" is not a plain path`);
  }
  return entries.map((entry) => entry.replace(/^\/+|\/+$/g, ""));
}

export function isDockerIgnored(relativePath: string, ignored: string[]): boolean {
  return ignored.some((entry) => relativePath === entry || relativePath.startsWith(`${entry}/`));
}
