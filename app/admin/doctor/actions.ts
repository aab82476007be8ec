"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { ok } from "@/lib/result";
import { getStorage } from "@/lib/storage/storage";

const runSchema = z.object({ fix: z.literal("on").optional(), verifyChecksums: z.literal("on").optional() });

/** Runs the integrity check now (the same as `npm run cli -- doctor`); the page then shows its report. */
export async function runDoctorAction(
  _previous: ActionResult<string> | null,
  form: FormData,
): Promise<ActionResult<string>> {
  return runAction("runDoctor", async () => {
    const user = await requireActionUser("admin");
    if (!user.ok) return user;
    const input = runSchema.parse(Object.fromEntries(asFormData(form)));
    const report = await runDoctor(
      { db: getDb(), storage: getStorage(), limits: getConfig().limits },
      { fix: input.fix === "on", verifyChecksums: input.verifyChecksums === "on" },
    );
    revalidatePath("/admin/doctor");
    return report.ok ? ok(report.value.status) : report;
  });
}
