"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { stateAction } from "@/lib/http/server-action";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { ok } from "@/lib/result";
import { getStorage } from "@/lib/storage/storage";

const runSchema = z.object({ fix: z.literal("on").optional(), verifyChecksums: z.literal("on").optional() });

/** Runs the integrity check now (the same as `npm run cli -- doctor`); the page then shows its report. */
export const runDoctorAction = stateAction(
  { name: "runDoctor", access: "admin", input: runSchema },
  async ({ input }) => {
    const report = await runDoctor(
      { db: getDb(), storage: getStorage(), limits: getConfig().limits },
      { fix: input.fix === "on", verifyChecksums: input.verifyChecksums === "on" },
    );
    revalidatePath("/admin/doctor");
    return report.ok ? ok(report.value.status) : report;
  },
);
