// Every COPY in the Dockerfile names something that will be there: a path of the build context (the repository
// minus .dockerignore), or a path the build stage's own RUN steps produce. A missing `public/` once stopped the
// image build at its COPY; this finds that class in seconds, without a Docker engine.
// (`npm run test:docker` then carries out every step for real: scripts/check-docker-image.ts.)
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type DockerStage,
  isDockerIgnored,
  parseDockerfile,
  REPOSITORY_ROOT,
  readDockerfile,
  readDockerIgnore,
} from "./dockerfile";

const ignored = readDockerIgnore();
const stages = readDockerfile();

function inContext(relativePath: string): boolean {
  const normalised = path.posix.normalize(relativePath).replace(/^\.\/?|\/$/g, "");
  if (normalised === "" || normalised === ".") return true;
  return !isDockerIgnored(normalised, ignored) && existsSync(path.join(REPOSITORY_ROOT, normalised));
}

/** What the stage's RUN steps make, as far as the test can tell from their text. */
function producedByRun(stage: DockerStage, relativePath: string): boolean {
  const runs = stage.steps.flatMap((step) => (step.kind === "run" ? [step.command] : []));
  if (relativePath.startsWith("node_modules/")) {
    const installed = runs.some((command) => /\bnpm ci\b/.test(command));
    // The package must be one npm ci installs: it is in the lockfile, so it is in the local node_modules too.
    return installed && existsSync(path.join(REPOSITORY_ROOT, relativePath));
  }
  if (relativePath === ".next/standalone") {
    return runs.some((command) => /NEXT_OUTPUT=standalone\s+npx next build/.test(command));
  }
  if (relativePath.startsWith(".next/")) return runs.some((command) => /\bnext build\b/.test(command));
  return runs.some((command) => command.includes(relativePath));
}

function finalWorkdir(stage: DockerStage): string {
  let dir = "/";
  for (const step of stage.steps) if (step.kind === "workdir") dir = step.dir;
  return dir;
}

describe("Dockerfile", () => {
  it("is read into a build stage and a run stage", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["build", "run"]);
    expect(stages.at(-1)?.steps.at(-1)?.kind).toBe("cmd");
  });

  it("copies only what the build context holds or the build stage makes", () => {
    const problems: string[] = [];
    for (const stage of stages) {
      for (const step of stage.steps) {
        if (step.kind !== "copy") continue;
        for (const source of step.sources) {
          if (step.from === null) {
            if (!inContext(source))
              problems.push(`${stage.name}: COPY ${source} is not in the build context`);
            continue;
          }
          const origin = stages.find((candidate) => candidate.name === step.from);
          if (!origin) {
            problems.push(`${stage.name}: COPY --from=${step.from} names no stage`);
            continue;
          }
          const workdir = finalWorkdir(origin);
          const relative = path.posix.relative(workdir, source);
          if (relative.startsWith("..")) {
            problems.push(`${stage.name}: COPY --from=${step.from} ${source} is outside ${workdir}`);
          } else if (!inContext(relative) && !producedByRun(origin, relative)) {
            problems.push(
              `${stage.name}: COPY --from=${step.from} ${source}: neither in the context nor built`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("finds a COPY source that is missing or ignored", () => {
    const broken = parseDockerfile(
      [
        "FROM node AS build",
        "WORKDIR /app",
        "COPY no-such-file ./",
        "RUN npm ci",
        "FROM node AS run",
        "COPY --from=build /app/node_modules ./x",
        "COPY --from=build /app/.data ./y",
        'CMD ["node"]',
      ].join("\n"),
    );
    const copies = broken.flatMap((stage) => stage.steps.filter((step) => step.kind === "copy"));
    expect(copies.map((step) => step.kind === "copy" && step.sources[0])).toEqual([
      "no-such-file",
      "/app/node_modules",
      "/app/.data",
    ]);
    expect(inContext("no-such-file")).toBe(false);
    // .data is a real folder on a developer's machine but ignored, so the image never has it.
    expect(isDockerIgnored(".data", ignored)).toBe(true);
    expect(inContext("public")).toBe(true);
  });

  it("refuses an instruction it does not understand instead of skipping it", () => {
    expect(() => parseDockerfile("FROM node\nHEALTHCHECK CMD true")).toThrow(/HEALTHCHECK is not understood/);
  });
});
