import { expect, test } from "@playwright/test";
import { adminPage, createApiKeyViaUi, failOnDialog, invitedUser, signIn } from "./support";

test.describe.configure({ mode: "serial" });

test("admin creates a reviewer who sees the gallery but gets 403 on admin pages", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.goto("/admin/users");
  const email = `reviewer-${Date.now()}@example.com`;
  await admin.getByLabel("E-mail").fill(email);
  await admin
    .locator("form", { hasText: "Create and invite" })
    .locator("select[name=role]")
    .selectOption("reviewer");
  await admin.getByRole("button", { name: "Create and invite" }).click();
  const inviteUrl = (await admin.getByTestId("invite-url").textContent()) ?? "";
  expect(inviteUrl).toMatch(/\/invite\/[\w-]+$/);
  await admin.screenshot({ path: "test-results/admin-users.png", fullPage: true });

  const reviewer = await (await browser.newContext()).newPage();
  await reviewer.goto(new URL(inviteUrl).pathname);
  await reviewer.getByLabel("Password", { exact: true }).fill("reviewer-password-1");
  await reviewer.getByLabel("Password again").fill("reviewer-password-1");
  await reviewer.getByRole("button", { name: "Set password" }).click();
  // Accepting the invitation signs the new user in: no second sign-in with the password just chosen.
  await expect(reviewer).toHaveURL(/\/$/);
  await expect(reviewer.getByText(`${email} · reviewer`)).toBeVisible();
  await expect(reviewer.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "Admin" })).toHaveCount(0);

  for (const adminPath of ["/admin/users", "/admin/keys"]) {
    const response = await reviewer.goto(adminPath);
    expect(response?.status()).toBe(403);
    await expect(reviewer.getByRole("heading", { name: "403 — Not allowed" })).toBeVisible();
  }
  // The invitation works once.
  await reviewer.goto(new URL(inviteUrl).pathname);
  await expect(reviewer.locator("p[role=alert]")).toContainText("invalid, used or expired");
});

test("admin creates an API key, sees the secret once, uses it, revokes it", async ({ browser, request }) => {
  const admin = await adminPage(browser);
  await admin.goto("/admin/keys");
  await admin.getByLabel("Name").fill("e2e-reader");
  await admin.getByRole("checkbox", { name: "read" }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const secret = (await admin.getByTestId("api-key-secret").textContent()) ?? "";
  expect(secret).toMatch(/^lbx_[a-z0-9]{8}_[\w-]{43}$/);

  await admin.reload();
  await expect(admin.getByTestId("api-key-secret")).toHaveCount(0);
  await expect(admin.locator("body")).not.toContainText(secret);

  const allowed = await request.get("/api/v1/images", { headers: { authorization: `Bearer ${secret}` } });
  expect(allowed.status()).toBe(200);

  await admin.getByRole("button", { name: "Revoke e2e-reader" }).click();
  await expect(admin.getByTestId(`api-key-${secret.split("_")[1]}`)).toContainText("revoked");
  const refused = await request.get("/api/v1/images", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({
    error: { code: "unauthorized", message: "The API key is unknown or revoked" },
  });
});

test("20 wrong passwords rate-limit the account; the right one works after the window", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  // A user of its own: the specs running beside this one sign the admin in while this account is limited.
  const { email, password, page: invited } = await invitedUser(await adminPage(browser), browser, "reviewer");
  await invited.context().close();
  failOnDialog(page);
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    await signIn(page, email, `wrong-password-${attempt}`);
    await expect(page.locator("p[role=alert]")).toBeVisible();
  }
  await expect(page.locator("p[role=alert]")).toContainText("Too many failed sign-ins");
  // Even the right password is refused while the account is limited…
  await signIn(page, email, password);
  await expect(page.locator("p[role=alert]")).toContainText("Too many failed sign-ins");
  // …and accepted once the window (40 s in this suite: twenty sign-ins through the form fit in it even on a busy
  // machine) has passed.
  await expect(async () => {
    await signIn(page, email, password);
    await expect(page.getByText(`${email} · reviewer`)).toBeAttached({ timeout: 2000 });
  }).toPass({ timeout: 60_000, intervals: [3000] });
});

test("a wrong password keeps the e-mail in the form", async ({ page }) => {
  const email = `nobody-${Date.now()}@example.com`;
  await signIn(page, email, "not-the-password");
  await expect(page.locator("p[role=alert]")).toContainText("The e-mail or password is wrong");
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
});

test("the public files answer without signing in: favicon, home-screen icon, robots.txt", async ({
  request,
}) => {
  const files: [string, string][] = [
    ["/favicon.ico", "image/x-icon"],
    ["/apple-touch-icon.png", "image/png"],
    ["/robots.txt", "text/plain; charset=UTF-8"],
  ];
  for (const [file, type] of files) {
    const answer = await request.get(file, { maxRedirects: 0 });
    expect(answer.status(), file).toBe(200);
    expect(answer.headers()["content-type"], file).toBe(type);
  }
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /");
});

test("after sign-in, ?next= goes only to our own paths, and odd ones are no 500", async ({ browser }) => {
  const admin = (await adminPage(browser)).context().request;
  const follow = (next: string) =>
    admin.get(`/sign-in?next=${next}`, { maxRedirects: 0, failOnStatusCode: false });
  for (const [next, location] of [
    ["/%09/evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/%0d%0aSet-Cookie:x=1", "/Set-Cookie:x=1"],
    ["/images%3Fview%3Dgrid", "/images?view=grid"],
  ] as const) {
    const response = await follow(next);
    expect(response.status(), next).toBe(307);
    expect(response.headers().location, next).toBe(location);
    expect(response.headers()["set-cookie"] ?? "", next).not.toContain("x=1");
  }
});

test("an address a client writes into X-Forwarded-For is not taken as its own", async ({
  browser,
  request,
}) => {
  const admin = await adminPage(browser);
  const secret = await createApiKeyViaUi(admin, `forwarded-${Date.now()}`, ["read"]);
  const listed = await request.get("/api/v1/images", {
    headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "10.9.9.9", "x-real-ip": "10.9.9.9" },
  });
  expect(listed.status()).toBe(200);
  await admin.goto("/admin/keys");
  const row = admin.getByTestId(`api-key-${secret.split("_")[1]}`);
  await expect(row).toContainText(/from (::1|127\.0\.0\.1|::ffff:127\.0\.0\.1)/);
  await expect(row).not.toContainText("10.9.9.9");
});
