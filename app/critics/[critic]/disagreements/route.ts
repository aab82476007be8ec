import { z } from "zod";
import { criticNameSchema, criticVersionSchema } from "@/lib/critics/critic-name";
import { DISAGREEMENT_FORMATS, exportDisagreements } from "@/lib/critics/export-disagreements";
import { sessionRoute } from "@/lib/http/wrappers/session-route";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ critic: criticNameSchema });
const querySchema = z.object({
  version: criticVersionSchema,
  format: z.enum(DISAGREEMENT_FORMATS).default("csv"),
});

/** Streams a critic version's disagreements with the humans as CSV or JSONL (a training signal for the critic). */
export const GET = sessionRoute(
  { role: "viewer", params: paramsSchema, query: querySchema },
  async ({ ctx, params, query }) => exportDisagreements(ctx.db, { critic: params.critic, ...query }),
);
