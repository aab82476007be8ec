// Issue 26, "a reviewer's morning, faster": the grid by keyboard, the critics' rule, default reasons, the image
// page's buttons, "keep this one" on duplicates, partial model and LoRA filters with suggestions, long values and
// the refiner and C2PA fields in the review panel, at 1440×900 and 390×844 (touch).
import { readFile } from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { insertPngChunks } from "../lib/metadata/testing/png-encoder";
import { seedImages, selectedIds, word } from "./desk-support";
import {
  DESKTOP,
  expectNoSeriousAxeViolations,
  PHONE,
  press,
  reviewerAt,
  STAMP,
  shoot,
  stage,
} from "./review-ui-support";
import { adminPage, createApiKeyViaUi, waitForDerived } from "./support";

let seeder: Promise<{ admin: Page; key: string }> | null = null;
const seed = (browser: Browser) => {
  seeder ??= (async () => {
    const admin = await adminPage(browser);
    return {
      admin,
      key: await createApiKeyViaUi(admin, `desk-review-${STAMP}`, ["ingest", "read", "critic"]),
    };
  })();
  return seeder;
};

async function postCritiques(page: Page, key: string, critic: string, scores: [string, number][]) {
  const response = await page.request.post("/api/v1/critiques", {
    headers: { authorization: `Bearer ${key}` },
    data: {
      items: scores.map(([image_id, score]) => ({
        image_id,
        critic,
        critic_version: "1",
        score,
        scale: "0-1",
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

test("1440×900: the grid by keyboard (arrows, Space, A, X, 1–5, T, Enter), with the default reasons", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { admin, key } = await seed(browser);
  const miso = word("miso");
  const ids = await seedImages(admin, key, 12, { prompt: `a bowl of ${miso} soup` });
  const page = await reviewerAt(browser, admin, DESKTOP);
  await page.goto(`/?q=${miso}&sort=oldest`);
  const tiles = page.getByTestId("gallery-tile");
  await expect(tiles).toHaveCount(12);
  // The grid's keys are React's: on once the page hydrated.
  await expect(page.getByTestId("gallery-grid")).toHaveAttribute("data-keys", "on");
  const link = (index: number) => tiles.nth(index).locator("a");
  // One tab stop for the grid; arrows move the focus, Down by a whole row.
  await link(0).focus();
  await page.keyboard.press("ArrowRight");
  await expect(link(1)).toBeFocused();
  const columns = await tiles.evaluateAll(
    (all) =>
      all.filter((tile) => tile.getBoundingClientRect().top === all[0]?.getBoundingClientRect().top).length,
  );
  await page.keyboard.press("ArrowDown");
  await expect(link(1 + columns)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(link(1)).toHaveAttribute("tabindex", "0");
  await expect(link(0)).toHaveAttribute("tabindex", "-1");
  // Space selects; A approves the selection.
  await page.keyboard.press(" ");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press(" ");
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  expect((await selectedIds(page)).sort()).toEqual([ids[1], ids[2]].sort());
  await page.keyboard.press("a");
  await expect(page.getByTestId("bulk-message")).toContainText("Approved 2");
  await expect(tiles.nth(1).locator("[data-status]")).toHaveAttribute("data-status", "approved");
  await expect(tiles.nth(1).locator("[data-status]")).toHaveText("✓approved");
  await page.getByRole("button", { name: "Clear" }).click();
  // With nothing selected, the keys act on the focused tile: X, a score, a reason from the defaults.
  await link(3).focus();
  await page.keyboard.press("x");
  await expect(page.getByTestId("bulk-message")).toContainText("Rejected 1");
  await expect(tiles.nth(3).locator("[data-status]")).toHaveAttribute("data-status", "rejected");
  await page.keyboard.press("4");
  await expect(page.getByTestId("bulk-message")).toContainText("Scored 1 with ★4");
  await page.keyboard.press("t");
  const picker = page.getByRole("dialog", { name: "Reason tags" });
  for (const reason of [
    "blur",
    "hands",
    "anatomy",
    "text / watermark",
    "composition",
    "artifacts",
    "off-prompt",
    "duplicate",
  ])
    await expect(picker).toContainText(reason);
  await shoot(page, "grid-reasons", "desktop");
  await page.getByLabel("Find a tag").fill("hands");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("bulk-message")).toContainText("Gave 1 the reason “hands”");
  // The grid's U-less undo: the message's Undo takes the last change back.
  await page.getByTestId("bulk-message").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("bulk-message")).toContainText("Undone: 1");
  // Enter opens the viewer at the focused tile; its keys are review mode's.
  await link(5).focus();
  await page.keyboard.press("Enter");
  await expect(stage(page)).toHaveAttribute("data-image-id", ids[5] ?? "");
  await expect(stage(page)).toHaveAttribute("data-keys", "on");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("image-viewer")).toHaveCount(0);
  await expect(link(5)).toBeFocused();
  await expectNoSeriousAxeViolations(page, "gallery with keyboard focus");
  // The image page's history says which rule decided in bulk.
  await page.goto(`/images/${ids[1]}`);
  await expect(page.getByTestId("bulk-rule")).toContainText("images picked in the gallery");
  // Default reasons have keys in review mode too, listed under ?.
  await page.goto(`/review?q=${miso}&sort=oldest&at=${ids[6]}`);
  await press(page, "?", ids[6] ?? "");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("toggle “hands”");
});

for (const [size, viewport, isTouch] of [
  ["desktop", DESKTOP, false],
  ["phone", PHONE, true],
] as const) {
  test(`${size}: the critics take the obvious ones (preview, confirm, one undo), recorded with their rule`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const { admin, key } = await seed(browser);
    const ramen = word(`tonkotsu${size}`);
    const ids = await seedImages(admin, key, 6, { prompt: `${ramen} ramen` });
    const critic = `sharpness-${size}-${STAMP}`;
    // Approves 0–2 (≥ 0.5), rejects 3–4; image 5 is unscored.
    await postCritiques(admin, key, critic, [
      [ids[0] ?? "", 0.9],
      [ids[1] ?? "", 0.8],
      [ids[2] ?? "", 0.6],
      [ids[3] ?? "", 0.2],
      [ids[4] ?? "", 0.1],
    ]);
    const page = await reviewerAt(browser, admin, viewport, isTouch);
    const click = (locator: ReturnType<Page["getByRole"]>) => (isTouch ? locator.tap() : locator.click());
    await page.goto(`/?q=${ramen}`);
    // The reviewer has decided one of the approved ones already: the rule leaves it alone.
    await page.goto(`/images/${ids[2]}?q=${ramen}`);
    await click(page.getByTestId("image-review").getByRole("button", { name: /^Reject/ }));
    await expect(page.getByTestId("image-status")).toContainText("rejected");
    await page.goto(`/?q=${ramen}`);
    await click(page.getByRole("button", { name: "Critics decide…" }));
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByTestId("critics-preview")).toContainText(
      "2 images in this view that you have not decided",
    );
    await shoot(page, "critics-rule", size);
    await expectNoSeriousAxeViolations(page, `critics rule ${size}`);
    await click(dialog.getByRole("button", { name: "Approve 2" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Approved 2 by the critics' rule");
    await click(page.getByRole("button", { name: "Critics decide…" }));
    await page.getByRole("alertdialog").getByLabel("What to do").selectOption("reject");
    await expect(page.getByRole("alertdialog").getByTestId("critics-preview")).toContainText("2 images");
    await click(page.getByRole("alertdialog").getByRole("button", { name: "Reject 2" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Rejected 2 by the critics' rule");
    // One undo takes the last rule back whole; the disagreements and the unscored stay for humans.
    await click(page.getByTestId("bulk-message").getByRole("button", { name: "Undo" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Undone: 2");
    await page.goto(`/?q=${ramen}&status=approved`);
    await expect(page.getByTestId("view-count")).toHaveText("2 images");
    await page.goto(`/?q=${ramen}&status=unreviewed`);
    await expect(page.getByTestId("view-count")).toHaveText("3 images");
    await page.goto(`/images/${ids[0]}`);
    await expect(page.getByTestId("bulk-rule")).toContainText("the critics' verdict");
  });

  test(`${size}: the image page decides and scores; a duplicate group keeps one and rejects the rest`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const { admin, key } = await seed(browser);
    const page = await reviewerAt(browser, admin, viewport, isTouch);
    const click = (locator: ReturnType<Page["getByRole"]>) => (isTouch ? locator.tap() : locator.click());
    const [id = ""] = await seedImages(admin, key, 1, { prompt: `${word(`gyoza${size}`)} on a plate` });
    await page.goto(`/images/${id}`);
    const bar = page.getByTestId("image-review");
    await click(bar.getByRole("button", { name: /^Approve/ }));
    await expect(bar.getByRole("button", { name: /^Approve/ })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("image-status")).toContainText("approved");
    await click(bar.getByRole("button", { name: "Score 5" }));
    await expect(bar.getByRole("button", { name: "Score 5" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("review-history")).toContainText("score 5");
    await shoot(page, "image-review", size);
    await expectNoSeriousAxeViolations(page, `image page ${size}`);

    // Three encodings of one picture: a near-duplicate group.
    const picture = await sharp({
      create: {
        width: 320,
        height: 240,
        channels: 3,
        background: { r: 20, g: 120, b: size === "phone" ? 31 : 33 },
      },
    })
      .composite([
        {
          input: Buffer.from(
            `<svg width="320" height="240"><circle cx="${size === "phone" ? 90 : 220}" cy="120" r="70" fill="#fff"/></svg>`,
          ),
        },
      ])
      .png()
      .toBuffer();
    // The same pixels in other bytes (other PNG compressions and filters): one picture to the perceptual hash.
    const versions = [
      picture,
      await sharp(picture).png({ compressionLevel: 1 }).toBuffer(),
      await sharp(picture).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer(),
    ];
    const group: string[] = [];
    for (const [index, buffer] of versions.entries()) {
      const posted = await admin.request.post("/api/v1/images", {
        headers: { authorization: `Bearer ${key}` },
        multipart: {
          file: { name: `dup${index}.png`, mimeType: "image/png", buffer },
          metadata: JSON.stringify({ prompt: `a moon ${word(`dup${size}`)}` }),
        },
      });
      expect(posted.status()).toBe(201);
      group.push(((await posted.json()) as { id: string }).id);
    }
    // Near-duplicates are found by the perceptual hashes a worker makes after each 201.
    await waitForDerived(admin, key, group);
    await page.goto("/duplicates");
    const mine = page
      .getByTestId("duplicate-group")
      .filter({ has: page.locator(`a[href="/images/${group[0]}"]`) });
    await expect(mine.locator("img")).toHaveCount(3);
    const keptIndex = await mine
      .locator("a[href^='/images/']")
      .evaluateAll(
        (links, kept) => links.findIndex((link) => link.getAttribute("href") === `/images/${kept}`),
        group[0],
      );
    await click(mine.getByRole("button", { name: "Keep this one, reject the rest" }).nth(keptIndex));
    await expect(mine.getByRole("status")).toHaveText("Kept one, rejected 2");
    await shoot(page, "duplicates", size);
    await expectNoSeriousAxeViolations(page, `duplicates ${size}`);
    await page.goto(`/?q=${word(`dup${size}`)}&status=rejected`);
    await expect(page.getByTestId("view-count")).toHaveText("2 images");
    await page.goto(`/images/${group[1]}`);
    await expect(page.getByTestId("bulk-rule")).toContainText(`near-duplicates of image ${group[0]}`);
  });

  test(`${size}: model and LoRA filters match a part of a name and suggest names as one types`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const { admin, key } = await seed(browser);
    const tag = `${size}${STAMP}`;
    await seedImages(admin, key, 2, {
      prompt: `noodles ${word("names")}`,
      model: `checkpoints/juggernautXL_v9_${tag}.safetensors`,
      loras: [{ name: `film_grain_${tag}`, weight: 0.6 }],
    });
    await seedImages(admin, key, 1, { prompt: `noodles ${word("names")}`, model: `sdxl_base_${tag}` });
    const page = await reviewerAt(browser, admin, viewport, isTouch);
    await page.goto("/");
    await page.getByRole("button", { name: "Filters", exact: true }).click();
    const model = page.getByLabel("Model");
    await model.fill(`xl_v9_${tag}`);
    await expect(
      page.getByTestId("model-suggestions").locator(`option[value="juggernautxl_v9_${tag}"]`),
    ).toHaveCount(1);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`model=xl_v9_${tag}`));
    await expect(page.getByTestId("view-count")).toHaveText("2 images");
    // The filter panel stays open across the new view.
    await page.getByLabel("Model").fill("");
    const lora = page.getByLabel("LoRA");
    await lora.fill(`grain_${tag}`);
    await expect(
      page.getByTestId("lora-suggestions").locator(`option[value="film_grain_${tag}"]`),
    ).toHaveCount(1);
    await shoot(page, "name-filters", size);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("view-count")).toHaveText("2 images");
    await page.goto(`/?model=${encodeURIComponent(`"sdxl_base_${tag}"`)}`);
    await expect(page.getByTestId("view-count")).toHaveText("1 image");
  });

  /**
   * The sample with a private ancillary chunk naming this run after its header: other bytes, the same meaning. Each
   * size posts its own image, so no image is leased to the other size's reviewer when review mode opens it.
   */
  const ownCopy = (png: Buffer, label: string) =>
    Buffer.from(insertPngChunks(png, [{ type: "lbXe", data: Buffer.from(`${label}-${STAMP}`, "latin1") }]));

  test(`${size}: long values wrap in the review panel; refiner and C2PA credentials are fields`, async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const { admin, key } = await seed(browser);
    const long = word("longvalues");
    const unbroken = `${"checkpoint_with_a_name_that_never_ends_".repeat(4)}${size}`;
    const [first = ""] = await seedImages(admin, key, 1, {
      prompt: `${long} ${"an_unbroken_prompt_token_".repeat(12)}`,
      model: unbroken,
    });
    const ids = [first];
    // Review mode opens them within their own run: over the whole library, a reviewer of a test running beside this
    // one may hold the newest images' lease, and the desk then opens this reviewer's own batch instead.
    const run = `samples-${size}-${STAMP}`;
    for (const sample of ["comfyui-sdxl-refiner.png", "c2pa-chatgpt.png"]) {
      const posted = await admin.request.post("/api/v1/images", {
        headers: { authorization: `Bearer ${key}` },
        multipart: {
          file: {
            name: sample,
            mimeType: "image/png",
            buffer: ownCopy(await readFile(`lib/metadata/fixtures/samples/${sample}`), size),
          },
          metadata: JSON.stringify({ run }),
        },
      });
      expect([200, 201]).toContain(posted.status());
      ids.push(((await posted.json()) as { id: string }).id);
    }
    const page = await reviewerAt(browser, admin, viewport, isTouch);
    await page.goto(`/review?q=${long}`);
    const settings = page.getByTestId("review-settings");
    // The panel's details arrive after the page hydrated (a request of their own): slow on a busy machine.
    await expect(settings).toContainText(unbroken.slice(0, 30), { timeout: 15_000 });
    const panel = page.locator("aside").filter({ has: settings });
    const [panelBox, modelBox] = [
      await panel.boundingBox(),
      await settings.locator('[data-field="model"] dd').boundingBox(),
    ];
    expect(modelBox && panelBox && modelBox.x + modelBox.width).toBeLessThanOrEqual(
      (panelBox?.x ?? 0) + (panelBox?.width ?? 0) + 1,
    );
    expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await shoot(page, "review-long-values", size);
    await page.goto(`/review?run=${run}&at=${ids[1]}`);
    await expect(page.getByTestId("review-settings").locator('[data-field="refiner"]')).toContainText(
      "refiner",
    );
    await page.goto(`/review?run=${run}&at=${ids[2]}`);
    await expect(page.getByTestId("review-settings").locator('[data-field="provenance"]')).toContainText(
      "C2PA, AI-generated",
    );
    await page.goto(`/images/${ids[2]}`);
    await expect(page.getByTestId("image-fields")).toContainText("C2PA");
    // The raw parameters box scrolls by keyboard: it takes the focus.
    const raw = page.locator("pre[title='Raw parameters (JSON)']");
    await raw.focus();
    await expect(raw).toBeFocused();
    await expectNoSeriousAxeViolations(page, `image page with C2PA ${size}`);
  });
}
