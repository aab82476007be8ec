import { expect, test } from "@playwright/test";
import { press, solidPng, stage } from "./review-ui-support";
import { adminPage, createApiKeyViaUi, failOnDialog, invitedUserPage } from "./support";

const STAMP = Date.now().toString(36);
const MODEL = `desk-model-${STAMP}`;
const OTHER_MODEL = `other-model-${STAMP}`;
const REASON = `blurry-${STAMP}`;

async function makePng(index: number): Promise<Buffer> {
  const background = {
    r: (index * 37 + Number.parseInt(STAMP.slice(-2), 36)) % 256,
    g: (index * 91) % 256,
    b: 120,
  };
  return solidPng(background, 640, 480);
}

test("review desk: filter, review ten images by keyboard, reload, history, conflicts, compare", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = await adminPage(browser);
  failOnDialog(admin);
  const key = await createApiKeyViaUi(admin, `review-desk-${STAMP}`, ["ingest"]);

  await admin.goto("/admin/tags");
  const newTag = admin.getByTestId("new-tag");
  await newTag.getByLabel("Tag name").fill(REASON);
  await newTag.getByLabel("Kind").selectOption("reject_reason");
  await newTag.getByRole("button", { name: "Add tag" }).click();
  await expect(admin.getByTestId(`tag-${REASON}`)).toBeVisible();

  const ids: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    const model = index < 10 ? MODEL : OTHER_MODEL;
    const prompt =
      index % 3 === 0 ? `a lighthouse at dusk ${STAMP} #${index}` : `a forest in fog ${STAMP} #${index}`;
    const posted = await request.post("/api/v1/images", {
      headers: { authorization: `Bearer ${key}` },
      multipart: {
        file: { name: `desk-${index}.png`, mimeType: "image/png", buffer: await makePng(index) },
        metadata: JSON.stringify({ prompt, model, seed: 1000 + index, steps: 20, run: `desk-${STAMP}` }),
      },
    });
    expect(posted.status()).toBe(201);
    ids.push(((await posted.json()) as { id: string }).id);
  }
  const mine = ids.slice(0, 10);

  // Gallery: filter by model, then by a prompt word, through the filter bar; the URL carries the view.
  await admin.goto("/");
  // The filters are folded at every size, so the images start near the top.
  await admin.getByRole("button", { name: "Filters", exact: true }).click();
  await admin.getByLabel("Model").fill(MODEL);
  await admin.getByLabel("Sort").selectOption("oldest");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(new RegExp(`model=${MODEL}`));
  await expect(admin.getByTestId("view-count")).toHaveText("10 images");
  await expect(admin.getByTestId("gallery-tile")).toHaveCount(10);
  await admin.getByLabel("Prompt search").fill(`lighthouse ${STAMP}`);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("view-count")).toHaveText("4 images");
  await admin.getByLabel("Prompt search").fill("");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("view-count")).toHaveText("10 images");
  await admin.screenshot({ path: "test-results/gallery.png" });

  // Selection: Ctrl-click one tile, Shift-click a range, then label them in bulk.
  const tiles = admin.getByTestId("gallery-tile").locator("a");
  await tiles.nth(0).click({ modifiers: ["ControlOrMeta"] });
  await tiles.nth(2).click({ modifiers: ["Shift"] });
  await expect(admin.getByTestId("selection-count")).toHaveText("3 selected");
  await admin.getByLabel("Tag selected").selectOption({ label: REASON });
  await expect(admin.getByRole("status")).toHaveText("Tagged 3");
  await admin.getByRole("button", { name: "Clear" }).click();

  // Review mode over the same view, keyboard only.
  await admin.getByRole("link", { name: "Review this view →" }).click();
  await expect(admin.getByTestId("review-progress")).toHaveText("10 of 10 left in this view");
  const [i1 = "", i2 = "", i3 = "", i4 = "", i5 = "", i6 = "", i7 = "", i8 = "", i9 = "", i10 = ""] = mine;
  await press(admin, "a", i1, i2);
  await press(admin, "t", i2);
  await admin.getByLabel("Find a tag").fill(REASON.slice(0, 10));
  await admin.keyboard.press("Enter");
  await expect(admin.getByTestId("my-reasons")).toHaveText(REASON);
  await admin.screenshot({ path: "test-results/review.png" });
  await press(admin, "x", i2, i3);
  await press(admin, "4", i3);
  await expect(admin.getByTestId("my-score")).toHaveAttribute("data-score", "4");
  await press(admin, "a", i3, i4);
  await press(admin, "x", i4, i5);
  await press(admin, "s", i5, i6);
  await press(admin, "a", i6, i7);
  await press(admin, "a", i7, i8);
  await press(admin, "x", i8, i9);
  await press(admin, "a", i9, i10);
  await press(admin, "a", i10);
  await expect(admin.getByText("Nothing more to review in this view.")).toBeVisible();
  await admin.keyboard.press("u");
  await expect(stage(admin)).toHaveAttribute("data-image-id", i10);
  await expect(admin.getByTestId("my-decision")).toHaveText("undecided");
  await expect(admin.getByTestId("review-progress")).toHaveText("1 of 10 left in this view");
  await admin.keyboard.press("?");
  await expect(admin.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await admin.keyboard.press("Escape");
  await press(admin, "s", i10);
  await expect(admin.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(admin.getByTestId("review-progress")).toHaveText("0 of 10 left in this view");

  // A reload keeps every decision.
  await admin.reload();
  await expect(stage(admin)).toHaveAttribute("data-image-id", i1);
  await expect(admin.getByTestId("my-decision")).toHaveText("approve");
  await press(admin, "j", i1, i2);
  await expect(admin.getByTestId("my-decision")).toHaveText("reject");
  await expect(admin.getByTestId("my-reasons")).toHaveText(REASON);
  await press(admin, "j", i2, i3);
  await expect(admin.getByTestId("my-score")).toHaveAttribute("data-score", "4");

  // The statuses the consensus rule derived, through the gallery's filters.
  const countOf = async (status: string) => {
    await admin.goto(`/?model=${MODEL}&status=${status}`);
    return admin.getByTestId("view-count").textContent();
  };
  expect(await countOf("approved")).toBe("5 images");
  expect(await countOf("rejected")).toBe("3 images");
  expect(await countOf("skipped")).toBe("2 images");
  expect(await countOf("unreviewed_me")).toBe("0 images");

  // The image page shows the trail: decision, reason tag, and the undo on the tenth.
  await admin.goto(`/images/${i2}`);
  await expect(admin.getByTestId("review-history").locator("li")).toHaveCount(2);
  await expect(admin.getByTestId("review-history")).toContainText("decided reject");
  await expect(admin.getByTestId("image-reasons")).toHaveText(REASON);
  await admin.goto(`/images/${i10}`);
  await expect(admin.getByTestId("review-history").locator("li[data-action=undo]")).toHaveCount(1);
  await expect(admin.getByTestId("review-history").locator("li")).toHaveCount(3);
  await admin.screenshot({ path: "test-results/image-page.png", fullPage: true });

  // A second reviewer of the view is handed only what still waits for a review: the two images the admin skipped.
  const reviewer = await invitedUserPage(admin, browser, "reviewer");
  await reviewer.goto(`/review?model=${MODEL}&sort=oldest`);
  await press(reviewer, "j", i5, i10);
  await press(reviewer, "j", i10);
  await expect(reviewer.getByText("Nothing more to review in this view.")).toBeVisible();
  // They check what was approved (a view of settled images is walked whole, not shared out) and reject one: the
  // image becomes conflicting.
  await reviewer.goto(`/review?model=${MODEL}&sort=oldest&status=approved`);
  await press(reviewer, "x", i1, i3);
  await expect(reviewer.getByTestId("save-state")).toHaveText("All changes saved");
  await admin.goto(`/?model=${MODEL}&status=conflicting`);
  await expect(admin.getByTestId("view-count")).toHaveText("1 image");
  await expect(admin.locator(`a[href="/images/${i1}"]`)).toBeVisible();

  // Compare two images: the seed differs and is highlighted, the model is the same.
  await admin.goto(`/compare?ids=${i1},${i2}`);
  await expect(admin.getByTestId("compare-pane")).toHaveCount(2);
  await expect(admin.locator('tr[data-field="Seed"]')).toHaveAttribute("data-differs", "true");
  await expect(admin.locator('tr[data-field="Model"]')).not.toHaveAttribute("data-differs", "true");
  await admin.screenshot({ path: "test-results/compare.png", fullPage: true });
});
