"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { runDoctor } from "@/lib/maintenance/doctor/run-doctor";
import { ok } from "@/lib/result";

const runSchema = z.object({ fix: z.literal("on").optional(), verifyChecksums: z.literal("on").optional() });

/** Runs the integrity check now (the same as `npm run cli -- doctor`); the page then shows its report. */
export const runDoctorAction = stateAction(
  { name: "runDoctor", access: "admin", input: runSchema },
  async ({ ctx, input }) => {
    const report = await runDoctor(ctx, {
      fix: input.fix === "on",
      verifyChecksums: input.verifyChecksums === "on",
    });
    revalidatePath("/admin/doctor");
    return report.ok ? ok(report.value.status) : report;
  },
);
