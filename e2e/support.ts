import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Browser, expect, type Page } from "@playwright/test";
import postgres from "postgres";

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
    // The change ends every other session; this one continues into the app, signed in with the new password.
    await expect(page).toHaveURL(/\/$/);
    await writeFile(
      credentialsFile(),
      JSON.stringify({ ...credentials, password: newPassword, changed: true }),
    );
  }
  // The admin pages are grouped under one menu in the header.
  await expect(page.getByRole("button", { name: "Admin" })).toBeVisible();
  return page;
}

export async function readAdminCredentials(): Promise<Credentials> {
  return JSON.parse(await readFile(credentialsFile(), "utf8")) as Credentials;
}

/**
 * Fails the test if any page in the context opens a dialog (alert/confirm): injected script ran. The review desk's
 * own "Leave site?" (a save still on its way when the test navigates) is accepted, as Playwright does by default.
 */
export function failOnDialog(page: Page): void {
  page.on("dialog", async (dialog) => {
    if (dialog.type() === "beforeunload") return dialog.accept();
    await dialog.dismiss();
    throw new Error(`a dialog fired: ${dialog.message()}`);
  });
}

/** Creates a user through the admin UI and the invitation flow; returns a page signed in as that user. */
export async function invitedUserPage(
  admin: Page,
  browser: Browser,
  role: "viewer" | "reviewer" | "admin",
): Promise<Page> {
  return (await invitedUser(admin, browser, role)).page;
}

export async function invitedUser(
  admin: Page,
  browser: Browser,
  role: "viewer" | "reviewer" | "admin",
): Promise<{ page: Page; email: string; password: string }> {
  await admin.goto("/admin/users");
  const email = `${role}-${Date.now()}-${Math.round(Math.random() * 1e6)}@example.com`;
  const form = admin.locator("form", { hasText: "Create and invite" });
  await form.getByLabel("E-mail").fill(email);
  await form.locator("select[name=role]").selectOption(role);
  await form.getByRole("button", { name: "Create and invite" }).click();
  const inviteUrl = (await admin.getByTestId("invite-url").textContent()) ?? "";
  const page = await (await browser.newContext()).newPage();
  await page.goto(new URL(inviteUrl).pathname);
  const password = `${role}-password-123`;
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  // Accepting the invitation signs the new user in.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(`${email} · ${role}`)).toBeAttached();
  return { page, email, password };
}

/**
 * Seed helper: flags a user as having to change the password, as the printed first admin is. No screen does
 * this, and the first admin's one chance is taken by the auth spec. Reaches the launcher's embedded database.
 */
export async function requirePasswordChange(email: string): Promise<void> {
  await withStackDatabase((sql) => sql`update users set must_change_password = true where email = ${email}`);
}

/**
 * Seed helper: puts an image's derivation in a state, as a worker leaves it (pending until it made the variants,
 * failed when the original does not decode). The variant rows stay, so 'done' again is exactly the worker's commit.
 */
export async function setDeriveState(
  imageId: string,
  state: "pending" | "done" | "failed",
  error: string | null = null,
): Promise<void> {
  await withStackDatabase(
    (sql) => sql`update images set derive_state = ${state}, derive_error = ${error} where id = ${imageId}`,
  );
}

async function withStackDatabase(work: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const lock = JSON.parse(
    await readFile(path.join(process.env.LIGHTBOX_E2E_DATA_DIR ?? "", "lightbox.lock"), "utf8"),
  ) as { services?: { DATABASE_URL?: string } };
  const sql = postgres(lock.services?.DATABASE_URL ?? "", { max: 1 });
  try {
    await work(sql);
  } finally {
    await sql.end();
  }
}

/** Waits until a worker has derived these images (their thumbnails exist); needs a key with the read scope. */
export async function waitForDerived(page: Page, key: string, ids: string[]): Promise<void> {
  const pending = async () => {
    let count = 0;
    for (const id of ids) {
      const answer = await page.request.get(`/api/v1/images/${id}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      // A key without the read scope would read as "pending" forever: say so at once instead.
      if (answer.status() !== 200) throw new Error(`GET /api/v1/images/${id} answered ${answer.status()}`);
      if (((await answer.json()) as { derive_state?: string }).derive_state !== "done") count += 1;
    }
    return count;
  };
  if ((await pending()) === 0) return;
  await expect.poll(pending, { timeout: 60_000, message: "images still waiting for the worker" }).toBe(0);
}

/** Creates an API key through the admin UI and returns its secret. */
export async function createApiKeyViaUi(admin: Page, name: string, scopes: string[]): Promise<string> {
  await admin.goto("/admin/keys");
  await admin.getByLabel("Name").fill(name);
  for (const scope of ["ingest", "read", "critic", "admin"]) {
    await admin.getByRole("checkbox", { name: scope, exact: true }).setChecked(scopes.includes(scope));
  }
  await admin.getByRole("button", { name: "Create key" }).click();
  return (await admin.getByTestId("api-key-secret").textContent()) ?? "";
}
