import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, expect, type Page } from "@playwright/test";

const credentialsFile = () => path.join(process.env.LIGHTBOX_E2E_DATA_DIR ?? "", "first-admin.json");
type Credentials = { email: string; password: string; changed?: boolean };

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The printed first admin, past its forced password change. The first caller does the change (the auth spec
 * asserts that flow); the new password is kept beside the printed one for later specs.
 */
export async function adminPage(browser: Browser): Promise<Page> {
  const credentials = JSON.parse(await readFile(credentialsFile(), "utf8")) as Credentials;
  const page = await (await browser.newContext()).newPage();
  await signIn(page, credentials.email, credentials.password);
  if (!credentials.changed) {
    await expect(page).toHaveURL(/\/account\/password$/);
    const newPassword = `changed-${credentials.password}-x`;
    await page.getByLabel("Current password").fill(credentials.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=changed/);
    await writeFile(credentialsFile(), JSON.stringify({ ...credentials, password: newPassword, changed: true }));
    await signIn(page, credentials.email, newPassword);
  }
  await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
  return page;
}

export async function readAdminCredentials(): Promise<Credentials> {
  return JSON.parse(await readFile(credentialsFile(), "utf8")) as Credentials;
}

/** Fails the test if any page in the context opens a dialog (alert/confirm): injected script ran. */
export function failOnDialog(page: Page): void {
  page.on("dialog", async (dialog) => {
    await dialog.dismiss();
    throw new Error(`a dialog fired: ${dialog.message()}`);
  });
}
