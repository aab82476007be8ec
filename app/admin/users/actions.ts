"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  changeUserRole,
  createUserSchema,
  createUserWithInvite,
  setUserDisabled,
} from "@/lib/auth/users/manage-users";
import { getConfig } from "@/lib/config";
import { USER_ROLES } from "@/lib/enums/roles";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { ok } from "@/lib/result";

export const createUserAction = stateAction(
  { name: "createUser", access: "admin", input: createUserSchema },
  async ({ ctx, user, input }) => {
    const created = await createUserWithInvite(ctx.db, user, input);
    if (!created.ok) return created;
    revalidatePath("/admin/users");
    return ok({ inviteUrl: `${getConfig().appUrl}/invite/${created.value.inviteToken}` });
  },
);

const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(USER_ROLES) });

export const changeRoleAction = stateAction(
  { name: "changeRole", access: "admin", input: changeRoleSchema },
  async ({ ctx, user, input }) => {
    const result = await changeUserRole(ctx.db, user, input.userId, input.role);
    revalidatePath("/admin/users");
    return result;
  },
);

const disableSchema = z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]) });

export const setUserDisabledAction = stateAction(
  { name: "setUserDisabled", access: "admin", input: disableSchema },
  async ({ ctx, user, input }) => {
    const result = await setUserDisabled(ctx.db, user, input.userId, input.disabled === "true");
    revalidatePath("/admin/users");
    return result;
  },
);
