"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueApiKey, issueApiKeySchema, revokeApiKey } from "@/lib/auth/manage-api-keys";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { ok } from "@/lib/result";

export async function createApiKeyAction(
  _previous: ActionResult<{ key: string; name: string }> | null,
  form: FormData,
): Promise<ActionResult<{ key: string; name: string }>> {
  return runAction("createApiKey", async () => {
    const actor = await requireActionUser("admin");
    if (!actor.ok) return actor;
    const fields = asFormData(form);
    const input = issueApiKeySchema.parse({
      name: fields.get("name"),
      scopes: fields.getAll("scopes"),
      expiresInDays: fields.get("expiresInDays") || undefined,
    });
    const created = await issueApiKey(getDb(), actor.value, input);
    if (!created.ok) return created;
    revalidatePath("/admin/keys");
    return ok({ key: created.value.key, name: created.value.name });
  });
}

const revokeSchema = z.object({ keyId: z.uuid() });

export async function revokeApiKeyAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("revokeApiKey", async () => {
    const actor = await requireActionUser("admin");
    if (!actor.ok) return actor;
    const { keyId } = revokeSchema.parse(Object.fromEntries(asFormData(form)));
    const result = await revokeApiKey(getDb(), actor.value, keyId);
    revalidatePath("/admin/keys");
    return result;
  });
}
