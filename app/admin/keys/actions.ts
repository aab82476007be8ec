"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueApiKey, issueApiKeySchema, revokeApiKey } from "@/lib/auth/keys/manage-api-keys";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { ok } from "@/lib/result";

export const createApiKeyAction = stateAction(
  {
    name: "createApiKey",
    access: "admin",
    input: issueApiKeySchema,
    // Scopes are checkboxes: every checked one, however many.
    fields: (values, form) => ({
      name: values.name,
      scopes: form.getAll("scopes"),
      expiresInDays: values.expiresInDays || undefined,
    }),
  },
  async ({ ctx, user, input }) => {
    const created = await issueApiKey(ctx.db, { userId: user.id }, input);
    revalidatePath("/admin/keys");
    return ok({ key: created.key, name: created.name });
  },
);

export const revokeApiKeyAction = stateAction(
  { name: "revokeApiKey", access: "admin", input: z.object({ keyId: z.uuid() }) },
  async ({ ctx, user, input }) => {
    const result = await revokeApiKey(ctx.db, { userId: user.id }, { id: input.keyId });
    revalidatePath("/admin/keys");
    return result.ok ? ok(undefined) : result;
  },
);
