import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/enums/roles";
import { createTestContext } from "@/lib/testing/test-context";
import { hashPassword, verifyPassword } from "../passwords/password";
import { changeUserRole, createUserWithInvite, setUserDisabled } from "./manage-users";
import { acceptInvite, changePassword, findOpenInvite } from "./passwords";

const context = await createTestContext();
const [adminRow] = await context.db
  .insert(users)
  .values({
    email: "root@example.com",
    role: "admin",
    passwordHash: await hashPassword("root password 123"),
    mustChangePassword: true,
  })
  .returning();
if (!adminRow) throw new Error("no admin");
const admin: SessionUser = {
  id: adminRow.id,
  email: adminRow.email,
  name: null,
  role: "admin",
  mustChangePassword: false,
};

describe("user management", () => {
  it("creates a user with a one-time invitation that sets the password once, and audits it", async () => {
    const created = await createUserWithInvite(context.db, admin, {
      email: "new@example.com",
      role: "reviewer",
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(await findOpenInvite(context.db, created.value.inviteToken)).toEqual({
      userId: created.value.userId,
      email: "new@example.com",
    });
    expect(await acceptInvite(context.db, created.value.inviteToken, "short")).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    expect(await acceptInvite(context.db, created.value.inviteToken, "a long enough password")).toEqual({
      ok: true,
      value: { email: "new@example.com" },
    });
    expect(await acceptInvite(context.db, created.value.inviteToken, "another long password")).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const [user] = await context.db.select().from(users).where(eq(users.id, created.value.userId));
    expect(await verifyPassword(user?.passwordHash ?? "", "a long enough password")).toBe(true);
    const audit = await context.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, created.value.userId));
    expect(audit.map((event) => event.action)).toEqual(["user.create"]);
    expect(
      await createUserWithInvite(context.db, admin, { email: "NEW@example.com", role: "viewer" }),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("never demotes the last admin, and audits role changes", async () => {
    expect(await changeUserRole(context.db, admin, admin.id, "viewer")).toEqual({
      ok: false,
      error: { code: "conflict", message: "The last admin cannot be demoted" },
    });
    const second = await createUserWithInvite(context.db, admin, {
      email: "second@example.com",
      role: "reviewer",
    });
    if (!second.ok) throw new Error("create failed");
    expect((await changeUserRole(context.db, admin, second.value.userId, "admin")).ok).toBe(true);
    expect((await changeUserRole(context.db, admin, admin.id, "reviewer")).ok).toBe(true);
    const audit = await context.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "user.role_change"));
    expect(audit.map((event) => event.details)).toEqual([
      { from: "reviewer", to: "admin" },
      { from: "admin", to: "reviewer" },
    ]);
    await changeUserRole(context.db, { ...admin, id: second.value.userId }, admin.id, "admin");
  });

  it("disabling bumps the session version so existing sessions end; nobody disables themselves", async () => {
    const created = await createUserWithInvite(context.db, admin, {
      email: "leaver@example.com",
      role: "viewer",
    });
    if (!created.ok) throw new Error("create failed");
    const before =
      (await context.db.select().from(users).where(eq(users.id, created.value.userId)))[0]?.sessionVersion ??
      0;
    expect((await setUserDisabled(context.db, admin, created.value.userId, true)).ok).toBe(true);
    const [after] = await context.db.select().from(users).where(eq(users.id, created.value.userId));
    expect(after?.disabledAt).not.toBeNull();
    expect(after?.sessionVersion).toBe(before + 1);
    expect(await setUserDisabled(context.db, admin, admin.id, true)).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("changing the password checks the current one and clears the forced change", async () => {
    expect(
      await changePassword(context.db, admin.id, {
        currentPassword: "wrong",
        newPassword: "new password 456",
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    expect(
      await changePassword(context.db, admin.id, {
        currentPassword: "root password 123",
        newPassword: "new password 456",
      }),
    ).toEqual({
      ok: true,
      value: undefined,
    });
    const [row] = await context.db.select().from(users).where(eq(users.id, admin.id));
    expect(row?.mustChangePassword).toBe(false);
    expect(await verifyPassword(row?.passwordHash ?? "", "new password 456")).toBe(true);
  });
});
