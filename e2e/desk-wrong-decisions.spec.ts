// Issue 26, "wrong decisions": a drag after a bulk action selects only what it covers, and "select all"
// means the whole filtered view (server side, counted, confirmed, undoable), at 1440×900 and 390×844 (touch).
import { type Browser, expect, type Page, test } from "@playwright/test";
import { gridRows, seedImages, selectedIds, topOf, word } from "./desk-support";
import { DESKTOP, PHONE, reviewerAt, shoot } from "./review-ui-support";
import { adminPage, createApiKeyViaUi } from "./support";

let seeder: Promise<{ admin: Page; key: string }> | null = null;
const seed = (browser: Browser) => {
  seeder ??= (async () => {
    const admin = await adminPage(browser);
    return {
      admin,
      key: await createApiKeyViaUi(admin, `wrong-decisions-${Date.now()}`, ["ingest", "read"]),
    };
  })();
  return seeder;
};

test("1440×900: after Approve and Clear, a drag over tiles 3–6 of row 2 selects those four and nothing above", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { admin, key } = await seed(browser);
  const ramen = word("ramen");
  await seedImages(admin, key, 24, { prompt: `a bowl of ${ramen} noodles` });
  // An admin's toolbar holds the most (add to dataset too), and a library's names make its menus wide: where the
  // toolbar used to grow a line as soon as one tile was selected.
  const page = admin;
  await page.setViewportSize(DESKTOP);
  await page.goto("/admin/tags");
  await page.getByTestId("new-tag").getByLabel("Tag name").fill(`hands with six fingers or more ${ramen}`);
  await page.getByTestId("new-tag").getByRole("button", { name: "Add tag" }).click();
  await page.goto("/datasets");
  await page.getByLabel("Name", { exact: true }).fill(`portraits for the autumn style LoRA ${ramen}`);
  await page.getByLabel("Review status").selectOption("");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await page.goto(`/?q=${ramen}`);
  const tiles = page.getByTestId("gallery-tile");
  await expect(tiles).toHaveCount(24);
  const grid = page.getByTestId("gallery-grid");
  const gridTop = await topOf(grid);

  await tiles
    .nth(0)
    .locator("a")
    .click({ modifiers: ["ControlOrMeta"] });
  await expect(page.getByTestId("selection-count")).toHaveText("1 selected");
  // The toolbar keeps its height whatever it holds: the grid never moves under the pointer (soft: the drag below
  // is the decision that went wrong, and it must be seen too).
  expect.soft(await topOf(grid)).toBe(gridTop);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("bulk-message")).toContainText("Approved 1");
  // The tile says so with a glyph and a word, not a colour-only dot; an unreviewed tile shows no ring.
  await expect(tiles.nth(0).locator("[data-status=approved]")).toHaveText("✓approved");
  await expect(tiles.nth(1).locator("[data-status=unreviewed]")).toHaveClass(/sr-only/);
  await page.getByRole("button", { name: "Clear" }).click();
  expect.soft(await topOf(grid)).toBe(gridTop);

  const rows = await gridRows(page);
  const target = (rows[1] ?? []).slice(2, 6);
  expect(target).toHaveLength(4);
  const [from, to] = [target[0]?.box, target[3]?.box];
  if (!from || !to) throw new Error("row 2 has fewer than six tiles");
  // From near the top-left corner of tile 3 to inside tile 6, as a hand drags across a row.
  await page.mouse.move(from.x + 12, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 16, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId("selection-count")).toHaveText("4 selected");
  expect((await selectedIds(page)).sort()).toEqual(target.map((tile) => tile.id).sort());
  expect(await topOf(grid)).toBe(gridTop);
  await shoot(page, "drag-select", "desktop");
});

test("390×844 touch: selecting and a bulk action never move the grid; taps select exactly what they touch", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { admin, key } = await seed(browser);
  const udon = word("udon");
  await seedImages(admin, key, 8, { prompt: `a bowl of ${udon} noodles` });
  const page = await reviewerAt(browser, admin, PHONE, true);
  await page.goto(`/?q=${udon}`);
  const tiles = page.getByTestId("gallery-tile");
  await expect(tiles).toHaveCount(8);
  const grid = page.getByTestId("gallery-grid");
  const gridTop = await topOf(grid);
  await page.getByRole("button", { name: "Select", exact: true }).tap();
  expect(await topOf(grid)).toBe(gridTop);
  await tiles.nth(0).locator("a").tap();
  await expect(page.getByTestId("selection-count")).toHaveText("1 selected");
  expect(await topOf(grid)).toBe(gridTop);
  await page.getByRole("button", { name: "Approve", exact: true }).tap();
  await expect(page.getByTestId("bulk-message")).toContainText("Approved 1");
  expect(await topOf(grid)).toBe(gridTop);
  await page.getByRole("button", { name: "Clear" }).tap();
  expect(await topOf(grid)).toBe(gridTop);
  const ids = await tiles.evaluateAll((all) => all.map((tile) => tile.getAttribute("data-tile-id") ?? ""));
  await tiles.nth(2).locator("a").tap();
  await tiles.nth(3).locator("a").tap();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  expect((await selectedIds(page)).sort()).toEqual([ids[2], ids[3]].sort());
  expect(await topOf(grid)).toBe(gridTop);
  await shoot(page, "tap-select", "phone");
});

for (const [size, viewport, isTouch] of [
  ["desktop", DESKTOP, false],
  ["phone", PHONE, true],
] as const) {
  test(`${size}: "select all" is the whole filtered view, counted by the server, confirmed, and undone in one step`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const { admin, key } = await seed(browser);
    const soba = word(`soba${size}`);
    // More than one page of tiles (60), so "what happens to be loaded" and "the view" differ.
    await seedImages(admin, key, 65, { prompt: `cold ${soba} on a tray` });
    const page = await reviewerAt(browser, admin, viewport, isTouch);
    const click = (locator: ReturnType<Page["getByRole"]>) => (isTouch ? locator.tap() : locator.click());
    await page.goto(`/?q=${soba}`);
    if (size === "desktop") {
      // Large tiles, so the first page (60) does not already reach the infinite scroll's margin at 900 px.
      await page.getByLabel("Tiles").selectOption("large");
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId("gallery-grid")).toHaveAttribute("data-tile-size", "large", {
          timeout: 1000,
        });
      }).toPass();
    }
    await expect(page.getByTestId("view-count")).toHaveText("65 images");
    await expect(page.getByTestId("gallery-tile")).toHaveCount(60);
    await click(page.getByRole("button", { name: "Select all in view" }));
    await expect(page.getByTestId("selection-count")).toHaveText("All 65 in this view");
    await click(page.getByRole("button", { name: "Approve", exact: true }));
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("Approve all 65 images in this view?");
    await shoot(page, "select-all-confirm", size);
    await click(confirm.getByRole("button", { name: "Approve 65" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Approved 65");
    await page.goto(`/?q=${soba}&status=approved`);
    await expect(page.getByTestId("view-count")).toHaveText("65 images");
    // One undo takes the whole bulk decision back.
    await page.goto(`/?q=${soba}`);
    await click(page.getByRole("button", { name: "Select all in view" }));
    await click(page.getByRole("button", { name: "Reject", exact: true }));
    await click(page.getByRole("alertdialog").getByRole("button", { name: "Reject 65" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Rejected 65");
    await click(page.getByRole("button", { name: "Undo" }));
    await expect(page.getByTestId("bulk-message")).toContainText("Undone: 65");
    await page.goto(`/?q=${soba}&status=approved`);
    await expect(page.getByTestId("view-count")).toHaveText("65 images");
  });
}
