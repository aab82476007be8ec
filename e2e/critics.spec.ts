import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { press, stage } from "./review-ui-support";
import { adminPage, createApiKeyViaUi, failOnDialog } from "./support";

const STAMP = Date.now().toString(36);
const MODEL = `critic-model-${STAMP}`;
const CRITIC = `aesthetic-${STAMP}`;
const run = promisify(execFile);

test("critics: scores through the API, the disagreement filter, its review queue, the report, the reference critic", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = await adminPage(browser);
  failOnDialog(admin);
  const key = await createApiKeyViaUi(admin, `critics-${STAMP}`, ["ingest", "read", "critic"]);
  const auth = { authorization: `Bearer ${key}` };

  const ids: string[] = [];
  const hashes: string[] = [];
  for (let index = 0; index < 6; index += 1) {
    const png = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: index * 40, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    const posted = await request.post("/api/v1/images", {
      headers: auth,
      multipart: {
        file: { name: `critic-${index}.png`, mimeType: "image/png", buffer: png },
        metadata: JSON.stringify({ prompt: `critic test ${STAMP} #${index}`, model: MODEL, seed: index }),
      },
    });
    expect(posted.status()).toBe(201);
    const body = (await posted.json()) as { id: string; sha256: string };
    ids.push(body.id);
    hashes.push(body.sha256);
  }
  const [i1 = "", i2 = "", i3 = "", i4 = "", i5 = "", i6 = ""] = ids;

  // Humans: approve the first three, reject the last three (keyboard, oldest first).
  await admin.goto(`/review?model=${MODEL}&sort=oldest`);
  await press(admin, "a", i1, i2);
  await press(admin, "a", i2, i3);
  await press(admin, "a", i3, i4);
  await press(admin, "x", i4, i5);
  await press(admin, "x", i5, i6);
  await press(admin, "x", i6);
  await expect(admin.getByTestId("save-state")).toHaveText("All changes saved");

  // The critic (scale 1-10, no decision: its threshold 0.5 decides): disagrees on #2 (too low) and #4 (too high).
  const scores = [9, 2, 8, 8, 1, 3];
  const batch = await request.post("/api/v1/critiques", {
    headers: { ...auth, "idempotency-key": `batch-${STAMP}` },
    data: {
      items: scores.map((score, index) => ({
        sha256: hashes[index],
        critic: CRITIC,
        critic_version: "1.0",
        score,
        scale: "1-10",
        reasons: ["e2e"],
      })),
    },
  });
  expect(batch.status()).toBe(201);
  // Version 2 on one image, through the single endpoint (it keeps 1.0 as the movement baseline).
  const single = await request.post(`/api/v1/images/${i1}/critiques`, {
    headers: auth,
    data: { critic: CRITIC, critic_version: "2.0", score: 95, scale: "0-100", decision: "approve" },
  });
  expect(single.status()).toBe(201);
  expect(((await single.json()) as { score_normalized: number }).score_normalized).toBeCloseTo(0.95);

  // The gallery filter: "critic approved, humans rejected" finds #4 alone.
  await admin.goto(`/?model=${MODEL}`);
  await admin.getByRole("button", { name: "Filters (on)" }).click();
  await admin.getByLabel("Critic disagreement").selectOption("critic_approved");
  await admin.getByLabel("Critic", { exact: true }).selectOption(CRITIC);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/disagreement=critic_approved/);
  await expect(admin.getByTestId("view-count")).toHaveText("1 image");
  await expect(admin.getByTestId("gallery-tile").locator(`a[href*="${i4}"]`)).toHaveCount(1);
  await admin.getByLabel("Critic disagreement").selectOption("any");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("view-count")).toHaveText("2 images");
  await admin.getByLabel("Sort").selectOption("gap");
  await expect(admin).toHaveURL(/sort=gap/);
  await admin.screenshot({ path: "test-results/critics-gallery-disagreement.png" });

  // The review-mode queue of the disagreements, largest gap first (#2: 0.89, #4: 0.78), settled by keyboard.
  await admin.getByRole("link", { name: "Review this view →" }).click();
  await expect(admin).toHaveURL(/\/review\?.*disagreement=any/);
  await expect(stage(admin)).toHaveAttribute("data-image-id", i2);
  await admin.screenshot({ path: "test-results/critics-review-queue.png" });
  await press(admin, "x", i2, i4);
  await expect(admin.getByTestId("save-state")).toHaveText("All changes saved");
  await admin.goto(`/?model=${MODEL}&disagreement=any&critic=${CRITIC}`);
  await expect(admin.getByTestId("view-count")).toHaveText("1 image");

  // The report: stats, confusion matrix, three charts drawn in their reserved boxes; both versions listed.
  await admin.goto(`/critics/${CRITIC}?version=1.0`);
  await expect(admin.locator('[data-stat="Decided by humans"]')).toHaveText("6");
  // Now humans: approve #1 #3, reject #2 #4 #5 #6; critic approves #1 #3 #4 → 5 of 6 agree.
  await expect(admin.locator('[data-stat="Agreement"]')).toHaveText("83.3%");
  await expect(admin.getByRole("table", { name: "Confusion matrix" })).toContainText("approve");
  // Humans [[2 approve/approve, 0], [1, 3]]: p_o 5/6, p_e 1/2 → kappa 2/3.
  await expect(admin.locator('[data-stat="Cohen\'s kappa"]')).toHaveText("0.667");
  await expect(admin.locator(".recharts-wrapper")).toHaveCount(3);
  await expect(admin.locator(".recharts-line-curve").first()).toBeVisible();
  await expect(admin.getByRole("link", { name: "2.0" })).toBeVisible();
  await admin.screenshot({ path: "test-results/critics-report.png", fullPage: true });

  const csv = await admin.request.get(`/critics/${CRITIC}/disagreements?version=1.0&format=csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toContain("sha256,object_key,prompt,prompt_truncated,model,human_decision");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(hashes[3]);
  const jsonl = await admin.request.get(`/critics/${CRITIC}/disagreements?version=1.0&format=jsonl`);
  expect(JSON.parse((await jsonl.text()).trim())).toMatchObject({
    sha256: hashes[3],
    critic_decision: "approve",
  });

  // The reference critic, through the public API like any other; a second run finds nothing left.
  const env = { ...process.env, LIGHTBOX_URL: test.info().project.use.baseURL ?? "", LIGHTBOX_API_KEY: key };
  const script = path.resolve(import.meta.dirname, "../scripts/critic-sharpness.ts");
  const first = await run("npx", ["tsx", script], { env, timeout: 120_000 });
  expect(first.stdout).toMatch(/done: \d+ scored, 0 failed/);
  const again = await run("npx", ["tsx", script], { env, timeout: 60_000 });
  expect(again.stdout).toContain("done: 0 scored, 0 failed");
  await admin.goto(`/images/${i5}`);
  await expect(admin.getByText(/sharpness\s*1\.0\.0/)).toBeVisible();
  await admin.screenshot({ path: "test-results/critics-image-page.png", fullPage: true });
});
