"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { USER_ROLES } from "@/db/schema";
import {
  changeUserRole,
  createUserSchema,
  createUserWithInvite,
  setUserDisabled,
} from "@/lib/auth/manage-users";
import { requireActionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { ok } from "@/lib/result";

export async function createUserAction(
  _previous: ActionResult<{ inviteUrl: string }> | null,
  form: FormData,
): Promise<ActionResult<{ inviteUrl: string }>> {
  return runAction("createUser", async () => {
    const actor = await requireActionUser("admin");
    if (!actor.ok) return actor;
    const input = createUserSchema.parse(Object.fromEntries(asFormData(form)));
    const created = await createUserWithInvite(getDb(), actor.value, input);
    if (!created.ok) return created;
    revalidatePath("/admin/users");
    return ok({ inviteUrl: `${getConfig().appUrl}/invite/${created.value.inviteToken}` });
  });
}

const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(USER_ROLES) });

export async function changeRoleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("changeRole", async () => {
    const actor = await requireActionUser("admin");
    if (!actor.ok) return actor;
    const { userId, role } = changeRoleSchema.parse(Object.fromEntries(asFormData(form)));
    const result = await changeUserRole(getDb(), actor.value, userId, role);
    revalidatePath("/admin/users");
    return result;
  });
}

const disableSchema = z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]) });

export async function setUserDisabledAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("setUserDisabled", async () => {
    const actor = await requireActionUser("admin");
    if (!actor.ok) return actor;
    const { userId, disabled } = disableSchema.parse(Object.fromEntries(asFormData(form)));
    const result = await setUserDisabled(getDb(), actor.value, userId, disabled === "true");
    revalidatePath("/admin/users");
    return result;
  });
}
