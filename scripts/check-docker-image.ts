// `npm run test:docker`: the Dockerfile's steps carried out without a Docker engine (none runs on CI machines).
// The build stage runs in one folder standing for its /app, on the build context (the repository minus
// .dockerignore); the run stage's folder gets exactly what its COPY --from lines take; then the image's CMD
// starts there with the Dockerfile's ENV and docker-compose's app environment, pointed at a real Postgres and S3
// server, and must answer /api/health with {"db":"ok","storage":"ok"}, serve its public files and static assets.
// Not covered (say so rather than pretend): the base image's OS, and `USER node` (the steps run as this user). The
// `npm ci` step takes the repository's install when it came from the identical lockfile, as Docker's layer cache
// would (reuseInstalledModules); on any difference it runs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { startLocalStack } from "@/lib/local-stack/local-stack";
import { findFreePort } from "@/lib/local-stack/ports";
import {
  type DockerStage,
  isDockerIgnored,
  REPOSITORY_ROOT,
  readDockerfile,
  readDockerIgnore,
} from "./dockerfile";

const HEALTH_TIMEOUT_MS = 120_000;
const started = Date.now();
const say = (message: string) =>
  console.log(`[docker-check ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

/** The build context: what `docker build .` sends (tracked and untracked files, minus .dockerignore). */
function contextFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPOSITORY_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ignored = readDockerIgnore();
  return listed.split("\0").filter((file) => file && !isDockerIgnored(file, ignored));
}

/** A path inside the image, mapped onto the folder standing for that stage's root. */
function onHost(stageRoot: string, workdir: string, imagePath: string): string {
  const absolute = path.posix.resolve(workdir, imagePath);
  return path.join(stageRoot, absolute);
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`"${command}" exited with ${code}`)),
    );
  });
}

async function copyFromContext(sources: string[], destination: string, files: string[]): Promise<void> {
  for (const source of sources) {
    const prefix = path.posix.normalize(source).replace(/^\.\/?|\/$/g, "");
    const chosen = files.filter(
      (file) => prefix === "" || prefix === "." || file === prefix || file.startsWith(`${prefix}/`),
    );
    if (chosen.length === 0) throw new Error(`COPY ${source}: nothing in the build context`);
    const single = chosen.length === 1 && chosen[0] === prefix;
    for (const file of chosen) {
      const relative = single ? path.basename(file) : path.relative(prefix === "." ? "" : prefix, file);
      const target = destination.endsWith("/") || !single ? path.join(destination, relative) : destination;
      await mkdir(path.dirname(target), { recursive: true });
      await cp(path.join(REPOSITORY_ROOT, file), target, {
        preserveTimestamps: true,
        verbatimSymlinks: true,
      });
    }
  }
}

type StageResult = { root: string; workdir: string; env: Record<string, string>; cmd: string[] | null };

async function carryOut(
  stage: DockerStage,
  root: string,
  built: Map<string, StageResult>,
): Promise<StageResult> {
  const files = contextFiles();
  let workdir = "/";
  const env: Record<string, string> = {};
  let cmd: string[] | null = null;
  for (const step of stage.steps) {
    const here = onHost(root, workdir, ".");
    switch (step.kind) {
      case "workdir":
        workdir = path.posix.resolve(workdir, step.dir);
        await mkdir(onHost(root, workdir, "."), { recursive: true });
        break;
      case "env":
        Object.assign(env, step.values);
        break;
      case "copy": {
        const destination =
          onHost(root, workdir, step.destination) + (step.destination.endsWith("/") ? "/" : "");
        say(
          `${stage.name}: COPY ${step.from ? `--from=${step.from} ` : ""}${step.sources.join(" ")} ${step.destination}`,
        );
        if (step.from === null) {
          await copyFromContext(step.sources, destination, files);
          break;
        }
        const origin = built.get(step.from);
        if (!origin) throw new Error(`COPY --from=${step.from}: no such stage was built`);
        for (const source of step.sources) {
          await cp(onHost(origin.root, origin.workdir, source), destination, {
            recursive: true,
            verbatimSymlinks: true,
          });
        }
        break;
      }
      case "run":
        if (step.command === "npm ci" && (await reuseInstalledModules(here))) {
          say(
            `${stage.name}: RUN npm ci: the repository's node_modules, installed from this same lockfile (hard links)`,
          );
          break;
        }
        say(`${stage.name}: RUN ${step.command}`);
        await run(step.command, here, { ...process.env, ...env });
        break;
      case "cmd":
        cmd = step.argv;
        break;
      case "user":
      case "expose":
        break;
    }
  }
  return { root, workdir, env, cmd };
}

/**
 * Docker reuses an `npm ci` layer when package.json and the lockfile are unchanged; this check does the same with
 * the repository's own install when it came from the identical lockfile (CI ran `npm ci` on it minutes before):
 * every package at the locked version, nothing else. Otherwise the step runs for real.
 */
async function reuseInstalledModules(stageDir: string): Promise<boolean> {
  const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8").catch(() => "null"));
  const [lock, repositoryLock, installed, manifest, repositoryManifest] = await Promise.all([
    readJson(path.join(stageDir, "package-lock.json")),
    readJson(path.join(REPOSITORY_ROOT, "package-lock.json")),
    readJson(path.join(REPOSITORY_ROOT, "node_modules", ".package-lock.json")),
    readFile(path.join(stageDir, "package.json"), "utf8"),
    readFile(path.join(REPOSITORY_ROOT, "package.json"), "utf8"),
  ]);
  if (!lock || !installed || manifest !== repositoryManifest) return false;
  if (JSON.stringify(lock) !== JSON.stringify(repositoryLock)) return false;
  // npm leaves out optional packages of other platforms (sharp's, esbuild's): those are the only ones missing.
  const locked: Record<string, { version?: string; optional?: boolean }> = lock.packages ?? {};
  const present: Record<string, { version?: string }> = installed.packages ?? {};
  const asLocked = Object.entries(present).every(([name, entry]) => locked[name]?.version === entry.version);
  const complete = Object.entries(locked).every(
    ([name, entry]) => name === "" || entry.optional || present[name],
  );
  if (!asLocked || !complete) return false;
  execFileSync("cp", [
    "-al",
    path.join(REPOSITORY_ROOT, "node_modules"),
    path.join(stageDir, "node_modules"),
  ]);
  return true;
}

/** docker-compose's app environment, with its service addresses pointed at the servers started here. */
async function composeAppEnvironment(services: Record<string, string>): Promise<Record<string, string>> {
  const compose = parseYaml(await readFile(path.join(REPOSITORY_ROOT, "docker-compose.yml"), "utf8"));
  const declared: Record<string, unknown> = compose.services.app.environment;
  const env: Record<string, string> = {};
  for (const key of Object.keys(declared)) {
    const value =
      services[key] ??
      (typeof declared[key] === "string" && !declared[key].includes("$") ? declared[key] : undefined);
    if (value === undefined) throw new Error(`docker-compose app variable ${key}: no value for this check`);
    env[key] = value;
  }
  return env;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<unknown> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the image's CMD exited with ${child.exitCode}`);
    const answer = await fetch(url).catch(() => null);
    if (answer?.ok) return answer.json();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy answer from ${url} within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

async function expectOk(url: string, contentType: RegExp): Promise<void> {
  const answer = await fetch(url, { redirect: "manual" });
  const type = answer.headers.get("content-type") ?? "";
  if (answer.status !== 200 || !contentType.test(type)) throw new Error(`${url}: ${answer.status} ${type}`);
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-docker-check-"));
  await chmod(scratch, 0o755);
  const stack = await startLocalStack({
    dataDir: path.join(scratch, "services"),
    needPostgres: true,
    needS3: true,
    preferredPorts: { postgres: await findFreePort(), s3: await findFreePort() },
  });
  let server: ChildProcess | null = null;
  try {
    const built = new Map<string, StageResult>();
    let last: StageResult | null = null;
    for (const [index, stage] of readDockerfile().entries()) {
      last = await carryOut(stage, path.join(scratch, `stage-${index}`), built);
      if (stage.name) built.set(stage.name, last);
    }
    if (!last?.cmd) throw new Error("the last stage has no CMD");

    const port = await findFreePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const serviceValues: Record<string, string> = {
      ...stack.env,
      APP_URL: appUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      S3_PUBLIC_ENDPOINT: stack.env.S3_ENDPOINT ?? "",
    };
    const env: NodeJS.ProcessEnv = {
      // The image's own ENV sets NODE_ENV=production too; named here because Node's type requires it.
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/",
      ...last.env,
      ...(await composeAppEnvironment(serviceValues)),
      // Docker would publish the image's 3000 on any host port; here the process itself takes a free one.
      PORT: String(port),
    };
    say(`run: CMD ${JSON.stringify(last.cmd)} on port ${port}`);
    const [command = "", ...args] = last.cmd;
    const image = spawn(command, args, { cwd: onHost(last.root, last.workdir, "."), env, stdio: "inherit" });
    server = image;
    const health = await waitForHealth(`${appUrl}/api/health`, image);
    if (JSON.stringify(health) !== JSON.stringify({ db: "ok", storage: "ok" })) {
      throw new Error(`health answered ${JSON.stringify(health)}`);
    }
    await expectOk(`${appUrl}/favicon.ico`, /^image\/x-icon/);
    await expectOk(`${appUrl}/apple-touch-icon.png`, /^image\/png/);
    await expectOk(`${appUrl}/robots.txt`, /^text\/plain/);
    const signIn = await (await fetch(`${appUrl}/sign-in`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(signIn)?.[0];
    if (!asset) throw new Error("the sign-in page names no static script");
    await expectOk(`${appUrl}${asset}`, /javascript/);
    say(`ok: health ${JSON.stringify(health)}, public files and ${asset} served by the image's server`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server?.once("exit", resolve));
    }
    await stack.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[docker-check] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
