// Runs before every spec (Playwright's setup project): the printed first admin's forced password change, once.
// The specs run in parallel afterwards; none of them may meet the change half done, and the change ends every
// other session of that admin.
import { expect, test } from "@playwright/test";
import { adminPage, readAdminCredentials, signIn } from "./support";

test("anonymous visitors are sent to sign in; the printed admin must change the password first", async ({
  page,
  browser,
}) => {
  const response = await page.goto("/");
  expect(response?.url()).toMatch(/\/sign-in\?next=%2F$/);
  const credentials = await readAdminCredentials();
  expect(credentials.changed, "a fresh stack's admin has its printed password").toBeFalsy();
  await signIn(page, credentials.email, credentials.password);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("status")).toContainText("printed password");
  // Every other page insists on the change too.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/account\/password$/);
  // The change itself (kept for the specs by adminPage).
  await adminPage(browser);
  expect((await readAdminCredentials()).changed).toBe(true);
});
