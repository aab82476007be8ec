// Issue 23: review mode shares a view out. Two reviewers in two browsers open the same view at once and are handed
// different images; between them they review every image once, and each sees the team's progress beside their own.
import { expect, type Page, test } from "@playwright/test";
import { DESKTOP, reviewerAt, STAMP, seedSweep, stage } from "./review-ui-support";
import { adminPage, createApiKeyViaUi } from "./support";

const IMAGES = 14;

/** Approves every image the desk hands this reviewer, in order, until it has nothing more; returns their ids. */
async function approveAll(page: Page): Promise<string[]> {
  const done = page.getByText("Nothing more to review in this view.");
  const seen: string[] = [];
  for (let step = 0; step <= IMAGES; step += 1) {
    // Wait for the next image (one not approved yet) or the end.
    await expect(async () => {
      const id = await stage(page).getAttribute("data-image-id");
      expect((await done.isVisible()) || (id !== null && !seen.includes(id))).toBe(true);
    }).toPass();
    const id = await stage(page).getAttribute("data-image-id");
    if (id === null) break;
    seen.push(id);
    await page.keyboard.press("a");
  }
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  return seen;
}

test("two reviewers of one view are handed different images, and see the team's progress", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await adminPage(browser);
  const key = await createApiKeyViaUi(admin, `review-leases-${STAMP}`, ["ingest"]);
  const model = `leases-${STAMP}`;
  // Blue 60: bytes of their own (the other specs of a run share STAMP, and the same bytes would be one image).
  const ids = await seedSweep(admin, key, model, IMAGES, 60);
  // One after the other: each is invited through the admin's page.
  const alice = await reviewerAt(browser, admin, DESKTOP);
  const bob = await reviewerAt(browser, admin, DESKTOP);
  const view = `/review?model=${model}&sort=oldest`;

  await Promise.all([alice.goto(view), bob.goto(view)]);
  await expect(alice.getByTestId("team-done")).toHaveText(`team: 0 of ${IMAGES} settled`);
  const [hers, his] = await Promise.all([approveAll(alice), approveAll(bob)]);
  expect(hers.length).toBeGreaterThan(0);
  expect(his.length).toBeGreaterThan(0);
  expect(hers.filter((id) => his.includes(id))).toEqual([]);
  expect([...hers, ...his].sort()).toEqual([...ids].sort());
  // Each one's own count beside the team's, which counts the other's decisions too once the desk reopens.
  await expect(alice.getByTestId("review-done")).toHaveText(`${hers.length} of ${IMAGES} reviewed`);
  await bob.reload();
  await expect(bob.getByTestId("review-done")).toHaveText(`${his.length} of ${IMAGES} reviewed`);
  await expect(bob.getByTestId("team-done")).toHaveText(`team: ${IMAGES} of ${IMAGES} settled`);
  await bob.screenshot({ path: "test-results/review-leases.png" });

  // A view of approved images is an audit: not shared out, each reviewer walks all of it (from the first they
  // have not decided: Bob's first).
  await alice.goto(`/review?model=${model}&sort=oldest&status=approved`);
  await expect(stage(alice)).toHaveAttribute("data-image-id", ids.find((id) => his.includes(id)) ?? "");
  await expect(alice.getByTestId("team-done")).toHaveCount(0);
});
