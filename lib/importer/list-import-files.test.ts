import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listImportFiles } from "./list-import-files";

const scratch = await mkdtemp(path.join(os.tmpdir(), "lightbox-list-import-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function touch(file: string) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, "png");
}

const relativePaths = async (root: string, options: Parameters<typeof listImportFiles>[1]) =>
  (await listImportFiles(root, options)).map((file) => file.relativePath);

describe("listImportFiles", () => {
  it("walks a folder with symlink cycles once, listing each directory once", async () => {
    const root = path.join(scratch, "cycles");
    await touch(path.join(root, "one.png"));
    await touch(path.join(root, "a", "two.png"));
    await touch(path.join(root, "a", "b", "three.png"));
    await symlink("../..", path.join(root, "a", "b", "up")); // back to root
    await symlink(".", path.join(root, "a", "self"));
    await symlink("a", path.join(root, "z-alias")); // a second name for a/

    expect(await relativePaths(root, { recursive: true })).toEqual(["a/b/three.png", "a/two.png", "one.png"]);
  });

  it("skips links that leave the folder unless asked to follow them", async () => {
    const outside = path.join(scratch, "outside");
    await touch(path.join(outside, "elsewhere.png"));
    await touch(path.join(outside, "single.png"));
    const root = path.join(scratch, "with-external-links");
    await touch(path.join(root, "inside.png"));
    await symlink(outside, path.join(root, "external-dir"));
    await symlink(path.join(outside, "single.png"), path.join(root, "external.png"));
    await symlink(path.join(root, "inside.png"), path.join(root, "internal.png"));
    await symlink(path.join(outside, "single.png"), path.join(root, "inside.txt")); // a caption sidecar

    const [inside] = await listImportFiles(root, { recursive: true });
    expect(inside).toMatchObject({ relativePath: "inside.png", captionPath: null });
    expect(await relativePaths(root, { recursive: true })).toEqual(["inside.png", "internal.png"]);
    expect(await relativePaths(root, { recursive: true, followExternalLinks: true })).toEqual([
      "external-dir/elsewhere.png",
      "external-dir/single.png",
      "external.png",
      "inside.png",
      "internal.png",
    ]);
  });
});
